import { isDeepStrictEqual as deepEqual } from 'node:util';

/**
 * Whether a new version of a data schema accepts everything the previous one accepted. The check
 * is structural and conservative: what it cannot prove compatible is reported as breaking.
 *
 * Breaking (each answered with the JSON pointer where it happens, `/data/…`; `*` = any other
 * property or any array item):
 * - a schema where there was none, or `false` where something was accepted;
 * - `type` narrowed (a type no longer listed; `integer` widens to `number`, not back);
 * - `enum`/`const` added, or a value of the previous `enum`/`const` no longer listed;
 * - `minimum`, `exclusiveMinimum`, `minLength`, `minItems`, `minProperties` added or raised;
 *   `maximum`, `exclusiveMaximum`, `maxLength`, `maxItems`, `maxProperties` added or lowered;
 * - `pattern` or `format` added or changed; `uniqueItems` turned on;
 * - a property newly `required`;
 * - a property whose schema narrowed by any rule above, including a property removed from
 *   `properties` while `additionalProperties` is `false` (or a schema that narrows it);
 * - `additionalProperties` or `items` narrowed; a property given a schema on an object open to
 *   other properties (it accepted that property with any value before);
 * - any other keyword (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`, `patternProperties`,
 *   `dependencies`, `multipleOf`, tuple `items`, …) added, removed or changed — unless the
 *   whole subschema is unchanged.
 * Removing a rule, widening a bound and annotations (`title`, `description`, `examples`, …) are
 * compatible.
 */
export type JsonSchema = boolean | Record<string, unknown>;

const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly', '$schema', '$id']);
const UNDERSTOOD = new Set([
  ...ANNOTATIONS,
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'pattern',
  'format',
  'uniqueItems',
]);
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
const MAX_REASONS = 20;

/**
 * What `next` refuses that `previous` accepted, one sentence each; empty when `next` is compatible.
 * `undefined` stands for no schema (everything accepted).
 */
export function breakingChanges(previous: JsonSchema | undefined, next: JsonSchema | undefined): string[] {
  return compare(previous ?? true, next ?? true, '/data').slice(0, MAX_REASONS);
}

function compare(previous: JsonSchema, next: JsonSchema, at: string): string[] {
  if (deepEqual(previous, next) || acceptsAnything(next) || previous === false) return [];
  if (next === false) return [`${at} is no longer accepted at all`];
  if (next === true) return [];
  const prev: Record<string, unknown> = previous === true ? {} : previous;
  const reasons: string[] = [];

  const unknown = [...new Set([...Object.keys(prev), ...Object.keys(next)])].filter((k) => !UNDERSTOOD.has(k) || (k === 'items' && (Array.isArray(prev.items) || Array.isArray(next.items))));
  for (const keyword of unknown) {
    if (!deepEqual(prev[keyword], next[keyword])) reasons.push(`${at}: \`${keyword}\` changed (not provably compatible)`);
  }
  // Beside these, the rules below do not say what the schema accepts (draft-07 `$ref` hides its siblings).
  if (unknown.some((k) => k === '$ref' || k === 'patternProperties')) return reasons.length ? reasons : [`${at}: changed beside \`${unknown.join('`, `')}\` (not provably compatible)`];

  reasons.push(...typeChanges(prev, next, at), ...valueChanges(prev, next, at), ...boundChanges(prev, next, at));
  for (const keyword of ['pattern', 'format'] as const) {
    if (next[keyword] !== undefined && next[keyword] !== prev[keyword]) {
      reasons.push(`${at}: \`${keyword}\` ${prev[keyword] === undefined ? 'added' : 'changed'} (${JSON.stringify(next[keyword])})`);
    }
  }
  if (next.uniqueItems === true && prev.uniqueItems !== true) reasons.push(`${at}: \`uniqueItems\` turned on`);

  const wasRequired = new Set(Array.isArray(prev.required) ? prev.required : []);
  for (const name of Array.isArray(next.required) ? next.required : []) {
    if (!wasRequired.has(name)) reasons.push(`${at}/${pointerToken(String(name))} is newly required`);
  }

  reasons.push(...propertyChanges(prev, next, at));
  if (!unknown.includes('items')) reasons.push(...compare(asSchema(prev.items), asSchema(next.items), `${at}/*`));
  return reasons;
}

