import { nextStep, retryAfterSeconds, type AttemptResult } from './retry-policy';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const SCHEDULE = [5, 300, 1800];
const failed = (fields: Partial<AttemptResult> = {}): AttemptResult => ({ number: 1, delivered: false, responseStatus: 500, manual: false, ...fields });

describe('nextStep: where a delivery goes after an attempt', () => {
  it('a 2xx is delivered, whatever attempt it was', () => {
    expect(nextStep(failed({ delivered: true, responseStatus: 200, number: 9 }), SCHEDULE, NOW)).toEqual({ kind: 'delivered' });
  });

  it('a failed attempt is retried after its slot of the schedule, within ±20 % jitter', () => {
    const earliest = nextStep(failed({ number: 2 }), SCHEDULE, NOW, () => 0);
    const latest = nextStep(failed({ number: 2 }), SCHEDULE, NOW, () => 1);
    expect(earliest).toEqual({ kind: 'retry', atMs: NOW + 240_000 });
    expect(latest).toEqual({ kind: 'retry', atMs: NOW + 360_000 });
  });

  it('after the last slot of the schedule the delivery is exhausted', () => {
    expect(nextStep(failed({ number: 3 }), SCHEDULE, NOW)).toEqual({ kind: 'retry', atMs: expect.any(Number) });
    expect(nextStep(failed({ number: 4 }), SCHEDULE, NOW)).toEqual({ kind: 'failed', reason: 'exhausted' });
    expect(nextStep(failed(), [], NOW)).toEqual({ kind: 'failed', reason: 'exhausted' });
  });

  it('410 fails for good at once (the webhook gets disabled), even with attempts left', () => {
    expect(nextStep(failed({ responseStatus: 410 }), SCHEDULE, NOW)).toEqual({ kind: 'failed', reason: 'gone' });
  });

  it('a failed manual retry is not retried automatically', () => {
    expect(nextStep(failed({ manual: true }), SCHEDULE, NOW)).toEqual({ kind: 'failed', reason: 'manual' });
  });

  it('a Retry-After longer than the scheduled delay is honoured; a shorter one does not bring the retry forward', () => {
    expect(nextStep(failed({ responseStatus: 503, retryAfterSeconds: 60 }), SCHEDULE, NOW, () => 0.5)).toEqual({ kind: 'retry', atMs: NOW + 60_000 });
    expect(nextStep(failed({ responseStatus: 429, retryAfterSeconds: 1 }), SCHEDULE, NOW, () => 0.5)).toEqual({ kind: 'retry', atMs: NOW + 5_000 });
  });
});

describe('retryAfterSeconds: the Retry-After header of a 429 or 503', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds(429, '120', NOW)).toBe(120);
    expect(retryAfterSeconds(503, ' 7 ', NOW)).toBe(7);
    expect(retryAfterSeconds(503, new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90);
  });

  it('a date in the past means now', () => {
    expect(retryAfterSeconds(503, new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
  });

  it('is ignored on other statuses, when missing and when unreadable', () => {
    expect(retryAfterSeconds(500, '120', NOW)).toBeUndefined();
    expect(retryAfterSeconds(200, '120', NOW)).toBeUndefined();
    expect(retryAfterSeconds(429, undefined, NOW)).toBeUndefined();
    expect(retryAfterSeconds(429, 'soon', NOW)).toBeUndefined();
  });

  it('is capped at a day', () => {
    expect(retryAfterSeconds(429, String(30 * 86_400), NOW)).toBe(86_400);
  });
});
