import { parseTimestamp, requirePageLimit } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import { endUserScope, type CallContext } from '@hookline/grpc';
import type { dispatcherV1 } from '@hookline/proto';
import type { AttemptView, DeliveryView } from '../db/delivery-reads';
import type { DeliveriesApiDeps } from '../api/deliveries-api';
import { getDeliveryWithAttempts } from '../api/get-delivery';
import { listDeliveries } from '../api/list-deliveries';
import { recoverWebhook } from '../api/recover-webhook';
import { retryDelivery } from '../api/retry-delivery';
import { sendTestEvent } from '../api/send-test-event';

/** The DispatcherService deliveries RPCs: proto ↔ api/ only; the org is the end user's (`endUserScope`). */
export function deliveryHandlers(deps: DeliveriesApiDeps) {
  const { pool } = deps;
  return {
    async listDeliveries(request: dispatcherV1.ListDeliveriesRequest): Promise<dispatcherV1.ListDeliveriesResponse> {
      // The request's shape: page size, org and times; the filter's meaning is the use case's.
      const limit = requirePageLimit(request.page?.limit ?? 0);
      const page = await listDeliveries(
        pool,
        {
          orgId: endUserScope(request).orgId,
          webhookId: request.webhookId || undefined,
          status: request.status || undefined,
          eventType: request.eventType || undefined,
          createdAfter: optionalTime(request.createdAfter, 'created_after'),
          createdBefore: optionalTime(request.createdBefore, 'created_before'),
          isTest: request.isTest,
        },
        limit,
        request.page?.cursor ?? '',
      );
      return { deliveries: page.items.map(deliveryToProto), page: { nextCursor: page.nextCursor, prevCursor: page.prevCursor } };
    },

    async getDelivery(request: dispatcherV1.GetDeliveryRequest): Promise<dispatcherV1.GetDeliveryResponse> {
      const { delivery, attempts } = await getDeliveryWithAttempts(pool, endUserScope(request).orgId, request.deliveryId);
      return { delivery: deliveryToProto(delivery), attempts: attempts.map(attemptToProto) };
    },

    async retryDelivery(request: dispatcherV1.RetryDeliveryRequest): Promise<dispatcherV1.RetryDeliveryResponse> {
      return { delivery: deliveryToProto(await retryDelivery(pool, endUserScope(request).orgId, request.deliveryId)) };
    },

    async recoverWebhook(request: dispatcherV1.RecoverWebhookRequest): Promise<dispatcherV1.RecoverWebhookResponse> {
      const orgId = endUserScope(request).orgId;
      const since = optionalTime(request.since, 'since');
      if (!since) throw new InputError('since is required', { code: 'since_required', param: 'since' });
      const until = optionalTime(request.until, 'until') ?? new Date();
      const jobId = await recoverWebhook(deps, orgId, request.webhookId, since, until);
      return { jobId, status: 'queued' };
    },

    async sendTestEvent(request: dispatcherV1.SendTestEventRequest, context: CallContext): Promise<dispatcherV1.SendTestEventResponse> {
      const orgId = endUserScope(request).orgId;
      const delivery = await sendTestEvent(deps, { orgId, webhookId: request.webhookId, eventType: request.eventType, dataJson: request.dataJson }, context.signal);
      return { delivery: deliveryToProto(delivery) };
    },
  };
}


function optionalTime(value: string, param: string): Date | undefined {
  if (!value) return undefined;
  const time = parseTimestamp(value);
  if (!time) throw new InputError(`${param} must be an RFC 3339 timestamp`, { code: `${param}_invalid`, param });
  return time;
}

const iso = (date: Date | null) => (date ? date.toISOString() : '');

export function deliveryToProto(delivery: DeliveryView): dispatcherV1.Delivery {
  return {
    id: delivery.id,
    orgId: delivery.orgId,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    lastAttemptAt: iso(delivery.lastAttemptAt),
    nextAttemptAt: iso(delivery.nextAttemptAt),
    responseStatus: delivery.responseStatus ?? 0,
    isTest: delivery.isTest,
    createdAt: iso(delivery.createdAt),
  };
}

function attemptToProto(attempt: AttemptView): dispatcherV1.Attempt {
  return {
    id: attempt.id,
    number: attempt.number,
    startedAt: iso(attempt.startedAt),
    durationMs: attempt.durationMs,
    responseStatus: attempt.responseStatus ?? 0,
    responseHeaders: attempt.responseHeaders,
    responseBody: attempt.responseBody,
    error: attempt.errorClass ? { class: attempt.errorClass, message: attempt.errorMessage ?? '' } : undefined,
    requestHeaders: attempt.requestHeaders,
  };
}
