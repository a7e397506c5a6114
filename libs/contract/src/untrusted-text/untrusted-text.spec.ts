import fc from 'fast-check';
import { isDomainError } from '@hookline/errors';
import { cleanText, cleanValue, findHostileText, hasHostileCharacter, refuseHostileText, REPLACEMENT_CHARACTER } from './untrusted-text';

/** Whether the text has a UTF-8 form PostgreSQL accepts: no NUL and no lone surrogate. */
const storable = (text: string) => !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;

const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\uffff', 'a', 'é', '😀', '日') }),
);

describe('the one sanitizer for text from outside', () => {
  it('cleanText always yields storable text of at most the cap, keeping what was fine', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 64 }), (text, cap) => {
        const clean = cleanText(text, cap);
        expect(storable(clean)).toBe(true);
        expect(clean.length).toBeLessThanOrEqual(cap);
        if (storable(text) && text.length <= cap) expect(clean).toBe(text);
      }),
    );
  });

  it('replaces NUL and each lone surrogate with U+FFFD and keeps pairs', () => {
    expect(cleanText('a\u0000b\ud800c\udfff😀')).toBe(`a${REPLACEMENT_CHARACTER}b${REPLACEMENT_CHARACTER}c${REPLACEMENT_CHARACTER}😀`);
    expect(cleanText('ab😀', 3)).toBe('ab');
  });

  it('cleanValue cleans keys and values at any depth', () => {
    const clean = cleanValue({ 'x-\u0000': ['a\ud800', { deep: '\u0000' }], n: 1 });
    expect(clean).toEqual({ [`x-${REPLACEMENT_CHARACTER}`]: [`a${REPLACEMENT_CHARACTER}`, { deep: REPLACEMENT_CHARACTER }], n: 1 });
  });

  it('hasHostileCharacter is exactly "not storable"', () => {
    fc.assert(fc.property(anyText, (text) => expect(hasHostileCharacter(text)).toBe(!storable(text))));
  });

  it('refuseHostileText throws an input error naming the first bad field', () => {
    expect(findHostileText({ a: 'ok', b: ['fine', 'x\u0000'] })).toBe('b[1]');
    let thrown: unknown;
    try {
      refuseHostileText({ auth: { value: 'k\ud800' } });
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown) && thrown.kind === 'input' && thrown.param === 'auth.value' && thrown.code === 'invalid_characters').toBe(true);
  });
});
