import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import type { IngestionClient } from '../peers';
import type { DeliveryConfigCache } from '../webhook-config/delivery-config-cache';

/** What the deliveries API's use cases need. */
export interface DeliveriesApiDeps {
  pool: Pool;
  configs: DeliveryConfigCache;
  ingestion: IngestionClient;
  logger: Logger;
}
