import { InputError } from '@hookline/errors';

// NUL (PostgreSQL text refuses it, SQLSTATE 22021) and UTF-16 surrogates without their pair (no
// UTF-8 encoding exists for them) can only break something further in: refuse them at the edge.
const HOSTILE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const HOSTILE_ALL = new RegExp(HOSTILE.source, 'g');

export function hasHostileCharacter(text: string): boolean {
  return HOSTILE.test(text);
}

/** The text with NUL and lone surrogates written as `\u0000`-style escapes, for records and messages. */
export function escapeHostileCharacters(text: string): string {
  return text.replace(HOSTILE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Throws a 400 `invalid_request` naming the first field (`auth.value`, `event_types[2]`, a query
 * or path parameter) whose name or value holds a NUL or a lone surrogate.
 */
export function refuseHostileText(value: unknown, path = ''): void {
  const param = findHostileText(value, path);
  if (param === undefined) return;
  throw new InputError(`${param || 'The request body'} contains a NUL character or an unpaired UTF-16 surrogate, which are not accepted.`, {
    code: 'invalid_characters',
    param: param || undefined,
  });
}

function findHostileText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return hasHostileCharacter(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileText(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${escapeHostileCharacters(key)}` : escapeHostileCharacters(key);
      if (hasHostileCharacter(key)) return childPath;
      const found = findHostileText(child, childPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
