import { parseArgs } from 'node:util';
import { namedProfile, PROFILE_NAMES, RUN_NAMES, RUNS, type Profile, type ProfileName, type RunName } from './profiles';

export interface BenchOptions {
  quick: boolean;
  /** The shapes to measure, in order (see profiles.ts). */
  profiles: Profile[];
  phaseSeconds: number;
  warmupSeconds: number;
  /** Length of each raw-baseline run (one per connection count). */
  rawSeconds: number;
  /** Phase 1 publishes while fewer than this many deliveries are outstanding (bounds the backlog). */
  window: number;
  rate: number;
  clients: number;
  batch: number;
  payloadBytes: number;
  /** Connection counts the raw baseline tries; the best is reported. */
  concurrency: number[];
  verify: boolean;
  /** Use a running platform instead of starting one. */
  gateway?: string;
  ingestion?: string;
  operatorKey?: string;
  /** The running platform's database, to count its delivery rows (optional with `--gateway`). */
  databaseUrl?: string;
  out: string;
  /** Extra node arguments for every service, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  nodeArgs: string[];
  /** Where each service's log lines go (`<dir>/<service>.log`), at LOG_LEVEL `logLevel`; none when unset. */
  logsDir?: string;
  logLevel: string;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The profiles a run measures: `--orgs`/`--webhooks-per-org` (or the older `--webhooks N`, one
 * organization) make one custom shape; else `--profile` and `--run` name them; else the three
 * named profiles.
 */
function selectProfiles(values: Record<string, string | boolean | undefined>, int: (name: string, v: string | undefined) => number, payloadBytes: number): Profile[] {
  if (values.orgs || values['webhooks-per-org'] || values.webhooks) {
    const orgs = int('orgs', (values.orgs as string | undefined) ?? '1');
    const perOrg = int('webhooks-per-org', (values['webhooks-per-org'] as string | undefined) ?? (values.webhooks as string | undefined) ?? '1');
    return [{ name: `${orgs}x${perOrg}`, orgs, webhooksPerOrg: perOrg, payloadBytes }];
  }
  const names = list(values.profile as string | undefined);
  const runs = list(values.run as string | undefined);
  for (const name of names) if (!PROFILE_NAMES.includes(name as ProfileName)) throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')} (got "${name}")`);
  for (const name of runs) if (!RUN_NAMES.includes(name as RunName)) throw new Error(`--run must be one of ${RUN_NAMES.join(', ')} (got "${name}")`);
  const profiles = (names.length || runs.length ? names : PROFILE_NAMES).map((name) => namedProfile(name as ProfileName, payloadBytes));
  return [...profiles, ...runs.flatMap((name) => RUNS[name as RunName](payloadBytes))];
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'string' },
      run: { type: 'string' },
      orgs: { type: 'string' },
      'webhooks-per-org': { type: 'string' },
      webhooks: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'raw-seconds': { type: 'string' },
      window: { type: 'string' },
      rate: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '4' },
      batch: { type: 'string', default: '100' },
      'payload-bytes': { type: 'string', default: '1024' },
      concurrency: { type: 'string', default: '10,50' },
      verify: { type: 'boolean', default: false },
      gateway: { type: 'string' },
      ingestion: { type: 'string' },
      'operator-key': { type: 'string' },
      'database-url': { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      'node-args': { type: 'string', default: '' },
      logs: { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
    },
  });
  const quick = values.quick!;
  const int = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${v}")`);
    return n;
  };
  const payloadBytes = int('payload-bytes', values['payload-bytes']);
  return {
    quick,
    profiles: selectProfiles(values, int, payloadBytes),
    phaseSeconds: int('seconds', values.seconds ?? (quick ? '15' : '60')),
    warmupSeconds: int('warmup', values.warmup ?? (quick ? '2' : '10')),
    rawSeconds: int('raw-seconds', values['raw-seconds'] ?? (quick ? '5' : '20')),
    window: int('window', values.window ?? (quick ? '20000' : '40000')),
    rate: int('rate', values.rate),
    clients: int('clients', values.clients),
    batch: int('batch', values.batch),
    payloadBytes,
    concurrency: list(values.concurrency).map((c) => int('concurrency', c)),
    verify: values.verify!,
    gateway: values.gateway,
    ingestion: values.ingestion,
    operatorKey: values['operator-key'],
    databaseUrl: values['database-url'],
    out: values.out!,
    nodeArgs: values['node-args']!.split(' ').filter(Boolean),
    logsDir: values.logs,
    logLevel: values['log-level']!,
  };
}
