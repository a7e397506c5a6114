import { isRelayTarget } from '@hookline/egress';
import { ConflictError, InputError, NotFoundError } from '@hookline/errors';
import { webhookOfOrg } from '../api/webhook-of-org';
import type { DeliveriesApiDeps } from '../api/deliveries-api';
import { recordRelayAnswer, touchListener, waitingRelayRequests, wakePendingDeliveries, type RelayAnswer, type RelayRequestRow } from './relay-store';

/** The longest a pull waits for a request (the gateway's stream pulls again after it). */
export const MAX_PULL_WAIT_MS = 25_000;
const PULL_BATCH = 50;
const PULL_POLL_MS = 200;
/** A waiting pull says "still connected" this often. */
const HEARTBEAT_MS = 1_000;

/**
 * A listener's pull: the relay webhook's attempts waiting after `afterSequence`, waiting up to
 * `waitMs` for one. Every pull keeps the listener connected; a listener connecting (a stream's
 * opening pull, or any pull after none was connected) makes the webhook's pending deliveries due
 * now: what waited while `hookline listen` was closed.
 */
export async function pullRelayRequests(
  deps: DeliveriesApiDeps,
  input: { orgId: string; webhookId: string; afterSequence: number; waitMs: number; opening: boolean },
  signal: AbortSignal,
  pollMs = PULL_POLL_MS,
): Promise<RelayRequestRow[]> {
  if (!Number.isSafeInteger(input.afterSequence) || input.afterSequence < 0) throw new InputError('after_sequence must be a non-negative integer', { code: 'last_event_id_invalid', param: 'last_event_id' });
  if (!Number.isInteger(input.waitMs) || input.waitMs < 0 || input.waitMs > MAX_PULL_WAIT_MS) throw new InputError(`wait_ms must be between 0 and ${MAX_PULL_WAIT_MS}`, { code: 'wait_invalid', param: 'wait_ms' });
  const config = await webhookOfOrg(deps.configs, input.orgId, input.webhookId);
  if (!isRelayTarget(config.url)) throw new InputError(`webhook ${input.webhookId} is not a relay webhook (its url is not relay://…)`, { code: 'webhook_not_relay', param: 'webhook_id' });

  const wasAway = await touchListener(deps.pool, input.orgId, input.webhookId);
  if (wasAway || input.opening) {
    const woken = await wakePendingDeliveries(deps.pool, input.webhookId);
    if (woken > 0) deps.logger.info({ webhookId: input.webhookId, woken }, 'relay listener connected; pending deliveries made due');
  }
  const deadline = Date.now() + input.waitMs;
  let lastBeat = Date.now();
  for (;;) {
    const requests = await waitingRelayRequests(deps.pool, input.webhookId, input.afterSequence, PULL_BATCH);
    if (requests.length > 0 || Date.now() >= deadline || signal.aborted) return requests;
    if (Date.now() - lastBeat >= HEARTBEAT_MS) {
      await touchListener(deps.pool, input.orgId, input.webhookId);
      lastBeat = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}

/** The listener's local answer becomes the waiting attempt's outcome. */
export async function reportRelayOutcome(deps: DeliveriesApiDeps, input: { orgId: string; requestId: string; answer: RelayAnswer }): Promise<{ deliveryId: string }> {
  const { answer } = input;
  if (answer.responseStatus !== 0 && (answer.responseStatus < 100 || answer.responseStatus > 599)) throw new InputError('response_status must be 100-599, or 0 with an error', { code: 'status_invalid', param: 'status' });
  if (answer.responseStatus === 0 && answer.error === '') throw new InputError('an outcome without a status needs an error', { code: 'error_missing', param: 'error' });
  if (answer.durationMs < 0) throw new InputError('duration_ms must not be negative', { code: 'duration_invalid', param: 'duration_ms' });
  const recorded = await recordRelayAnswer(deps.pool, input.orgId, input.requestId, answer);
  if (recorded === 'not_found') throw new NotFoundError(`relay request ${input.requestId} not found`, { code: 'not_found', param: 'id' });
  if (recorded === 'closed') throw new ConflictError(`relay request ${input.requestId} was already answered or has expired`, { code: 'relay_request_closed', param: 'id' });
  return recorded;
}
