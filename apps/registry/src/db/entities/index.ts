import { ApiKeyEntity } from './api-key';
import { ApprovalEntity } from './approval';
import { EventTypeEntity } from './event-type';
import { EventTypeSchemaEntity } from './event-type-schema';
import { MasterKeyCheckEntity } from './master-key-check';
import { OrgSettingsEntity } from './org-settings';
import { OrgWireProfileEntity } from './org-wire-profile';
import { OrganizationEntity } from './organization';
import { OutboxMessageEntity } from './outbox-message';
import { PortalSessionEntity } from './portal-session';
import { SigningKeyEntity } from './signing-key';
import { WebhookEntity } from './webhook';

/** Every registry table as a MikroORM entity, so the migrations can be checked against them. */
export const registryEntities = [
  OrganizationEntity,
  OrgSettingsEntity,
  OrgWireProfileEntity,
  ApiKeyEntity,
  EventTypeEntity,
  EventTypeSchemaEntity,
  PortalSessionEntity,
  ApprovalEntity,
  WebhookEntity,
  SigningKeyEntity,
  OutboxMessageEntity,
  MasterKeyCheckEntity,
];
