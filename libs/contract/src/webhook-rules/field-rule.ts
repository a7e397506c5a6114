import type { z } from 'zod';

/**
 * One rule a client can check by itself: the schema a field's value must pass, and the public
 * error code and message when it does not. A zod issue kind may carry its own code (a URL that
 * is too long is `url_too_long`, not `url_invalid`).
 */
export interface FieldRule<S extends z.ZodType = z.ZodType> {
  schema: S;
  code: string;
  message: string;
  byIssue?: Partial<Record<z.core.$ZodIssue['code'], { code: string; message?: string }>>;
}

export function fieldRule<S extends z.ZodType>(schema: S, code: string, message: string, byIssue?: FieldRule['byIssue']): FieldRule<S> {
  return { schema, code, message, byIssue };
}

/** The code and message a value breaking `rule` is refused with, or undefined when it passes. */
export function ruleViolation(rule: FieldRule, value: unknown): { code: string; message: string } | undefined {
  const result = rule.schema.safeParse(value);
  if (result.success) return undefined;
  const specific = rule.byIssue?.[result.error.issues[0].code];
  return { code: specific?.code ?? rule.code, message: specific?.message ?? rule.message };
}

/**
 * The error code of every rule by its field path (`auth.header_name`, `event_types[]`) and by
 * path and issue kind (`url:too_big`): what a layer validating whole requests with the composed
 * schemas answers, so it names a broken rule exactly as the rule's owner does.
 */
export function ruleCodes(rules: Record<string, FieldRule>): Record<string, string> {
  const codes: Record<string, string> = {};
  for (const [path, rule] of Object.entries(rules)) {
    codes[path] = rule.code;
    for (const [issue, specific] of Object.entries(rule.byIssue ?? {})) if (specific) codes[`${path}:${issue}`] = specific.code;
  }
  return codes;
}
