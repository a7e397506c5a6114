import { FailedAuthentications, keyPrefix } from './failed-authentications';

const limited = expect.objectContaining({ kind: 'rate_limited', code: 'too_many_failed_authentications' });

describe('FailedAuthentications', () => {
  it('lets an address fail its burst, then refuses it with a Retry-After until a failure is earned back', () => {
    let now = 0;
    const limiter = new FailedAuthentications({ burst: 3, perSecond: 0.5 }, () => now);
    for (let i = 0; i < 3; i++) {
      limiter.assertAllowed('198.51.100.7', `hk_guess${i}`);
      limiter.recordFailure('198.51.100.7', `hk_guess${i}`);
    }
    expect(() => limiter.assertAllowed('198.51.100.7', 'hk_other')).toThrow(
      expect.objectContaining({ kind: 'rate_limited', code: 'too_many_failed_authentications', details: { retry_after_seconds: 2 } }),
    );
    limiter.assertAllowed('203.0.113.9', 'hk_other'); // another address is not affected
    now = 2_000;
    limiter.assertAllowed('198.51.100.7', 'hk_other');
  });

  it('limits guesses at one key prefix from an address, whatever the address has left', () => {
    const limiter = new FailedAuthentications({ burst: 2, perSecond: 0.001 }, () => 0);
    limiter.recordSuccess('a', 'hk_AbC123'); // known-good pairs are still limited on their own
    limiter.recordFailure('a', 'hk_AbC123');
    limiter.recordFailure('a', 'hk_AbC123');
    expect(() => limiter.assertAllowed('a', 'hk_AbC123')).toThrow(limited);
  });

  it('a flood of wrong keys from an address does not lock out a valid key already in use there', () => {
    const limiter = new FailedAuthentications({ burst: 5, perSecond: 0.001 }, () => 0);
    limiter.assertAllowed('10.0.0.1', 'hk_Valid1');
    limiter.recordSuccess('10.0.0.1', 'hk_Valid1');
    for (let i = 0; i < 100; i++) limiter.recordFailure('10.0.0.1', `hk_rnd${String(i).padStart(3, '0')}`);
    // New prefixes from the flooding address are refused; the valid key keeps working.
    expect(() => limiter.assertAllowed('10.0.0.1', 'hk_rnd999')).toThrow(limited);
    expect(() => limiter.assertAllowed('10.0.0.1', 'hk_Valid1')).not.toThrow();
  });

  it('forgets an address once its bucket is full again', () => {
    let now = 0;
    const limiter = new FailedAuthentications({ burst: 2, perSecond: 1 }, () => now);
    limiter.recordFailure('a', 'x');
    limiter.recordFailure('a', 'y');
    now = 5_000;
    limiter.assertAllowed('a', 'z');
    limiter.recordFailure('a', 'x');
    limiter.recordFailure('a', 'y');
    expect(() => limiter.assertAllowed('a', 'z')).toThrow(limited);
  });

  it('names a key by its type and first six random characters', () => {
    expect(keyPrefix('hk_AbC123restofthekey')).toBe('hk_AbC123');
    expect(keyPrefix('hkps_XyZ789rest')).toBe('hkps_XyZ789');
    expect(keyPrefix('operatorkey-without-type')).toBe('operat');
  });
});
