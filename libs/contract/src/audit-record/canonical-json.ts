/**
 * RFC 8785 (JSON Canonicalization Scheme) style serialisation: object keys sorted by UTF-16
 * code units, no whitespace, numbers in ECMAScript shortest form, strings escaped as
 * JSON.stringify does (which matches RFC 8785 for well-formed strings). The audit chain hashes
 * this form, so any verifier in any language can recompute a record's hash.
 */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for NaN or Infinity');
      // ECMAScript Number-to-String is exactly the RFC 8785 number form; -0 serialises as 0.
      return JSON.stringify(value);
    case 'string':
      if (hasLoneSurrogate(value)) throw new TypeError('canonical JSON requires well-formed Unicode strings');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalize(item ?? null)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${canonicalize(k)}:${canonicalize(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot represent a ${typeof value}`);
  }
}

function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
