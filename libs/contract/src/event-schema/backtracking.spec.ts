import { hasNestedQuantifier, schemaPatterns } from './backtracking';
import { schemaProblem } from './data-schema';

describe('patterns that backtrack exponentially', () => {
  it.each(['(a+)+$', '^(a*)*b', '(\\w+\\s?)*$', '((ab)+)+', '(x{2,})+', '(a|b+){2,5}', '^(([a-z])+.)+[A-Z]([a-z])+$'])('refuses %s', (pattern) => {
    expect(hasNestedQuantifier(pattern)).toBe(true);
  });

  it.each(['^[A-Z]{3}$', '^usr_', '^(ab)+$', '^([a-z]+)?$', '[(+)]+', '^\\(a+\\)+$', '^(a){1}+$', '^[a-z]+(-[a-z]+)?$'])('accepts %s', (pattern) => {
    expect(hasNestedQuantifier(pattern)).toBe(false);
  });

  it('finds every pattern of a schema and refuses the schema that holds a risky one', () => {
    const schema = { properties: { id: { pattern: '^id_' }, tags: { items: { pattern: '(a+)+' } } }, patternProperties: { '^x-': {} } };
    expect(schemaPatterns(schema).map((p) => p.at)).toEqual(['#/properties/id/pattern', '#/properties/tags/items/pattern', '#/patternProperties']);
    expect(schemaProblem(schema)).toContain('#/properties/tags/items/pattern "(a+)+" repeats a group that repeats');
  });
});
