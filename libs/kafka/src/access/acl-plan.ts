import type { TopicNames } from '../topics';

/**
 * Who may do what on the bus: the one table the broker's ACLs are made from
 * (`provisionKafkaAccess`), the local broker's principals (tools/kafka) and the tests that check
 * each grant (broker-access.int-spec.ts). A service's Kafka use that is not here is refused by the
 * broker: add a row (or a topic, group or write to a row) in the same change that adds the use.
 */
export const KAFKA_SERVICES = ['ingestion', 'dispatcher', 'registry', 'gateway', 'audit'] as const;
export type KafkaService = (typeof KAFKA_SERVICES)[number];

export type TopicKey = keyof TopicNames;

/** A consumer group, named after the topic prefix; `prefixed` also covers every longer name. */
export interface GroupGrant {
  group: string;
  match: 'literal' | 'prefixed';
  /** The service deletes the group when it stops (the dispatcher's per-instance change-feed group). */
  deletes?: boolean;
}

export interface ServiceAccess {
  /** Topics it creates at start-up (if missing). */
  creates: TopicKey[];
  /** Topics it produces to. */
  writes: TopicKey[];
  /** Topics it consumes, each in its own groups. */
  reads: { topic: TopicKey; groups: GroupGrant[] }[];
  /** Why, in a sentence (docs/security.md repeats it). */
  purpose: string;
}

export const KAFKA_ACCESS: Record<KafkaService, ServiceAccess> = {
  ingestion: {
    purpose: 'the only producer of events; archives them in its own group',
    creates: ['events'],
    writes: ['events'],
    reads: [{ topic: 'events', groups: [{ group: 'ingestion-archive', match: 'literal' }] }],
  },
  dispatcher: {
    purpose: 'fans events out to delivery tasks, sends them, follows the webhook change feed',
    creates: ['deliveries', 'webhookChanges'],
    writes: ['deliveries'],
    reads: [
      {
        topic: 'events',
        groups: [
          { group: 'dispatcher-fanout', match: 'literal' },
          { group: 'dispatcher-notify', match: 'literal' },
        ],
      },
      { topic: 'deliveries', groups: [{ group: 'dispatcher-sender', match: 'literal' }] },
      { topic: 'webhookChanges', groups: [{ group: 'dispatcher-changes-', match: 'prefixed', deletes: true }] },
    ],
  },
  registry: {
    purpose: 'relays its outbox: webhook changes, credential changes (revocations) and the audit records of its own changes',
    creates: ['webhookChanges', 'credentialChanges', 'audit'],
    writes: ['webhookChanges', 'credentialChanges', 'audit'],
    reads: [],
  },
  gateway: {
    purpose: 'emits the access audit trail of every request; follows the credential feed into its cache of API keys and portal sessions',
    creates: ['credentialChanges'],
    writes: ['audit'],
    reads: [{ topic: 'credentialChanges', groups: [{ group: 'gateway-credentials-', match: 'prefixed', deletes: true }] }],
  },
  audit: {
    purpose: 'stores audit records in its chains; writes the audit topic only to replay a dead letter',
    creates: ['audit'],
    writes: ['audit'],
    // HOOKLINE_AUDIT_CONSUMER_GROUP must start with `<prefix>audit-store`.
    reads: [{ topic: 'audit', groups: [{ group: 'audit-store', match: 'prefixed' }] }],
  },
};

/** The broker's administrator: creates ACLs, never used by a service. */
export const KAFKA_ADMIN_USER = 'hookline-admin';

/** The SASL user name of a service. */
export const kafkaUserOf = (service: KafkaService) => `hookline-${service}`;
