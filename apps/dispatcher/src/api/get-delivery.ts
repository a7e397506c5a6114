import { NotFoundError } from '@hookline/errors';
import type { Pool } from 'pg';
import { selectAttempts, selectDelivery, type AttemptView, type DeliveryView } from '../db/delivery-reads';

/** One delivery of the org; NotFound for another org's. */
export async function getDelivery(pool: Pool, orgId: string, deliveryId: string): Promise<DeliveryView> {
  const delivery = await selectDelivery(pool, orgId, deliveryId);
  if (!delivery) throw new NotFoundError(`delivery ${deliveryId} not found`, { code: 'not_found' });
  return delivery;
}

/** One delivery with its attempts, oldest first. */
export async function getDeliveryWithAttempts(pool: Pool, orgId: string, deliveryId: string): Promise<{ delivery: DeliveryView; attempts: AttemptView[] }> {
  const delivery = await getDelivery(pool, orgId, deliveryId);
  return { delivery, attempts: await selectAttempts(pool, delivery.id) };
}
