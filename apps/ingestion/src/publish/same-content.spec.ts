import fc from 'fast-check';
import { contentHash, sameContent } from './same-content';

// The key store tells a retry from a reused key by the content hash: it must be equal exactly
// when `sameContent` says the two requests ask for the same event.

const content = (dataJson: string, overrides: Partial<{ type: string; isTest: boolean; targetWebhookId: string }> = {}) => ({
  type: 'transfer.completed',
  isTest: false,
  targetWebhookId: '',
  dataJson,
  ...overrides,
});

describe('contentHash', () => {
  it('is the same for a retry that re-serialises the same data (key order, whitespace)', () => {
    expect(contentHash(content('{"amount":42,"currency":"EUR","meta":{"a":1,"b":[1,2]}}'))).toBe(
      contentHash(content('{ "meta": { "b": [1, 2], "a": 1 }, "currency": "EUR", "amount": 42 }')),
    );
  });

  it('differs for another amount, type, test flag or target, and for fields that only look alike', () => {
    const base = contentHash(content('{"amount":42}'));
    for (const other of [
      content('{"amount":43}'),
      content('{"amount":"42"}'),
      content('{"amount":42,"extra":null}'),
      content('{"amount":42}', { type: 'transfer.failed' }),
      content('{"amount":42}', { isTest: true }),
      content('{"amount":42}', { targetWebhookId: 'wh_1' }),
    ]) {
      expect(contentHash(other)).not.toBe(base);
    }
    // A separator inside a field cannot make two different requests hash alike.
    expect(contentHash(content('{}', { type: 'a","b' }))).not.toBe(contentHash(content('{}', { type: 'a', targetWebhookId: 'b' })));
  });

  it('agrees with sameContent on arbitrary JSON objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), (a, b, reorder) => {
        const second = reorder ? Object.fromEntries(Object.entries(a).reverse()) : b;
        const x = content(JSON.stringify(a));
        const y = content(JSON.stringify(second));
        expect(contentHash(x) === contentHash(y)).toBe(sameContent(x, y));
      }),
    );
  });
});
