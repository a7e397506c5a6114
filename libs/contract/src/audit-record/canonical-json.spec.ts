import { canonicalize } from './canonical-json';

describe('canonicalize (RFC 8785 style)', () => {
  it('matches the RFC 8785 §3.2.2 example: literals, numbers, strings', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    // Read the member values in written order (Object.keys would move the integer-like key "1" first).
    const values = [...canonicalize(input).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('sorts nested objects, keeps array order and has no whitespace', () => {
    expect(canonicalize({ b: [3, { z: 1, a: 2 }], a: { d: 'x', c: null } })).toBe('{"a":{"c":null,"d":"x"},"b":[3,{"a":2,"z":1}]}');
  });

  it('is independent of insertion order', () => {
    expect(canonicalize({ x: 1, y: 2 })).toBe(canonicalize({ y: 2, x: 1 }));
  });

  it('writes numbers in their shortest ECMAScript form', () => {
    expect(canonicalize([1.0, -0, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2])).toBe('[1,0,1e+21,1e-7,123456789012345680000,0.30000000000000004]');
  });

  it('omits undefined object members, like JSON', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalize(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalize(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => canonicalize('\ud800')).toThrow(TypeError);
    expect(() => canonicalize(() => 1)).toThrow(TypeError);
  });
});
