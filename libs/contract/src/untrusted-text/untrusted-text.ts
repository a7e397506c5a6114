import { InputError } from '@hookline/errors';

// The one sanitizer for text that comes from outside (REST bodies, gRPC requests from publishers,
// endpoint answers, OAuth2 token answers, Kafka records). Two kinds of character break something
// further in: NUL (PostgreSQL text and jsonb refuse it, SQLSTATE 22021/22P05) and UTF-16 surrogates
// without their pair (no UTF-8 encoding exists for them; encodeURI and PostgreSQL refuse them).
// At an API edge they are refused with an error naming the field; from a party we do not control
// (an endpoint) they are replaced, since refusing would only lose the record of what it answered.

/** Cheap first pass: a string without NUL or any surrogate needs no closer look. */
const SUSPECT = /[\u0000\ud800-\udfff]/;
const HOSTILE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const HOSTILE_ALL = new RegExp(HOSTILE.source, 'g');

/** What stands in for a replaced character: U+FFFD, as a UTF-8 decoder does for a bad byte. */
export const REPLACEMENT_CHARACTER = '\ufffd';

export function hasHostileCharacter(text: string): boolean {
  return SUSPECT.test(text) && HOSTILE.test(text);
}

/** The text with NUL and lone surrogates written as `\u0000`-style escapes, for records and messages. */
export function escapeHostileCharacters(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(HOSTILE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text from a party we do not control, made storable: NUL and lone surrogates replaced by U+FFFD,
 * and at most `maxLength` UTF-16 code units (never cutting a surrogate pair in two).
 */
export function cleanText(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  let clean = SUSPECT.test(text) ? text.replace(HOSTILE_ALL, REPLACEMENT_CHARACTER) : text;
  if (clean.length > maxLength) {
    const cut = Math.max(0, Math.floor(maxLength));
    // Do not leave the high half of a pair at the end.
    const end = cut > 0 && /[\ud800-\udbff]/.test(clean[cut - 1]) ? cut - 1 : cut;
    clean = clean.slice(0, end);
  }
  return clean;
}

/** `cleanText` over every string (keys too) of a JSON-like value such as a header record. */
export function cleanValue<T>(value: T, maxStringLength?: number): T {
  if (typeof value === 'string') return cleanText(value, maxStringLength) as T;
  if (Array.isArray(value)) return value.map((item) => cleanValue(item, maxStringLength)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    const clean: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) clean[cleanText(key, maxStringLength)] = cleanValue(child, maxStringLength);
    return clean as T;
  }
  return value;
}

/**
 * Throws a 400 `invalid_request` (`invalid_characters`) naming the first field (`auth.value`,
 * `event_types[2]`, a query or path parameter) whose name or value holds a NUL or a lone surrogate.
 */
export function refuseHostileText(value: unknown, path = ''): void {
  const param = findHostileText(value, path);
  if (param === undefined) return;
  throw new InputError(`${param || 'The request body'} contains a NUL character or an unpaired UTF-16 surrogate, which are not accepted.`, {
    code: 'invalid_characters',
    param: param || undefined,
  });
}

/** The path of the first string (or key) holding a NUL or a lone surrogate, if any. */
export function findHostileText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return hasHostileCharacter(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileText(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${escapeHostileCharacters(key)}` : escapeHostileCharacters(key);
      if (hasHostileCharacter(key)) return childPath;
      const found = findHostileText(child, childPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
