import { parseTimestamp } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import { endUserScope } from '@hookline/grpc';
import type { dispatcherV1 } from '@hookline/proto';
import type { Pool } from 'pg';
import { deliveryStats, type StatsBucket } from '../stats/delivery-stats';

function time(value: string, param: string): Date {
  const parsed = parseTimestamp(value);
  if (!parsed) throw new InputError(`${param} must be an RFC 3339 timestamp`, { code: `${param}_invalid`, param });
  return parsed;
}

const bucketToProto = (b: StatsBucket): dispatcherV1.DeliveryStatsBucket => ({
  start: b.start.toISOString(),
  delivered: b.delivered,
  failed: b.failed,
  pending: b.pending,
  attempts: b.attempts,
  latencyP50Ms: b.latencyP50Ms,
  latencyP95Ms: b.latencyP95Ms,
});

/** GetDeliveryStats: proto ↔ domain only. */
export function statsHandlers(pool: Pool) {
  return {
    async getDeliveryStats(request: dispatcherV1.GetDeliveryStatsRequest): Promise<dispatcherV1.DeliveryStats> {
      const stats = await deliveryStats(pool, {
        orgId: endUserScope(request).orgId,
        webhookId: request.webhookId || undefined,
        from: time(request.from, 'from'),
        to: time(request.to, 'to'),
        intervalSeconds: request.intervalSeconds,
      });
      return { buckets: stats.buckets.map(bucketToProto), total: bucketToProto(stats.total) };
    },
  };
}
