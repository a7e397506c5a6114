import type { WireProfile } from '@hookline/contract';
import type { Database } from '@hookline/db';
import type { WebhookUrlOptions } from '@hookline/egress';
import type { Logger } from '@hookline/logging';
import type { SecretBox } from '@hookline/secrets';
import type { Clock } from './clock';

/** What every registry use case needs, wired once in app.ts. */
export interface RegistryDeps {
  db: Database;
  box: SecretBox;
  clock: Clock;
  logger: Logger;
  maxWebhooksPerOrg: number;
  urlOptions: WebhookUrlOptions;
  /** The platform's wire profile for organizations without their own; standard-webhooks when unset. */
  defaultWireProfile?: WireProfile;
}
