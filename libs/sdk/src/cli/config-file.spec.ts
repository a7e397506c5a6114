import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, loadConfig, saveConfig } from './config-file';

const dir = () => mkdtempSync(join(tmpdir(), 'hookline-cli-'));

describe('the CLI config file', () => {
  it("lives in the user's config folder unless HOOKLINE_CONFIG names another", () => {
    expect(configPath({ HOOKLINE_CONFIG: '/x/c.json' })).toBe('/x/c.json');
    expect(configPath({ XDG_CONFIG_HOME: '/home/a/.cfg' })).toBe('/home/a/.cfg/hookline/config.json');
    expect(configPath({})).toMatch(/\.config\/hookline\/config\.json$/);
  });

  it('is readable by its owner only (0600, its folder 0700), also when it existed with a wider mode', () => {
    const path = join(dir(), 'hookline', 'config.json');
    saveConfig({ url: 'http://127.0.0.1:8080', apiKey: 'hk_1' }, path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    writeFileSync(path, '{}', { mode: 0o644 });
    saveConfig({ url: 'http://127.0.0.1:8080', apiKey: 'hk_2' }, path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: 'http://127.0.0.1:8080', apiKey: 'hk_2' });
  });

  it('is read back, with HOOKLINE_URL and HOOKLINE_API_KEY taking precedence, and says how to log in when absent', () => {
    const path = join(dir(), 'config.json');
    saveConfig({ url: 'http://a', apiKey: 'hk_saved' }, path);
    expect(loadConfig({ HOOKLINE_CONFIG: path })).toEqual({ url: 'http://a', apiKey: 'hk_saved' });
    expect(loadConfig({ HOOKLINE_CONFIG: path, HOOKLINE_API_KEY: 'hk_env' })).toEqual({ url: 'http://a', apiKey: 'hk_env' });
    expect(() => loadConfig({ HOOKLINE_CONFIG: join(dir(), 'none.json') })).toThrow(/hookline login/);
  });
});
