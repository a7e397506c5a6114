import { parseArgs } from 'node:util';

export interface ChaosOptions {
  quick: boolean;
  /** Events per second of the steady load. */
  rate: number;
  webhooks: number;
  /** Scenario names to run (all when empty). */
  only: string[];
  out: string;
}

export function parseOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rate: { type: 'string' },
      webhooks: { type: 'string', default: '2' },
      only: { type: 'string', default: '' },
      out: { type: 'string', default: 'bench/chaos' },
    },
  });
  const quick = values.quick!;
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got "${v}")`);
    return n;
  };
  return {
    quick,
    rate: int('rate', values.rate ?? (quick ? '50' : '80')),
    webhooks: int('webhooks', values.webhooks!),
    only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : [],
    out: values.out!,
  };
}
