import { findForbiddenKey, jsonDepth, MAX_JSON_DEPTH } from './json-safety';

describe('jsonDepth', () => {
  it('counts nested objects and arrays', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('[[],[[]]]')).toBe(3);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[[[","b":{}}')).toBe(2);
    expect(jsonDepth('["\\\\",[]]')).toBe(2);
  });

  it('measures a document nested past the limit', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('findForbiddenKey', () => {
  it('finds __proto__ as parsed by JSON.parse, with its path', () => {
    expect(findForbiddenKey(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toBe('a.__proto__');
    expect(findForbiddenKey(JSON.parse('{"list":[{},{"constructor":{}}]}'))).toBe('list[1].constructor');
  });

  it('accepts ordinary bodies', () => {
    expect(findForbiddenKey({ name: 'x', data: { proto: 1, constructors: [] } })).toBeUndefined();
    expect(findForbiddenKey([1, 'a', null])).toBeUndefined();
  });
});
