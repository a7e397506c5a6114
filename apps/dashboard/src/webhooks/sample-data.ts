type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; examples?: unknown[]; example?: unknown; default?: unknown; format?: string; const?: unknown };

/** Example data for an event type from its JSON schema: examples and defaults first, then a plausible value per type. */
export function sampleFromSchema(schema: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Schema;
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.examples?.length) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || (type === undefined && s.properties)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(s.properties ?? {})) out[key] = sampleFromSchema(value, depth + 1);
    return out;
  }
  if (type === 'array') return s.items ? [sampleFromSchema(s.items, depth + 1)] : [];
  if (type === 'string') {
    if (s.format === 'date-time') return new Date(0).toISOString();
    if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
    if (s.format === 'email') return 'someone@example.com';
    return 'string';
  }
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  return depth === 0 ? {} : null;
}
