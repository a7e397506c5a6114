import { hasHostileCharacter } from '../untrusted-text/untrusted-text';

// A webhook's payload filter (DESIGN §2): a small JSON language over the event's envelope and
// data, declared once. The registry validates it at write time (the gateway and the filter-test
// route answer with the same error), the dispatcher compiles it once per webhook version and runs
// it in the fan-out. Bounded in depth, size and list length so a filter costs microseconds.
//
//   filter    := condition | {"and": [filter, …]} | {"or": [filter, …]} | {"not": filter}
//   condition := {"field": path, <operator>: operand}        exactly one operator
//   path      := type | id | time | timestamp | group | source | is_test | data | data.<key>(.<key>)*
//   operators := eq, ne (scalar) · gt, gte, lt, lte (number or string) · in, nin (list of scalars)
//                starts_with (string) · exists (boolean)

export type FilterScalar = string | number | boolean | null;

export type PayloadFilter =
  | { and: PayloadFilter[] }
  | { or: PayloadFilter[] }
  | { not: PayloadFilter }
  | FilterCondition;

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
export type FilterOperator = ComparisonOperator | 'in' | 'nin' | 'starts_with' | 'exists';

export interface FilterCondition {
  field: string;
  eq?: FilterScalar;
  ne?: FilterScalar;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  in?: FilterScalar[];
  nin?: FilterScalar[];
  starts_with?: string;
  exists?: boolean;
}

/** What a filter reads: the event as the envelope shows it, with its catalog group. */
export interface FilterableEvent {
  id: string;
  type: string;
  /** RFC 3339, UTC. */
  time: string;
  source?: string;
  group?: string;
  isTest?: boolean;
  /** The event's data, already parsed. */
  data: unknown;
}

export const FILTER_LIMITS = {
  /** Nesting of and/or/not. */
  maxDepth: 8,
  /** Conditions and boolean nodes together. */
  maxNodes: 64,
  /** Serialized JSON. */
  maxBytes: 4096,
  maxListItems: 100,
  maxStringLength: 256,
  maxPathSegments: 16,
} as const;

export const FILTER_OPERATORS: readonly FilterOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'starts_with', 'exists'];
const ENVELOPE_FIELDS = new Set(['type', 'id', 'time', 'timestamp', 'group', 'source', 'is_test', 'data']);
const PATH_SEGMENT = /^[A-Za-z0-9_$-]{1,64}$/;

/** A filter refused, naming the part at fault (`and[1].in`) so a client can point at it. */
export class FilterError extends Error {
  constructor(
    /** Where in the filter: `filter`, `filter.and[1]`, `filter.or[0].field`. */
    readonly location: string,
    message: string,
  ) {
    super(`${location}: ${message}`);
    this.name = 'FilterError';
  }
}

/** Validates untrusted JSON as a filter, within the limits; throws FilterError naming the bad part. */
export function parseFilter(value: unknown, location = 'filter'): PayloadFilter {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    throw new FilterError(location, 'must be JSON');
  }
  if (json === undefined) throw new FilterError(location, 'must be a JSON object');
  if (new TextEncoder().encode(json).length > FILTER_LIMITS.maxBytes) throw new FilterError(location, `must be at most ${FILTER_LIMITS.maxBytes} bytes of JSON`);
  const counter = { nodes: 0 };
  return parseNode(value, location, 1, counter);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseNode(value: unknown, at: string, depth: number, counter: { nodes: number }): PayloadFilter {
  if (!isObject(value)) throw new FilterError(at, 'must be an object: a condition {"field", <operator>} or {"and"|"or": [...]} or {"not": {...}}');
  if (depth > FILTER_LIMITS.maxDepth) throw new FilterError(at, `nests deeper than ${FILTER_LIMITS.maxDepth} levels`);
  if (++counter.nodes > FILTER_LIMITS.maxNodes) throw new FilterError(at, `the filter has more than ${FILTER_LIMITS.maxNodes} conditions and operators`);
  const keys = Object.keys(value);
  if ('and' in value || 'or' in value) {
    const op = 'and' in value ? 'and' : 'or';
    if (keys.length !== 1) throw new FilterError(at, `"${op}" must be the object's only key`);
    const list = value[op];
    if (!Array.isArray(list) || list.length === 0) throw new FilterError(`${at}.${op}`, 'must be a non-empty list of filters');
    const parts = list.map((item, i) => parseNode(item, `${at}.${op}[${i}]`, depth + 1, counter));
    return op === 'and' ? { and: parts } : { or: parts };
  }
  if ('not' in value) {
    if (keys.length !== 1) throw new FilterError(at, '"not" must be the object\'s only key');
    return { not: parseNode(value.not, `${at}.not`, depth + 1, counter) };
  }
  return parseCondition(value, at);
}

