import { isDomainError } from '@hookline/errors';

/** What a 503 from a service that is away (e.g. the registry restarting) asks a client to wait. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * The delay an error asks the client to wait before trying again (`details.retry_after_seconds`,
 * set by the rate limiter or by a backend, e.g. ingestion's "key still in progress"; a few seconds
 * for any other 503); answered as `Retry-After`. Undefined for errors that a retry would only repeat.
 */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!isDomainError(error)) return undefined;
  const seconds = error.details?.retry_after_seconds;
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0) return seconds;
  return error.kind === 'unavailable' ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined;
}
