import { commonEnv, consumerEnv, port, positiveInt, z } from '@hookline/config';
import { MAX_RETRY_HORIZON_SECONDS } from '@hookline/contract';

/**
 * The archive is the only copy of an event's body: the dispatcher fetches it for every retry,
 * so retention never deletes an event a delivery may still retry automatically.
 */
const MIN_RETENTION_DAYS = Math.ceil(MAX_RETRY_HORIZON_SECONDS / 86_400);

export const ingestionEnv = {
  ...commonEnv,
  ...consumerEnv,
  HOOKLINE_INGESTION_PORT: port(50052),
  /** The PostgreSQL schema this service owns (tests use a fresh one per suite). */
  HOOKLINE_INGESTION_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('ingestion'),
  HOOKLINE_INGESTION_OPS_PORT: port(8082),
  /** Largest accepted event `data`, in bytes of its JSON encoding (DESIGN §4: 256 KiB). */
  HOOKLINE_MAX_EVENT_BYTES: positiveInt(262_144, 8 * 1024 * 1024),
  /** The `source` of every event this installation emits. */
  HOOKLINE_EVENT_SOURCE: z.string().min(1).max(200).default('hookline'),
  /**
   * Archived events older than this are deleted by the retention job. At least the longest retry
   * horizon (the dispatcher signs every retry with the archived body); keep it at least the
   * dispatcher's HOOKLINE_DELIVERY_RETENTION_DAYS so every listed delivery can be redelivered.
   */
  HOOKLINE_EVENT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} days: the longest retry horizon, during which the dispatcher reads event bodies from the archive`)
    .max(3650)
    .default(30),
  /** How often the retention job runs (ms). */
  HOOKLINE_EVENT_CLEANUP_INTERVAL_MS: positiveInt(3_600_000),
  /** A publish fails with UNAVAILABLE when Kafka has not acknowledged within this (ms). */
  HOOKLINE_PUBLISH_TIMEOUT_MS: positiveInt(5_000, 60_000),
  /** How often the event-type catalog is refreshed from the registry (ms). */
  HOOKLINE_CATALOG_REFRESH_MS: positiveInt(1_000),
  /** Partitions of the events topic when ingestion has to create it. */
  HOOKLINE_EVENTS_TOPIC_PARTITIONS: positiveInt(12, 1000),
};