function parseCondition(value: Record<string, unknown>, at: string): FilterCondition {
  if (!('field' in value)) throw new FilterError(at, 'must have "field" (or be an "and", "or" or "not")');
  const field = parsePath(value.field, `${at}.field`);
  const operators = Object.keys(value).filter((key) => key !== 'field');
  for (const key of operators) {
    if (!FILTER_OPERATORS.includes(key as FilterOperator)) throw new FilterError(`${at}.${key}`, `unknown operator; use one of ${FILTER_OPERATORS.join(', ')}`);
  }
  if (operators.length !== 1) throw new FilterError(at, `a condition has exactly one operator (${FILTER_OPERATORS.join(', ')})`);
  const op = operators[0] as FilterOperator;
  const operand = value[op];
  const where = `${at}.${op}`;
  switch (op) {
    case 'eq':
    case 'ne':
      return { field, [op]: scalar(operand, where) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof operand === 'number' && Number.isFinite(operand)) return { field, [op]: operand };
      if (typeof operand === 'string') return { field, [op]: text(operand, where) };
      throw new FilterError(where, 'must be a number or a string');
    case 'in':
    case 'nin':
      if (!Array.isArray(operand) || operand.length === 0 || operand.length > FILTER_LIMITS.maxListItems) {
        throw new FilterError(where, `must be a list of 1 to ${FILTER_LIMITS.maxListItems} strings, numbers, booleans or nulls`);
      }
      return { field, [op]: operand.map((item, i) => scalar(item, `${where}[${i}]`)) };
    case 'starts_with':
      if (typeof operand !== 'string' || operand.length === 0) throw new FilterError(where, 'must be a non-empty string');
      return { field, starts_with: text(operand, where) };
    case 'exists':
      if (typeof operand !== 'boolean') throw new FilterError(where, 'must be true or false');
      return { field, exists: operand };
  }
}

function scalar(value: unknown, at: string): FilterScalar {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return text(value, at);
  throw new FilterError(at, 'must be a string, a number, a boolean or null');
}

function text(value: string, at: string): string {
  if (value.length > FILTER_LIMITS.maxStringLength) throw new FilterError(at, `must be at most ${FILTER_LIMITS.maxStringLength} characters`);
  // The filter is stored as jsonb, which refuses both (and no event data could hold them).
  if (hasHostileCharacter(value)) throw new FilterError(at, 'must not contain a NUL character or an unpaired UTF-16 surrogate');
  return value;
}

function parsePath(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new FilterError(at, 'must be a string such as "type" or "data.amount"');
  const segments = value.split('.');
  if (!ENVELOPE_FIELDS.has(segments[0]) || (segments[0] !== 'data' && segments.length > 1)) {
    throw new FilterError(at, `unknown field ${JSON.stringify(value.slice(0, 64))}; use type, id, time, group, source, is_test or data.<key>`);
  }
  if (segments.length > FILTER_LIMITS.maxPathSegments) throw new FilterError(at, `must have at most ${FILTER_LIMITS.maxPathSegments} segments`);
  for (const segment of segments.slice(1)) {
    if (!PATH_SEGMENT.test(segment)) throw new FilterError(at, 'each key after "data." must be 1 to 64 letters, digits, "_", "-" or "$"');
  }
  return value;
}

