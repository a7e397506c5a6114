import { breakingChanges, type JsonSchema } from './schema-compatibility';

const money: JsonSchema = {
  type: 'object',
  required: ['amount'],
  properties: { amount: { type: 'integer', minimum: 1 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' }, status: { enum: ['paid', 'failed'] } },
};
const closed: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } }, additionalProperties: false };
const withProperty = (base: Record<string, unknown>, name: string, schema: unknown) => ({
  ...base,
  properties: { ...(base.properties as object), [name]: schema },
});

// [what changes, previous, next, a fragment of the first reason ('' = compatible)]
const cases: Array<[string, JsonSchema | undefined, JsonSchema | undefined, string]> = [
  ['the same schema', money, money, ''],
  ['annotations only', money, { ...money, title: 'Money', description: 'changed words' }, ''],
  ['schema removed', money, undefined, ''],
  ['a new property described only', money, withProperty(money, 'memo', { description: 'free text' }), ''],
  ['a requirement dropped', money, { ...money, required: [] }, ''],
  ['minimum lowered', money, withProperty(money, 'amount', { type: 'integer', minimum: 0 }), ''],
  ['integer widened to number', money, withProperty(money, 'amount', { type: 'number', minimum: 1 }), ''],
  ['a type added to a list', money, withProperty(money, 'currency', { type: ['string', 'null'], pattern: '^[A-Z]{3}$' }), ''],
  ['an enum value added', money, withProperty(money, 'status', { enum: ['paid', 'failed', 'pending'] }), ''],
  ['additionalProperties false lifted', closed, { ...closed, additionalProperties: true }, ''],
  ['a property added to a closed object', closed, withProperty(closed, 'tag', { type: 'string' }), ''],
  ['pattern removed', money, withProperty(money, 'currency', { type: 'string' }), ''],
  ['an unknown keyword kept as it was', { ...money, allOf: [{ type: 'object' }] }, { ...money, allOf: [{ type: 'object' }], title: 'x' }, ''],
  ['a schema where there was none', undefined, { type: 'object' }, '/data: `type` narrowed to object'],
  // An open object accepted `memo` of any type: typing it refuses some of that (as Confluent's PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL).
  ['a new typed property on an open object', money, withProperty(money, 'memo', { type: 'string' }), '/data/memo: `type` narrowed to string'],
  ['a new required property', money, { ...money, required: ['amount', 'currency'] }, '/data/currency is newly required'],
  ['a property removed while additionalProperties is false', closed, { ...closed, properties: { id: { type: 'string' } } }, '/data/note is no longer accepted'],
  ['additionalProperties turned false', money, { ...money, additionalProperties: false }, '/data/* is no longer accepted'],
  ['type narrowed', money, withProperty(money, 'amount', { type: 'string' }), '/data/amount: `type` no longer accepts integer'],
  ['number narrowed to integer', withProperty(money, 'amount', { type: 'number' }), withProperty(money, 'amount', { type: 'integer' }), 'no longer accepts number'],
  ['an enum value removed', money, withProperty(money, 'status', { enum: ['paid'] }), '/data/status: `enum` no longer allows "failed"'],
  ['an enum added', withProperty(money, 'status', { type: 'string' }), withProperty(money, 'status', { type: 'string', enum: ['paid'] }), '`enum`/`const` added'],
  ['minimum raised', money, withProperty(money, 'amount', { type: 'integer', minimum: 5 }), '/data/amount: `minimum` raised (5)'],
  ['maximum added', money, withProperty(money, 'amount', { type: 'integer', minimum: 1, maximum: 100 }), '`maximum` added (100)'],
  ['maxLength lowered', { properties: { id: { maxLength: 10 } } }, { properties: { id: { maxLength: 5 } } }, '`maxLength` lowered (5)'],
  ['minLength added', { properties: { id: { type: 'string' } } }, { properties: { id: { type: 'string', minLength: 1 } } }, '`minLength` added (1)'],
  ['pattern changed', money, withProperty(money, 'currency', { type: 'string', pattern: '^[A-Z]{2}$' }), '/data/currency: `pattern` changed'],
  ['format added', money, withProperty(money, 'currency', { type: 'string', pattern: '^[A-Z]{3}$', format: 'email' }), '`format` added'],
  ['format changed', { properties: { at: { format: 'date' } } }, { properties: { at: { format: 'date-time' } } }, '`format` changed'],
  ['array items narrowed', { properties: { tags: { type: 'array', items: { type: ['string', 'integer'] } } } }, { properties: { tags: { type: 'array', items: { type: 'string' } } } }, '/data/tags/*: `type` no longer accepts integer'],
  ['uniqueItems turned on', { properties: { tags: { type: 'array' } } }, { properties: { tags: { type: 'array', uniqueItems: true } } }, '`uniqueItems` turned on'],
  ['a nested property newly required', { properties: { payer: { type: 'object', properties: { id: { type: 'string' } } } } }, { properties: { payer: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } }, '/data/payer/id is newly required'],
  ['anyOf added (not provable)', money, { ...money, anyOf: [{ required: ['amount'] }] }, '`anyOf` changed (not provably compatible)'],
  ['$ref target swapped (not provable)', { $ref: '#/definitions/a', definitions: { a: { type: 'object' } } }, { $ref: '#/definitions/a', definitions: { a: { type: 'object', required: ['x'] } } }, 'not provably compatible'],
  ['false where something was accepted', { properties: { x: true } }, { properties: { x: false } }, '/data/x is no longer accepted at all'],
];

describe('schema compatibility: a new version must accept what the previous one accepted', () => {
  it.each(cases)('%s', (_what, previous, next, expected) => {
    const reasons = breakingChanges(previous, next);
    if (expected === '') expect(reasons).toEqual([]);
    else expect(reasons.join('\n')).toContain(expected);
  });

  it('names a property with a slash in it by its escaped JSON pointer token', () => {
    expect(breakingChanges({ properties: {} }, { required: ['a/b~c'] })).toEqual(['/data/a~1b~0c is newly required']);
  });
});
