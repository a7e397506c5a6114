import { ConflictError } from '@hookline/errors';
import { retryAfterSeconds } from '../http/retry-after';
import { toPublicError } from '../http/error-body';
import type { RouteResult } from '../http/route';
import type { IdempotencyStore } from './idempotency-store';

export const REPLAYED_HEADER = 'idempotent-replayed';

/** A retry while the first request runs: most writes answer within a second or two. */
const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

export interface IdempotentRequest {
  /**
   * Whose keys these are: the API key that made the request (or `operator`). Not the org: another
   * key of the same org replaying a key must not receive a response (and secret) made for this one.
   */
  scope: string;
  key: string;
  hash: string;
  requestId: string;
}

/**
 * Runs a write at most once per Idempotency-Key: the first request runs and its answer is
 * stored (client errors included); an answer that says "try again" — a server error, or a 4xx
 * carrying a retry delay such as a backend's "still in progress" — is released so a retry runs
 * again (the backend keeps its own record, e.g. ingestion's key → event). A retry with the same
 * body gets the stored answer; a different body gets 409, and a retry while the first still runs
 * gets 409 with Retry-After.
 */
export async function idempotentCall(store: IdempotencyStore, request: IdempotentRequest, run: () => Promise<RouteResult>): Promise<RouteResult> {
  const { scope, key, hash, requestId } = request;
  const claim = await store.claim(scope, key, hash);
  if (claim.kind === 'reused') {
    throw new ConflictError('This Idempotency-Key was already used with a different request.', { code: 'idempotency_key_reused', param: 'Idempotency-Key' });
  }
  if (claim.kind === 'in_flight') {
    throw new ConflictError('A request with this Idempotency-Key is still in progress; retry later.', {
      code: 'idempotency_key_in_flight',
      param: 'Idempotency-Key',
      details: { retry_after_seconds: IN_FLIGHT_RETRY_AFTER_SECONDS },
    });
  }
  if (claim.kind === 'replay') {
    return { status: claim.status, body: claim.body === null ? undefined : JSON.parse(claim.body), headers: { [REPLAYED_HEADER]: 'true' } };
  }
  let result: RouteResult;
  try {
    result = await run();
  } catch (error) {
    const answer = toPublicError(error, requestId);
    if (answer.status < 500 && retryAfterSeconds(error) === undefined) await store.complete(scope, key, answer.status, JSON.stringify(answer.body));
    else await store.release(scope, key).catch(() => undefined);
    throw error;
  }
  await store.complete(scope, key, result.status, result.body === undefined ? null : JSON.stringify(result.body));
  return result;
}
