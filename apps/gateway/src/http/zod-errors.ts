import type { z } from '@hookline/config';
import { InputError } from '@hookline/errors';

type Issue = z.core.$ZodIssue;
type Location = 'body' | 'query' | 'params';

/** `auth.header_name`, `event_types[0]`: the field path as a client writes it. */
export function paramPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), '');
}

/** Turns the first zod issue into the public InputError naming the field at fault. */
export function issueToInputError(issues: readonly Issue[], input: unknown, location: Location, errorCodes: Record<string, string> = {}): InputError {
  const issue = issues[0];
  const described = describe(issue, input);
  const { path, message } = described;
  const param = paramPath(path);
  const field = param.replace(/\[\d+\]/g, '[]');
  const generic = described.code === 'missing_field' || described.code === 'unknown_field';
  const code = (!generic && (errorCodes[`${field}:${issue.code}`] ?? errorCodes[field])) || described.code;
  const where = location === 'body' ? '' : ` (${location === 'query' ? 'query parameter' : 'path parameter'})`;
  return new InputError(param ? `${param}${where}: ${message}` : message, {
    code,
    ...(param ? { param } : {}),
    details: { issues: issues.map((i) => ({ path: paramPath(i.path), code: i.code, message: i.message })) },
  });
}

function describe(issue: Issue, input: unknown): { code: string; path: readonly PropertyKey[]; message: string } {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const path = [...issue.path, issue.keys[0]];
      return { code: 'unknown_field', path, message: `Unknown field "${paramPath(path)}".` };
    }
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? { code: 'missing_field', path: issue.path, message: 'This field is required.' }
        : { code: 'invalid_type', path: issue.path, message: issue.message };
    case 'too_small':
    case 'too_big':
      return { code: 'out_of_range', path: issue.path, message: issue.message };
    case 'invalid_value':
    case 'invalid_format':
    case 'invalid_union':
      return { code: 'invalid_value', path: issue.path, message: issue.message };
    default:
      return { code: 'invalid_request', path: issue.path, message: issue.message };
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: any = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[segment as any];
  }
  return current;
}
