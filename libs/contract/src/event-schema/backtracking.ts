/**
 * Whether a regular expression repeats a group that itself repeats (`(a+)+`, `(\w*\s?)*`,
 * `(x{2,})+`): the shape that makes a backtracking engine take exponential time on a crafted
 * string. Schemas are the operator's, but the data they match is the publishers': a `pattern` of
 * this shape would let one publish stall ingestion. A structural check, so it also refuses some
 * harmless patterns (`([A-Z]{3})+`), which can always be written without the nesting.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: does it contain a quantifier?
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // A character class: skip to its closing bracket.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      continue;
    }
    if (c === ')') {
      const inner = groups.pop() ?? false;
      const repeated = isQuantifier(pattern, i + 1);
      if (inner && repeated) return true;
      if ((inner || repeated) && groups.length) groups[groups.length - 1] = true;
      continue;
    }
    if (isQuantifier(pattern, i) && groups.length) groups[groups.length - 1] = true;
  }
  return false;
}

/** `*`, `+` or a `{n,}` / `{n,m}` with m > 1 at `i` (`?` and `{1}` repeat nothing). */
function isQuantifier(pattern: string, i: number): boolean {
  const c = pattern[i];
  if (c === '*' || c === '+') return true;
  if (c !== '{') return false;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!match) return false;
  if (match[2] === undefined) return Number(match[1]) > 1;
  return match[3] === '' || Number(match[3]) > 1;
}

/** Every regular expression a schema holds (`pattern` values, `patternProperties` keys), with where. */
export function schemaPatterns(schema: unknown, at = '#'): Array<{ at: string; pattern: string }> {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap((item, i) => schemaPatterns(item, `${at}/${i}`));
  const found: Array<{ at: string; pattern: string }> = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'pattern' && typeof value === 'string') found.push({ at: `${at}/pattern`, pattern: value });
    if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
      for (const name of Object.keys(value)) found.push({ at: `${at}/patternProperties`, pattern: name });
    }
    found.push(...schemaPatterns(value, `${at}/${key}`));
  }
  return found;
}
