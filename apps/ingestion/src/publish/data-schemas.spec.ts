import { compileDataSchema } from '@hookline/contract';
import { DataSchemas, type DataSchema } from './data-schemas';

const positive = (version: number, mode: DataSchema['mode'] = 'enforce'): DataSchema => ({
  schemaJson: JSON.stringify({ type: 'object', properties: { amount: { type: 'integer', minimum: version } } }),
  mode,
  version,
});

describe('DataSchemas', () => {
  it('compiles each (type, version) once — at catalog read — and again only for a new version', () => {
    const compile = jest.fn(compileDataSchema);
    const schemas = new DataSchemas(() => undefined, compile);

    schemas.prepare([{ type: 'a.b', schema: positive(1) }, { type: 'c.d', schema: positive(1, 'off') }, { type: 'e.f' }]);
    expect(compile).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) schemas.check('a.b', positive(1), { amount: 0 });
    schemas.prepare([{ type: 'a.b', schema: positive(1) }]);
    expect(compile).toHaveBeenCalledTimes(1);

    expect(schemas.check('a.b', positive(2), { amount: 1 })).toMatchObject({ version: 2, violation: { pointer: '/data/amount', rule: 'minimum' } });
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it('answers nothing under off, for matching data and for a type without a schema', () => {
    const schemas = new DataSchemas(() => undefined);
    expect(schemas.check('a.b', positive(1, 'off'), { amount: 0 })).toBeUndefined();
    expect(schemas.check('a.b', positive(1, 'warn'), { amount: 3 })).toBeUndefined();
    expect(schemas.check('a.b', undefined, { amount: 0 })).toBeUndefined();
    expect(schemas.check('a.b', positive(1, 'warn'), { amount: 0 })).toMatchObject({ mode: 'warn' });
  });

  it('a schema that does not compile is reported once and leaves the type unchecked', () => {
    const failures: string[] = [];
    const schemas = new DataSchemas((type, version) => failures.push(`${type}@${version}`));
    const broken: DataSchema = { schemaJson: '{"type":"strin"}', mode: 'enforce', version: 3 };
    expect(schemas.check('a.b', broken, {})).toBeUndefined();
    expect(schemas.check('a.b', broken, {})).toBeUndefined();
    expect(failures).toEqual(['a.b@3']);
  });
});
