import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { hasNestedQuantifier, schemaPatterns } from './backtracking';

/** The first place an event's data breaks its schema. */
export interface SchemaViolation {
  /** JSON pointer from the event's root, e.g. `/data/amount`. */
  pointer: string;
  /** The JSON Schema keyword that failed, e.g. `minimum`, `required`, `type`. */
  rule: string;
  /** `/data/amount must be >= 1`. */
  message: string;
}

export type DataValidator = (data: unknown) => SchemaViolation | undefined;

const MAX_POINTER_LENGTH = 200;

function newAjv(logger: { warn: (...args: unknown[]) => void }, validateSchema: boolean): Ajv {
  // Draft-07 (Ajv's default). The first error is enough to refuse, and stopping there is cheaper.
  const ajv = new Ajv({ allErrors: false, strict: false, validateSchema, logger: { log: () => undefined, warn: logger.warn, error: logger.warn } });
  addFormats(ajv);
  return ajv;
}

/**
 * Checks that `schema` is a JSON Schema Hookline can apply: no `pattern` that can backtrack
 * exponentially, it compiles, and every `format` it names is known (Ajv would otherwise ignore an
 * unknown one silently). Returns the problem, if any.
 */
export function schemaProblem(schema: object): string | undefined {
  const risky = schemaPatterns(schema).find(({ pattern }) => hasNestedQuantifier(pattern));
  if (risky) return `${risky.at} "${risky.pattern.slice(0, 100)}" repeats a group that repeats (catastrophic backtracking on crafted data); write it without the nesting`;
  const warnings: string[] = [];
  const ajv = newAjv({ warn: (...args) => warnings.push(args.map(String).join(' ')) }, true);
  try {
    ajv.compile(schema);
  } catch (error) {
    return (error as Error).message;
  }
  return warnings[0];
}

/**
 * Compiles a data schema into a validator answering the first violation, as a JSON pointer under
 * `/data`. Compile once per (type, version) and keep the validator: compiling is the costly part.
 * Each schema gets its own Ajv, so two types (or versions) with the same `$id` never collide; it
 * skips checking the schema against the meta-schema (most of the cost), as `schemaProblem` did
 * that before the catalog stored it.
 */
export function compileDataSchema(schema: object): DataValidator {
  const validate: ValidateFunction = newAjv({ warn: () => undefined }, false).compile(schema);
  return (data) => (validate(data) ? undefined : toViolation(validate.errors?.[0]));
}

const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

function toViolation(error: ErrorObject | undefined): SchemaViolation {
  if (!error) return { pointer: '/data', rule: 'schema', message: '/data does not match the schema' };
  let pointer = `/data${error.instancePath}`;
  // Where a property is missing or not allowed, name the property itself.
  const property = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (error.params as { additionalProperty?: string }).additionalProperty;
  if (property !== undefined) pointer += `/${escapeToken(property)}`;
  if (pointer.length > MAX_POINTER_LENGTH) pointer = `${pointer.slice(0, MAX_POINTER_LENGTH)}…`;
  const reason = error.keyword === 'required' ? 'is required' : error.keyword === 'additionalProperties' ? 'is not allowed' : (error.message ?? 'does not match');
  return { pointer, rule: error.keyword, message: `${pointer} ${reason}` };
}
