import type { NextStep } from '../model/next-step';

/** Delays after attempt 1, 2, … (DESIGN §4): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000];
export const JITTER = 0.2;

/** The platform's schedule: HOOKLINE_RETRY_SCHEDULE_SECONDS when set, else DESIGN §4's. */
export function platformRetrySchedule(configured: readonly number[]): readonly number[] {
  return configured.length > 0 ? configured : DEFAULT_RETRY_SCHEDULE_SECONDS;
}
/** A Retry-After longer than this is capped (the schedule still bounds the number of attempts). */
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** What happened on one attempt, as far as retrying is concerned. */
export interface AttemptResult {
  /** The attempt number just made (1 = first). */
  number: number;
  delivered: boolean;
  responseStatus: number;
  /** Seconds from a 429/503 `Retry-After` header, when present and valid. */
  retryAfterSeconds?: number;
  /** Manual retries (RetryDelivery, recover) are not retried automatically. */
  manual: boolean;
}

export function nextStep(result: AttemptResult, scheduleSeconds: readonly number[], nowMs: number, random = Math.random): NextStep {
  if (result.delivered) return { kind: 'delivered' };
  if (result.responseStatus === 410) return { kind: 'failed', reason: 'gone' };
  if (result.manual) return { kind: 'failed', reason: 'manual' };
  const delay = scheduleSeconds[result.number - 1];
  if (delay === undefined) return { kind: 'failed', reason: 'exhausted' };
  const jittered = delay * (1 - JITTER + 2 * JITTER * random());
  const seconds = result.retryAfterSeconds !== undefined ? Math.max(jittered, result.retryAfterSeconds) : jittered;
  return { kind: 'retry', atMs: nowMs + Math.round(seconds * 1000) };
}

/** `Retry-After` in seconds (delta-seconds or HTTP date) for 429 and 503 only. */
export function retryAfterSeconds(status: number, header: string | undefined, nowMs: number): number | undefined {
  if ((status !== 429 && status !== 503) || !header) return undefined;
  const trimmed = header.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    seconds = Math.max(0, (date - nowMs) / 1000);
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}
