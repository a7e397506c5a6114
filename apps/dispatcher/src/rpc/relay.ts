import type { dispatcherV1 } from '@hookline/proto';
import { endUserScope, type CallContext } from '@hookline/grpc';
import type { DeliveriesApiDeps } from '../api/deliveries-api';
import { pullRelayRequests, reportRelayOutcome } from '../relay/relay-api';
import type { RelayRequestRow } from '../relay/relay-store';

/** The relay RPCs (`hookline listen` through the gateway): proto ↔ relay only. */
export function relayHandlers(deps: DeliveriesApiDeps) {
  return {
    async pullRelayRequests(request: dispatcherV1.PullRelayRequestsRequest, context: CallContext): Promise<dispatcherV1.PullRelayRequestsResponse> {
      const rows = await pullRelayRequests(
        deps,
        { orgId: endUserScope(request).orgId, webhookId: request.webhookId, afterSequence: request.afterSequence, waitMs: request.waitMs, opening: request.opening },
        context.signal,
      );
      return { requests: rows.map(requestToProto) };
    },

    async reportRelayOutcome(request: dispatcherV1.ReportRelayOutcomeRequest): Promise<dispatcherV1.ReportRelayOutcomeResponse> {
      const { deliveryId } = await reportRelayOutcome(deps, {
        orgId: endUserScope(request).orgId,
        requestId: request.requestId,
        answer: {
          responseStatus: request.responseStatus,
          responseHeaders: request.responseHeaders,
          responseBody: request.responseBody,
          durationMs: request.durationMs,
          error: request.error,
        },
      });
      return { requestId: request.requestId, deliveryId };
    },
  };
}

function requestToProto(row: RelayRequestRow): dispatcherV1.RelayRequest {
  return {
    id: row.id,
    sequence: Number(row.sequence),
    webhookId: row.webhook_id,
    deliveryId: row.delivery_id,
    eventType: row.event_type,
    attempt: row.attempt,
    headers: row.headers,
    body: row.body,
    expiresAt: row.expires_at.toISOString(),
  };
}

