import { isDomainError } from '@hookline/errors';

/**
 * The delay an error asks the client to wait before trying again (`details.retry_after_seconds`,
 * set by the rate limiter or by a backend, e.g. ingestion's "key still in progress"); answered as
 * `Retry-After`. Undefined for errors that a retry would only repeat.
 */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!isDomainError(error)) return undefined;
  const seconds = error.details?.retry_after_seconds;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}
