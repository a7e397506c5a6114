import { z } from '@hookline/config';
import { issueToInputError, paramPath } from './zod-errors';

const schema = z.strictObject({
  name: z.string().min(5),
  auth: z.discriminatedUnion('type', [z.strictObject({ type: z.literal('none') }), z.strictObject({ type: z.literal('api_key'), header_name: z.string() })]).optional(),
  event_types: z.array(z.string()).min(1).optional(),
});

function errorFor(input: unknown, codes: Record<string, string> = {}) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return issueToInputError(result.error.issues, input, 'body', codes);
}

describe('zod issues → InputError', () => {
  it('writes paths as a client does', () => {
    expect(paramPath(['auth', 'header_name'])).toBe('auth.header_name');
    expect(paramPath(['event_types', 0])).toBe('event_types[0]');
    expect(paramPath([])).toBe('');
  });

  it('names an unknown field, nested ones by their full path', () => {
    expect(errorFor({ name: 'abcde', colour: 1 })).toMatchObject({ code: 'unknown_field', param: 'colour' });
    expect(errorFor({ name: 'abcde', auth: { type: 'none', x: 1 } })).toMatchObject({ code: 'unknown_field', param: 'auth.x' });
  });

  it('reports a missing field as missing, even when the route maps its rule code', () => {
    expect(errorFor({}, { name: 'name_invalid' })).toMatchObject({ code: 'missing_field', param: 'name' });
    expect(errorFor({ name: 'abcde', auth: { type: 'api_key' } })).toMatchObject({ code: 'missing_field', param: 'auth.header_name' });
  });

  it("uses the route's rule code for a broken rule, by field or by field and issue", () => {
    expect(errorFor({ name: 'abc' }, { name: 'name_invalid' })).toMatchObject({ code: 'name_invalid', param: 'name' });
    expect(errorFor({ name: 'abcde', event_types: [] }, { 'event_types:too_small': 'event_types_empty' })).toMatchObject({ code: 'event_types_empty' });
    expect(errorFor({ name: 'abcde', event_types: [3] }, { 'event_types[]': 'event_type_unknown' })).toMatchObject({ code: 'event_type_unknown', param: 'event_types[0]' });
    expect(errorFor({ name: 'abcde', auth: { type: 'magic' } }, { 'auth.type': 'auth_type_invalid' })).toMatchObject({ code: 'auth_type_invalid', param: 'auth.type' });
  });

  it('falls back to generic codes', () => {
    expect(errorFor({ name: 'abc' })).toMatchObject({ code: 'out_of_range', param: 'name' });
    expect(errorFor({ name: 12345 })).toMatchObject({ code: 'invalid_type', param: 'name' });
  });
});
