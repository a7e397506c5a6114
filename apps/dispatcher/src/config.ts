import { booleanFlag, commonEnv, consumerEnv, masterKeyEnv, port, positiveInt, z } from '@hookline/config';
import { MAX_RETRY_DELAY_SECONDS, MAX_RETRY_STEPS } from '@hookline/contract';

/** The longest schedule a webhook may set: ingestion's archive keeps bodies that long (with jitter). */
const MAX_SCHEDULE_SECONDS = MAX_RETRY_STEPS * MAX_RETRY_DELAY_SECONDS;

/** Comma-separated positive seconds, e.g. `1,2,3`; empty = the platform default. */
const secondsList = z
  .string()
  .regex(/^(\d+(\.\d+)?(,\d+(\.\d+)?)*)?$/, 'must be a comma-separated list of seconds, e.g. 5,300,1800')
  .default('')
  .transform((value) => (value === '' ? [] : value.split(',').map(Number)));

export const dispatcherEnv = {
  ...commonEnv,
  ...consumerEnv,
  /** Seals notification channels' chat webhook URLs at rest (their path is the chat service's secret). */
  ...masterKeyEnv,
  HOOKLINE_DISPATCHER_PORT: port(50053),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_DISPATCHER_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('dispatcher'),
  HOOKLINE_DISPATCHER_OPS_PORT: port(8083),
  /** Partitions of the deliveries topic when it is created: the unit of webhook ownership. */
  HOOKLINE_DELIVERY_PARTITIONS: positiveInt(16, 1024),
  /** Requests in flight to one webhook at a time (FIFO webhooks always use 1). */
  HOOKLINE_WEBHOOK_CONCURRENCY: positiveInt(10, 1000),
  /** Deliveries admitted and not yet recorded, per process: beyond this it stops fetching. */
  HOOKLINE_SENDER_MAX_IN_FLIGHT: positiveInt(20_000, 1_000_000),
  /**
   * How long a first attempt handed over in process may wait in its webhook's lane (rate limit,
   * concurrency) before its delivery is written as pending instead, releasing its event's offset.
   */
  HOOKLINE_FIRST_ATTEMPT_WAIT_MS: positiveInt(10_000, 60_000),
  /**
   * Overrides the default retry schedule (DESIGN §4) for every webhook without its own, e.g. in
   * tests. Retries read the event's body from ingestion's archive, whose retention covers the
   * longest schedule a webhook may set: this one may not last longer.
   */
  HOOKLINE_RETRY_SCHEDULE_SECONDS: secondsList.refine(
    (seconds) => seconds.reduce((sum, delay) => sum + delay, 0) <= MAX_SCHEDULE_SECONDS,
    `must last at most ${MAX_SCHEDULE_SECONDS} seconds in all: ingestion's archive keeps event bodies for the longest retry schedule only`,
  ),
  /** How often due retries are claimed from PostgreSQL. */
  HOOKLINE_RETRY_POLL_MS: positiveInt(200, 60_000),
  /** How often the hourly delivery statistics (stats API) are brought up to date. */
  HOOKLINE_STATS_REFRESH_MS: positiveInt(30_000, 3_600_000),
  /** A webhook failing without a single success for this long is disabled (default 5 days). */
  HOOKLINE_DISABLE_FAILING_AFTER_SECONDS: positiveInt(5 * 24 * 3600),
  /** Non-public ranges webhooks may still reach (dev/test), e.g. 127.0.0.0/8. */
  HOOKLINE_EGRESS_ALLOW_CIDRS: z.string().default(''),
  /** The whole of a stop (stop fetching, drain, commit, flush, disconnect); under the 15 s process grace. */
  HOOKLINE_STOP_DEADLINE_MS: positiveInt(12_000, 600_000),
  /** Deliveries and attempts older than this are deleted (DESIGN §4: 30 days). */
  HOOKLINE_DELIVERY_RETENTION_DAYS: positiveInt(30, 3650),
  /** How often the retention cleanup runs. */
  HOOKLINE_DELIVERY_RETENTION_INTERVAL_MS: positiveInt(3_600_000),
  /** Distinguishes instances (change-feed consumer group); defaults to host name + gRPC port (stable across restarts). */
  HOOKLINE_DISPATCHER_INSTANCE_ID: z.string().regex(/^[a-zA-Z0-9._-]*$/).default(''),
  /** Accept http chat-webhook URLs for notification channels (dev/test), as the registry does for webhooks. */
  HOOKLINE_ALLOW_INSECURE_URLS: booleanFlag(false),
  /** The SMTP server notification emails go through, e.g. `smtp://user:password@mail.example.com:587`; empty = no email. */
  HOOKLINE_SMTP_URL: z.string().regex(/^(smtps?:\/\/.+)?$/, 'must be an smtp:// or smtps:// URL').default(''),
  /** The From of notification emails. */
  HOOKLINE_SMTP_FROM: z.string().min(3).default('Hookline <hookline@localhost>'),
};

export type DispatcherConfig = z.infer<z.ZodObject<typeof dispatcherEnv>>;
