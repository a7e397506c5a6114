import { sampleFromSchema } from './sample-data';

describe('sample data from an event type schema', () => {
  it('fills every property, preferring examples, enums and defaults', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'string', examples: ['tr_123'] },
        amount: { type: 'integer' },
        currency: { type: 'string', enum: ['EUR', 'USD'] },
        at: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' } },
        paid: { type: ['boolean', 'null'], default: true },
      },
    };
    expect(sampleFromSchema(schema)).toEqual({ id: 'tr_123', amount: 0, currency: 'EUR', at: '1970-01-01T00:00:00.000Z', tags: ['string'], paid: true });
  });

  it('gives an empty object without a schema', () => {
    expect(sampleFromSchema(undefined)).toEqual({});
  });
});
