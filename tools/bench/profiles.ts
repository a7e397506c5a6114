// The traffic shapes the benchmark measures. A profile is a number of organizations, each with
// the same number of webhooks subscribed to every event; each published event goes to the
// webhooks of one organization, the organizations taken in turn (so an event fans out to
// `webhooksPerOrg` deliveries).

export interface Profile {
  name: string;
  orgs: number;
  webhooksPerOrg: number;
  payloadBytes: number;
  /** Delivery rows seeded waiting for a retry (due in an hour) before the phases start. */
  backlogRows?: number;
  /** A payload filter on every webhook (it accepts every bench event, so the counts stay comparable). */
  filter?: Record<string, unknown>;
}

/**
 * The filter of the `filter` run: a comparison, a membership and a prefix, all true of the bench's
 * events (`amount` 1250, `currency` EUR), so each is evaluated in full on every event; the routing
 * probes (`{"probe": true}`) pass by the first branch.
 */
export const BENCH_FILTER = {
  or: [
    { field: 'data.probe', exists: true },
    { and: [{ field: 'data.amount', gte: 100 }, { field: 'data.currency', in: ['USD', 'EUR'] }, { field: 'type', starts_with: 'transfer.' }] },
  ],
};

/** What `npm run bench` measures by default (full or `--quick`). */
export const PROFILE_SHAPES = {
  /** Most real traffic: an event reaches one endpoint of one organization. */
  narrow: { orgs: 200, webhooksPerOrg: 1 },
  medium: { orgs: 100, webhooksPerOrg: 3 },
  /** One organization whose every event fans out to 100 endpoints (the shape of earlier runs). */
  wide: { orgs: 1, webhooksPerOrg: 100 },
} as const;

export type ProfileName = keyof typeof PROFILE_SHAPES;
export const PROFILE_NAMES = Object.keys(PROFILE_SHAPES) as ProfileName[];

/** Opt-in runs (`--run`), never part of `--quick` by default: they take minutes each. */
export const RUNS = {
  /** 10,000 webhooks over 2,000 organizations. */
  scale: (payloadBytes: number): Profile[] => [{ name: 'scale', orgs: 2_000, webhooksPerOrg: 5, payloadBytes }],
  /** The narrow shape with big events: 16 KiB and the default 256 KiB event limit. */
  payload: (): Profile[] => [
    { name: 'payload-16k', ...PROFILE_SHAPES.narrow, payloadBytes: 16 * 1024 },
    { name: 'payload-256k', ...PROFILE_SHAPES.narrow, payloadBytes: 256 * 1024 },
  ],
  /** The narrow shape while 1,000,000 deliveries wait for their retry. */
  backlog: (payloadBytes: number): Profile[] => [{ name: 'backlog', ...PROFILE_SHAPES.narrow, payloadBytes, backlogRows: 1_000_000 }],
  /** The narrow shape with a payload filter on every webhook (compare with `--profile narrow`). */
  filter: (payloadBytes: number): Profile[] => [{ name: 'narrow-filter', ...PROFILE_SHAPES.narrow, payloadBytes, filter: BENCH_FILTER }],
} as const;

export type RunName = keyof typeof RUNS;
export const RUN_NAMES = Object.keys(RUNS) as RunName[];

export function namedProfile(name: ProfileName, payloadBytes: number): Profile {
  return { name, ...PROFILE_SHAPES[name], payloadBytes };
}
