import { loadConfig } from '@hookline/config';
import { publicUrlEnv } from '../config';

const parse = (value: string) => loadConfig(publicUrlEnv, { HOOKLINE_PUBLIC_URL: value });

describe('HOOKLINE_PUBLIC_URL', () => {
  it('takes an https URL, with a path, without its trailing slash', () => {
    expect(parse('https://hooks.example.com/').HOOKLINE_PUBLIC_URL).toBe('https://hooks.example.com');
    expect(parse('https://example.com:8443/hookline').HOOKLINE_PUBLIC_URL).toBe('https://example.com:8443/hookline');
  });

  it.each(['hooks.example.com', 'ftp://hooks.example.com', 'https://hooks.example.com/?a=1', 'https://hooks.example.com/#x', 'https://user@hooks.example.com'])(
    'refuses %s, naming the variable',
    (value) => {
      expect(() => parse(value)).toThrow(/HOOKLINE_PUBLIC_URL/);
    },
  );
});
