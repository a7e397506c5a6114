import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HooklineClient } from '../client/hookline-client';
import type { Delivery } from '../client/resources';
import { sleep } from '../client/retry-policy';
import { checkSignature } from '../verify/verify';
import { configPath, loadConfig, saveConfig } from './config-file';
import { parseSavedRequest } from './saved-request';

/** Where a command writes: the process's streams, or a test's. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export type Command = (args: string[], output: Output, signal: AbortSignal) => Promise<number>;

const clientFromConfig = () => {
  const config = loadConfig();
  return new HooklineClient({ baseUrl: config.url, apiKey: config.apiKey });
};

/** `hookline login --url <gateway> --api-key <hk_…>`: checks the key, then saves both (0600). */
export const login: Command = async (args, output) => {
  const { values } = parseArgs({ args, options: { url: { type: 'string' }, 'api-key': { type: 'string' } } });
  const url = values.url ?? process.env.HOOKLINE_URL;
  const apiKey = values['api-key'] ?? process.env.HOOKLINE_API_KEY;
  if (!url || !apiKey) throw new Error('usage: hookline login --url <gateway URL> --api-key <hk_…> (or HOOKLINE_URL / HOOKLINE_API_KEY)');
  const client = new HooklineClient({ baseUrl: url, apiKey });
  const { data, error, response } = await client.api.GET('/v1/session');
  if (!response.ok) throw new Error(`the gateway refused the key: ${response.status} ${JSON.stringify(error)}`);
  saveConfig({ url, apiKey });
  output.out(`Logged in to ${url} as ${data?.role ?? 'unknown role'} of ${data?.organization_id ?? 'the organization'}; saved in ${configPath()}`);
  return 0;
};

/** `hookline events publish --type <type> --data <json> [--idempotency-key <key>] [--test]`. */
export const publishEvent: Command = async (args, output) => {
  const { values } = parseArgs({
    args,
    options: { type: { type: 'string' }, data: { type: 'string' }, 'idempotency-key': { type: 'string' }, test: { type: 'boolean' } },
  });
  if (!values.type || values.data === undefined) throw new Error('usage: hookline events publish --type <event type> --data <JSON object> [--idempotency-key <key>] [--test]');
  let data: unknown;
  try {
    data = JSON.parse(values.data);
  } catch {
    throw new Error('--data is not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('--data must be a JSON object');
  const event = await clientFromConfig().publish(
    { type: values.type, data: data as Record<string, unknown>, ...(values.test ? { is_test: true } : {}) },
    values['idempotency-key'] ? { idempotencyKey: values['idempotency-key'] } : {},
  );
  output.out(JSON.stringify(event));
  return 0;
};

/** `hookline deliveries retry <del_…>`. */
export const retryDelivery: Command = async (args, output) => {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length !== 1) throw new Error('usage: hookline deliveries retry <del_…>');
  output.out(JSON.stringify(await clientFromConfig().deliveries.retry(positionals[0])));
  return 0;
};

const deliveryLine = (d: Delivery) =>
  [d.created_at, d.id, d.event_type, d.status, `attempts=${d.attempt_count}`, `http=${d.response_status ?? '-'}`, `webhook=${d.webhook_id}`, d.is_test ? 'test' : ''].join(' ').trim();

/**
 * `hookline deliveries tail [--webhook <wh_…>] [--status <s>] [--interval <ms>]`: prints each delivery
 * as it appears and again whenever its status or attempt count changes, oldest first, until Ctrl-C.
 */
export const tailDeliveries: Command = async (args, output, signal) => {
  const { values } = parseArgs({ args, options: { webhook: { type: 'string' }, status: { type: 'string' }, interval: { type: 'string' } } });
  const status = values.status as 'pending' | 'delivered' | 'failed' | undefined;
  if (status && !['pending', 'delivered', 'failed'].includes(status)) throw new Error('--status is pending, delivered or failed');
  const intervalMs = Number(values.interval ?? 2_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100) throw new Error('--interval is an integer of milliseconds, at least 100');
  const client = clientFromConfig();
  const seen = new Map<string, string>();
  while (!signal.aborted) {
    const page = await client.deliveries.list({ limit: 100, ...(values.webhook ? { webhook_id: values.webhook } : {}), ...(status ? { status } : {}) });
    for (const delivery of [...page.data].reverse()) {
      const state = `${delivery.status}/${delivery.attempt_count}`;
      if (seen.get(delivery.id) === state) continue;
      seen.set(delivery.id, state);
      output.out(deliveryLine(delivery));
    }
    await sleep(intervalMs, signal).catch(() => undefined);
  }
  return 0;
};

/**
 * `hookline verify --file <saved request> --key <key> [--key <key>] [--tolerance <s> | --ignore-timestamp]`:
 * checks a saved request's signature with the keys the API handed out (`whsec_…`, `whpk_…`, a PEM
 * file given as `--key @path`).
 */
export const verifyRequest: Command = async (args, output) => {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, key: { type: 'string', multiple: true }, tolerance: { type: 'string' }, 'ignore-timestamp': { type: 'boolean' } },
  });
  if (!values.file || !values.key?.length) throw new Error('usage: hookline verify --file <saved request> --key <whsec_…|whpk_…|@public-key.pem> [--key …] [--tolerance <s> | --ignore-timestamp]');
  const request = parseSavedRequest(readFileSync(values.file, 'utf8'));
  const keys = values.key.map((key) => (key.startsWith('@') ? readFileSync(key.slice(1), 'utf8') : key));
  const toleranceSeconds = values['ignore-timestamp'] ? Number.MAX_SAFE_INTEGER : values.tolerance !== undefined ? Number(values.tolerance) : undefined;
  try {
    checkSignature(request.body, request.headers, keys, { toleranceSeconds });
  } catch (error) {
    output.err(`not verified: ${(error as Error).message}`);
    return 1;
  }
  output.out(`verified: ${request.headers['webhook-id'] ?? ''} signed at ${request.headers['webhook-timestamp'] ?? ''}`);
  return 0;
};
