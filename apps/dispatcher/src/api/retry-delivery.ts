import { NotFoundError } from '@hookline/errors';
import type { Pool } from 'pg';
import { scheduleManualRetry } from '../db/delivery-store';
import type { DeliveryView } from '../db/delivery-reads';
import { getDelivery } from './get-delivery';

/**
 * Manual retry: the delivery becomes due now and is enqueued by the retry poller (for the
 * owning instance). It is marked manual, so if this attempt fails it is not retried automatically.
 */
export async function retryDelivery(pool: Pool, orgId: string, deliveryId: string): Promise<DeliveryView> {
  if (!(await scheduleManualRetry(pool, orgId, deliveryId))) throw new NotFoundError(`delivery ${deliveryId} not found`, { code: 'not_found' });
  return getDelivery(pool, orgId, deliveryId);
}
