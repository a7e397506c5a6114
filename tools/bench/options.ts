import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  webhooks: number;
  phaseSeconds: number;
  warmupSeconds: number;
  /** Length of the raw-baseline phase. */
  rawSeconds: number;
  /** Phase 1 publishes while fewer than this many deliveries are outstanding (bounds the backlog). */
  window: number;
  rate: number;
  clients: number;
  batch: number;
  payloadBytes: number;
  concurrency: number;
  verify: boolean;
  /** Use a running platform instead of starting one. */
  gateway?: string;
  ingestion?: string;
  operatorKey?: string;
  out: string;
  /** Extra node arguments for every service, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  nodeArgs: string[];
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      webhooks: { type: 'string', default: '50' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'raw-seconds': { type: 'string' },
      window: { type: 'string' },
      rate: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '4' },
      batch: { type: 'string', default: '100' },
      'payload-bytes': { type: 'string', default: '1024' },
      concurrency: { type: 'string', default: '50' },
      verify: { type: 'boolean', default: false },
      gateway: { type: 'string' },
      ingestion: { type: 'string' },
      'operator-key': { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      'node-args': { type: 'string', default: '' },
    },
  });
  const quick = values.quick!;
  const int = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${v}")`);
    return n;
  };
  return {
    quick,
    webhooks: int('webhooks', values.webhooks),
    phaseSeconds: int('seconds', values.seconds ?? (quick ? '20' : '60')),
    warmupSeconds: int('warmup', values.warmup ?? (quick ? '2' : '10')),
    rawSeconds: int('raw-seconds', values['raw-seconds'] ?? (quick ? '10' : values.seconds ?? '30')),
    window: int('window', values.window ?? (quick ? '20000' : '40000')),
    rate: int('rate', values.rate),
    clients: int('clients', values.clients),
    batch: int('batch', values.batch),
    payloadBytes: int('payload-bytes', values['payload-bytes']),
    concurrency: int('concurrency', values.concurrency),
    verify: values.verify!,
    gateway: values.gateway,
    ingestion: values.ingestion,
    operatorKey: values['operator-key'],
    out: values.out!,
    nodeArgs: values['node-args']!.split(' ').filter(Boolean),
  };
}