function typeChanges(prev: Record<string, unknown>, next: Record<string, unknown>, at: string): string[] {
  const nextTypes = typesOf(next);
  if (!nextTypes) return [];
  const prevTypes = typesOf(prev);
  if (!prevTypes) return [`${at}: \`type\` narrowed to ${nextTypes.join(', ')} (any type was accepted)`];
  const accepted = (t: string) => nextTypes.includes(t) || (t === 'integer' && nextTypes.includes('number'));
  const lost = prevTypes.filter((t) => !accepted(t));
  return lost.length ? [`${at}: \`type\` no longer accepts ${lost.join(', ')}`] : [];
}

function valueChanges(prev: Record<string, unknown>, next: Record<string, unknown>, at: string): string[] {
  const nextValues = allowedValues(next);
  if (!nextValues) return [];
  const prevValues = allowedValues(prev);
  if (!prevValues) return [`${at}: \`enum\`/\`const\` added`];
  const lost = prevValues.filter((v) => !nextValues.some((n) => deepEqual(n, v)));
  return lost.length ? [`${at}: \`enum\` no longer allows ${lost.map((v) => JSON.stringify(v)).join(', ')}`] : [];
}

function boundChanges(prev: Record<string, unknown>, next: Record<string, unknown>, at: string): string[] {
  const reasons: string[] = [];
  for (const keyword of LOWER_BOUNDS) {
    const n = next[keyword];
    if (n === undefined) continue;
    const p = prev[keyword] ?? (keyword.startsWith('min') && keyword !== 'minimum' ? 0 : -Infinity);
    if (typeof n !== 'number' || typeof p !== 'number' || n > p) reasons.push(`${at}: \`${keyword}\` ${prev[keyword] === undefined ? 'added' : 'raised'} (${String(n)})`);
  }
  for (const keyword of UPPER_BOUNDS) {
    const n = next[keyword];
    if (n === undefined) continue;
    const p = prev[keyword] ?? Infinity;
    if (typeof n !== 'number' || typeof p !== 'number' || n < p) reasons.push(`${at}: \`${keyword}\` ${prev[keyword] === undefined ? 'added' : 'lowered'} (${String(n)})`);
  }
  return reasons;
}

function propertyChanges(prev: Record<string, unknown>, next: Record<string, unknown>, at: string): string[] {
  const prevProperties = asRecord(prev.properties);
  const nextProperties = asRecord(next.properties);
  const prevOthers = asSchema(prev.additionalProperties);
  const nextOthers = asSchema(next.additionalProperties);
  const reasons: string[] = [];
  for (const name of new Set([...Object.keys(prevProperties), ...Object.keys(nextProperties)])) {
    const before = name in prevProperties ? asSchema(prevProperties[name]) : prevOthers;
    const after = name in nextProperties ? asSchema(nextProperties[name]) : nextOthers;
    reasons.push(...compare(before, after, `${at}/${pointerToken(name)}`));
  }
  reasons.push(...compare(prevOthers, nextOthers, `${at}/*`));
  return reasons;
}

function acceptsAnything(schema: JsonSchema): boolean {
  return schema === true || (typeof schema === 'object' && Object.keys(schema).every((k) => ANNOTATIONS.has(k)));
}

function typesOf(schema: Record<string, unknown>): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.map(String);
  return undefined;
}

function allowedValues(schema: Record<string, unknown>): unknown[] | undefined {
  if ('const' in schema) {
    const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => deepEqual(v, schema.const)) : [schema.const];
    return values;
  }
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function asSchema(value: unknown): JsonSchema {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  // Not a schema: nothing can be proved about it, so treat it as a rule that accepts nothing.
  return false;
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

const pointerToken = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
