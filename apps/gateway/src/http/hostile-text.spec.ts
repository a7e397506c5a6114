import { escapeHostileCharacters, hasHostileCharacter, refuseHostileText } from './hostile-text';

describe('hostile text', () => {
  it('finds NUL and unpaired surrogates, not paired ones or ordinary control characters', () => {
    expect(hasHostileCharacter('a\u0000b')).toBe(true);
    expect(hasHostileCharacter('\ud800')).toBe(true);
    expect(hasHostileCharacter('x\udc00')).toBe(true);
    expect(hasHostileCharacter('\udc00\ud800')).toBe(true);
    expect(hasHostileCharacter('😀 日本語 tab\t')).toBe(false);
  });

  it('names the field at fault in nested bodies and arrays, and the key itself when the key is hostile', () => {
    const error = (value: unknown, path?: string) => {
      try {
        refuseHostileText(value, path);
        return undefined;
      } catch (e) {
        return e;
      }
    };
    expect(error({ name: 'ok', auth: { type: 'api_key', value: 'k\u0000' } })).toMatchObject({ kind: 'input', code: 'invalid_characters', param: 'auth.value' });
    expect(error({ event_types: ['a', 'b\ud83d'] })).toMatchObject({ param: 'event_types[1]' });
    expect(error({ data: { 'bad\u0000key': 1 } })).toMatchObject({ param: 'data.bad\\u0000key' });
    expect(error('\u0000')).toMatchObject({ code: 'invalid_characters' });
    expect(error({ name: 'fine 😀', n: 1, list: [null, true] })).toBeUndefined();
  });

  it('escapes what it refuses, so the value can be recorded', () => {
    expect(escapeHostileCharacters('/v1/webhooks/wh_\u0000x\ud800')).toBe('/v1/webhooks/wh_\\u0000x\\ud800');
    expect(escapeHostileCharacters('plain 😀')).toBe('plain 😀');
  });
});
