import type { MigrationEntry } from '@hookline/db';
import { CreateRegistrySchema } from './0001-registry';
import { AddPrincipalsAndApprovalTargets } from './0002-principals';
import { CreatePortalSessions } from './0003-portal-sessions';
import { KeysActForTheirHolder } from './0004-keys-act-for-their-holder';
import { CreateWireProfiles } from './0005-wire-profiles';
import { AddEventTypeSchemas } from './0006-event-type-schemas';
import { AddWebhookFilters } from './0007-webhook-filters';
import { AddCredentialChangeFeed } from './0008-credential-changes';

export const registryMigrations: MigrationEntry[] = [
  { name: '0001-registry', class: CreateRegistrySchema },
  { name: '0002-principals', class: AddPrincipalsAndApprovalTargets },
  { name: '0003-portal-sessions', class: CreatePortalSessions },
  { name: '0004-keys-act-for-their-holder', class: KeysActForTheirHolder },
  { name: '0005-wire-profiles', class: CreateWireProfiles },
  { name: '0006-event-type-schemas', class: AddEventTypeSchemas },
  { name: '0007-webhook-filters', class: AddWebhookFilters },
  { name: '0008-credential-changes', class: AddCredentialChangeFeed },
];
