import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `hookline login` keeps: the gateway and the API key to call it with. */
export interface CliConfig {
  url: string;
  apiKey: string;
}

/**
 * The OS user's config file: `HOOKLINE_CONFIG`, else `$XDG_CONFIG_HOME/hookline/config.json`, else
 * `%APPDATA%\hookline\config.json` on Windows, else `~/.config/hookline/config.json`.
 */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOOKLINE_CONFIG) return env.HOOKLINE_CONFIG;
  const base = env.XDG_CONFIG_HOME || (process.platform === 'win32' && env.APPDATA) || join(homedir(), '.config');
  return join(base, 'hookline', 'config.json');
}

/** Writes the file readable by its owner only (0600, its folder 0700): it holds an API key. */
export function saveConfig(config: CliConfig, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already existed: set it again.
  chmodSync(path, 0o600);
}

/** The saved config, with `HOOKLINE_URL` / `HOOKLINE_API_KEY` taking precedence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  let saved: Partial<CliConfig> = {};
  try {
    saved = JSON.parse(readFileSync(configPath(env), 'utf8')) as Partial<CliConfig>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${configPath(env)}: ${(error as Error).message}`);
  }
  const url = env.HOOKLINE_URL || saved.url;
  const apiKey = env.HOOKLINE_API_KEY || saved.apiKey;
  if (!url || !apiKey) throw new Error('not logged in: run `hookline login --url <gateway> --api-key <hk_…>` (or set HOOKLINE_URL and HOOKLINE_API_KEY)');
  return { url, apiKey };
}

/**
 * Keeps a relay webhook's signing secret beside the key (the API shows it once, at creation), so
 * `hookline listen` can print it every time it reuses the webhook.
 */
export function saveRelaySecret(webhookId: string, secret: string, path = configPath()): void {
  const saved = readSaved(path);
  const relaySecrets = { ...(saved.relaySecrets as Record<string, string> | undefined), [webhookId]: secret };
  saveConfig({ ...saved, relaySecrets } as unknown as CliConfig, path);
}

export function relaySecretOf(webhookId: string, path = configPath()): string | undefined {
  return (readSaved(path).relaySecrets as Record<string, string> | undefined)?.[webhookId];
}

function readSaved(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}
