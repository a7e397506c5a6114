import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry, type Admin } from 'kafkajs';
import { topicNames } from '../topics';
import { KAFKA_ACCESS, KAFKA_SERVICES, kafkaUserOf, type KafkaService } from './acl-plan';

const allow = (
  service: KafkaService,
  resourceType: AclResourceTypes,
  resourceName: string,
  resourcePatternType: ResourcePatternTypes,
  operation: AclOperationTypes,
): AclEntry => ({
  principal: `User:${kafkaUserOf(service)}`,
  host: '*',
  resourceType,
  resourceName,
  resourcePatternType,
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

/**
 * The ACL entries that grant exactly the access table for the topics and groups of one topic
 * prefix ('' for a deployment's own names). Topics are LITERAL (the exact names); groups are
 * LITERAL or PREFIXED as their row says.
 */
export function kafkaAclEntries(prefix: string): AclEntry[] {
  const topics = topicNames(prefix);
  const entries: AclEntry[] = [];
  for (const service of KAFKA_SERVICES) {
    const access = KAFKA_ACCESS[service];
    const onTopic = (key: keyof typeof topics, operation: AclOperationTypes) =>
      entries.push(allow(service, AclResourceTypes.TOPIC, topics[key], ResourcePatternTypes.LITERAL, operation));
    for (const topic of access.creates) {
      onTopic(topic, AclOperationTypes.CREATE);
      onTopic(topic, AclOperationTypes.DESCRIBE);
    }
    for (const topic of access.writes) onTopic(topic, AclOperationTypes.WRITE);
    for (const { topic, groups } of access.reads) {
      onTopic(topic, AclOperationTypes.READ);
      for (const { group, match, deletes } of groups) {
        const pattern = match === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL;
        entries.push(allow(service, AclResourceTypes.GROUP, `${prefix}${group}`, pattern, AclOperationTypes.READ));
        if (deletes) entries.push(allow(service, AclResourceTypes.GROUP, `${prefix}${group}`, pattern, AclOperationTypes.DELETE));
      }
    }
  }
  return entries;
}

/**
 * Grants every service principal its access to the topics of `prefix` (idempotent: the broker
 * keeps one copy of an ACL created twice). `admin` is connected as the broker's administrator.
 */
export async function provisionKafkaAccess(admin: Admin, prefix: string): Promise<void> {
  await admin.createAcls({ acl: kafkaAclEntries(prefix) });
}
