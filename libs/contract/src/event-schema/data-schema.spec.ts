import { compileDataSchema, schemaProblem } from './data-schema';

describe('data schemas', () => {
  const validate = compileDataSchema({
    type: 'object',
    required: ['amount', 'currency'],
    properties: { amount: { type: 'integer', minimum: 1 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' }, payer: { type: 'object', properties: { 'e/mail': { format: 'email' } } } },
    additionalProperties: false,
  });

  it.each([
    [{ amount: 0, currency: 'EUR' }, '/data/amount', 'minimum'],
    [{ amount: '5', currency: 'EUR' }, '/data/amount', 'type'],
    [{ amount: 5 }, '/data/currency', 'required'],
    [{ amount: 5, currency: 'eur' }, '/data/currency', 'pattern'],
    [{ amount: 5, currency: 'EUR', extra: 1 }, '/data/extra', 'additionalProperties'],
    [{ amount: 5, currency: 'EUR', payer: { 'e/mail': 'nope' } }, '/data/payer/e~1mail', 'format'],
  ])('names the JSON pointer and the rule that failed for %j', (data, pointer, rule) => {
    expect(validate(data)).toMatchObject({ pointer, rule, message: expect.stringContaining(pointer) });
  });

  it('answers nothing for data that matches', () => {
    expect(validate({ amount: 5, currency: 'EUR' })).toBeUndefined();
  });

  it('refuses a schema that does not compile or names an unknown format', () => {
    expect(schemaProblem({ type: 'strin' })).toMatch(/schema is invalid/);
    expect(schemaProblem({ type: 'string', format: 'no-such-format' })).toMatch(/unknown format "no-such-format"/);
    expect(schemaProblem({ type: 'object', properties: { at: { format: 'date-time' } } })).toBeUndefined();
  });
});
