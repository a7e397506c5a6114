import { ConflictError, InputError, NotFoundError } from '@hookline/errors';
import type { Logger } from '@hookline/logging';
import type { dispatcherV1 } from '@hookline/proto';
import type { Pool } from 'pg';
import { getDelivery, listDeliveries } from '../attempts/delivery-queries';
import { selectAttempts, type AttemptView, type DeliveryView } from '../db/delivery-reads';
import { requeueDelivery, startRecovery } from '../attempts/requeue';
import { DEFAULT_TEST_EVENT_TYPE, sendTestEvent } from '../attempts/test-event';
import type { IngestionClient } from '../peers';
import type { DeliveryConfigCache } from '../webhook-config/delivery-config-cache';

export interface DeliveryApiDeps {
  pool: Pool;
  configs: DeliveryConfigCache;
  ingestion: IngestionClient;
  logger: Logger;
}

/** The DispatcherService deliveries RPCs: proto ↔ domain only. */
export function deliveryHandlers(deps: DeliveryApiDeps) {
  const { pool } = deps;
  /** NotFound unless the webhook exists, is live and belongs to the org. */
  const webhookOfOrg = async (orgId: string, webhookId: string) => {
    const config = await deps.configs.get(webhookId).catch((error) => {
      if (error instanceof NotFoundError) throw new NotFoundError(`webhook ${webhookId} not found`, { code: 'not_found' });
      throw error;
    });
    if (config.orgId !== orgId || config.status === 'deleted') throw new NotFoundError(`webhook ${webhookId} not found`, { code: 'not_found' });
    return config;
  };

  return {
    async listDeliveries(request: dispatcherV1.ListDeliveriesRequest): Promise<dispatcherV1.ListDeliveriesResponse> {
      const limit = request.page?.limit || 20;
      if (limit < 1 || limit > 100) throw new InputError('limit must be between 1 and 100', { code: 'limit_invalid', param: 'limit' });
      const page = await listDeliveries(
        pool,
        {
          orgId: requireOrg(request.orgId),
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
      const delivery = await getDelivery(pool, requireOrg(request.orgId), request.deliveryId);
      const attempts = await selectAttempts(pool, delivery.id);
      return { delivery: deliveryToProto(delivery), attempts: attempts.map(attemptToProto) };
    },

    async retryDelivery(request: dispatcherV1.RetryDeliveryRequest): Promise<dispatcherV1.RetryDeliveryResponse> {
      const orgId = requireOrg(request.orgId);
      await requeueDelivery(pool, orgId, request.deliveryId);
      return { delivery: deliveryToProto(await getDelivery(pool, orgId, request.deliveryId)) };
    },

    async recoverWebhook(request: dispatcherV1.RecoverWebhookRequest): Promise<dispatcherV1.RecoverWebhookResponse> {
      const orgId = requireOrg(request.orgId);
      const since = optionalTime(request.since, 'since');
      if (!since) throw new InputError('since is required', { code: 'since_required', param: 'since' });
      const until = optionalTime(request.until, 'until') ?? new Date();
      if (until <= since) throw new InputError('until must be after since', { code: 'until_invalid', param: 'until' });
      await webhookOfOrg(orgId, request.webhookId);
      const jobId = await startRecovery(pool, deps.logger, orgId, request.webhookId, since, until);
      return { jobId, status: 'queued' };
    },

    async sendTestEvent(request: dispatcherV1.SendTestEventRequest): Promise<dispatcherV1.SendTestEventResponse> {
      const orgId = requireOrg(request.orgId);
      const config = await webhookOfOrg(orgId, request.webhookId);
      // Only an active webhook receives deliveries; a test event to any other would stay pending.
      if (config.status !== 'active') {
        throw new ConflictError(`webhook ${request.webhookId} is ${config.status}; test events go only to active webhooks`, {
          code: 'webhook_not_active',
        });
      }
      const dataJson = request.dataJson || JSON.stringify({ message: 'This is a test event from Hookline.' });
      const row = await sendTestEvent(pool, deps.ingestion, { orgId, webhookId: request.webhookId, eventType: request.eventType || DEFAULT_TEST_EVENT_TYPE, dataJson });
      return { delivery: deliveryToProto(await getDelivery(pool, orgId, row.id)) };
    },
  };
}

function requireOrg(orgId: string): string {
  if (!orgId) throw new InputError('org_id is required', { code: 'org_required', param: 'org_id' });
  return orgId;
}

function optionalTime(value: string, param: string): Date | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InputError(`${param} must be an RFC 3339 timestamp`, { code: `${param}_invalid`, param });
  return new Date(time);
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