/** A filter ready to run: built once per webhook version. */
export type CompiledFilter = (event: FilterableEvent) => boolean;

const MISSING = Symbol('missing');
type Value = unknown | typeof MISSING;

/** Compiles a parsed filter into a predicate (path lookups resolved once, `in` lists made sets). */
export function compileFilter(filter: PayloadFilter): CompiledFilter {
  if ('and' in filter) {
    const parts = filter.and.map(compileFilter);
    return (event) => parts.every((part) => part(event));
  }
  if ('or' in filter) {
    const parts = filter.or.map(compileFilter);
    return (event) => parts.some((part) => part(event));
  }
  if ('not' in filter) {
    const inner = compileFilter(filter.not);
    return (event) => !inner(event);
  }
  const read = reader(filter.field);
  const test = operatorTest(filter);
  return (event) => test(read(event));
}

function reader(path: string): (event: FilterableEvent) => Value {
  const [head, ...keys] = path.split('.');
  switch (head) {
    case 'type':
      return (event) => event.type;
    case 'id':
      return (event) => event.id;
    case 'time':
    case 'timestamp':
      return (event) => event.time;
    case 'group':
      return (event) => event.group ?? '';
    case 'source':
      return (event) => event.source ?? '';
    case 'is_test':
      return (event) => event.isTest ?? false;
    default:
      return (event) => {
        let value: unknown = event.data;
        for (const key of keys) {
          if (Array.isArray(value) && /^\d+$/.test(key)) value = value[Number(key)];
          else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, key)) value = value[key];
          else return MISSING;
          if (value === undefined) return MISSING;
        }
        return value;
      };
  }
}

/** Numbers compare with numbers, strings with strings (RFC 3339 times in UTC order as text); anything else never matches. */
function ordered(value: Value, operand: number | string, accept: (sign: number) => boolean): boolean {
  if (typeof operand === 'number' && typeof value === 'number') return accept(Math.sign(value - operand));
  if (typeof operand === 'string' && typeof value === 'string') return accept(value < operand ? -1 : value > operand ? 1 : 0);
  return false;
}

function operatorTest(condition: FilterCondition): (value: Value) => boolean {
  if (condition.eq !== undefined) {
    const operand = condition.eq;
    return (value) => value === operand;
  }
  // A missing field is not equal to anything, and in no list: ne and nin accept it.
  if (condition.ne !== undefined) {
    const operand = condition.ne;
    return (value) => value !== operand;
  }
  if (condition.gt !== undefined) {
    const operand = condition.gt;
    return (value) => ordered(value, operand, (sign) => sign > 0);
  }
  if (condition.gte !== undefined) {
    const operand = condition.gte;
    return (value) => ordered(value, operand, (sign) => sign >= 0);
  }
  if (condition.lt !== undefined) {
    const operand = condition.lt;
    return (value) => ordered(value, operand, (sign) => sign < 0);
  }
  if (condition.lte !== undefined) {
    const operand = condition.lte;
    return (value) => ordered(value, operand, (sign) => sign <= 0);
  }
  if (condition.in !== undefined) {
    const set = new Set<unknown>(condition.in);
    return (value) => value !== MISSING && set.has(value);
  }
  if (condition.nin !== undefined) {
    const set = new Set<unknown>(condition.nin);
    return (value) => value === MISSING || !set.has(value);
  }
  if (condition.starts_with !== undefined) {
    const prefix = condition.starts_with;
    return (value) => typeof value === 'string' && value.startsWith(prefix);
  }
  const wanted = condition.exists === true;
  return (value) => (value !== MISSING) === wanted;
}

/** Parses the JSON text a webhook stores ('' = no filter) and compiles it; undefined = accepts everything. */
export function compileStoredFilter(json: string): CompiledFilter | undefined {
  if (json === '') return undefined;
  return compileFilter(parseFilter(JSON.parse(json)));
}
