import { FailedAuthentications } from './failed-authentications';

describe('FailedAuthentications', () => {
  it('lets an address fail its burst, then refuses it with a Retry-After until a failure is earned back', () => {
    let now = 0;
    const limiter = new FailedAuthentications({ burst: 3, perSecond: 0.5 }, () => now);
    for (let i = 0; i < 3; i++) {
      limiter.assertAllowed('198.51.100.7');
      limiter.recordFailure('198.51.100.7');
    }
    expect(() => limiter.assertAllowed('198.51.100.7')).toThrow(
      expect.objectContaining({ kind: 'rate_limited', code: 'too_many_failed_authentications', details: { retry_after_seconds: 2 } }),
    );
    limiter.assertAllowed('203.0.113.9'); // another address is not affected
    now = 2_000;
    limiter.assertAllowed('198.51.100.7');
  });

  it('forgets an address once its bucket is full again', () => {
    let now = 0;
    const limiter = new FailedAuthentications({ burst: 2, perSecond: 1 }, () => now);
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    now = 5_000;
    limiter.assertAllowed('a');
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(() => limiter.assertAllowed('a')).toThrow(expect.objectContaining({ kind: 'rate_limited' }));
  });
});
