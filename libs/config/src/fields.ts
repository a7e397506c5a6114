import { z } from 'zod';

/** A TCP port; 0 asks the OS for a free one (tests). */
export const port = (defaultPort: number) =>
  z.coerce.number().int().min(0, 'must be a port number 0-65535').max(65535, 'must be a port number 0-65535').default(defaultPort);

export const booleanFlag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

export const positiveInt = (defaultValue: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(1).max(max).default(defaultValue);

/** host:port of a gRPC peer. */
export const address = (defaultAddress: string) =>
  z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port').default(defaultAddress);

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * Where listeners bind and where a service finds its mutual-TLS identity: the CA certificate
 * every peer is checked against, and its own certificate and key (their common name is the
 * service's identity). Per-file variables win over the directory, e.g. for a Kubernetes Secret
 * of type kubernetes.io/tls mounted as files.
 */
export const trustEnv = {
  HOOKLINE_BIND_HOST: z.string().min(1).default('127.0.0.1'),
  HOOKLINE_TLS_DIR: z.string().min(1).default('.data/certs'),
  HOOKLINE_TLS_CA: z.string().min(1).optional(),
  HOOKLINE_TLS_CERT: z.string().min(1).optional(),
  HOOKLINE_TLS_KEY: z.string().min(1).optional(),
};

/** `json` (one object a line, for log collectors; when unset) or `pretty` (for a person at a terminal). */
export const logFormat = z.enum(['json', 'pretty']).optional();

/**
 * How a service reaches a managed Kafka cluster (SASL_SSL): TLS with a CA bundle and optionally a
 * client certificate, SASL PLAIN or SCRAM. Unset: plaintext, as the local broker speaks.
 */
export const kafkaClientEnv = {
  KAFKA_SSL: booleanFlag(false),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SSL_CERT_FILE: z.string().min(1).optional(),
  KAFKA_SSL_KEY_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

/**
 * A managed PostgreSQL: TLS comes from DATABASE_URL's `sslmode` (`require`, `verify-ca`,
 * `verify-full`); the CA bundle the server's certificate must chain to from this file (or the
 * URL's `sslrootcert`). The pool size per process overrides each service's default.
 */
export const databaseClientEnv = {
  DATABASE_SSL_CA_FILE: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
};

/** Settings every service shares. */
export const commonEnv = {
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').default('postgres://postgres@127.0.0.1:5432/hookline'),
  KAFKA_BROKERS: z.string().regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'must be a comma-separated list of host:port').default('127.0.0.1:9092'),
  HOOKLINE_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/, 'must contain only letters, digits, dot, dash and underscore').default(''),
  HOOKLINE_REGISTRY_ADDR: address('127.0.0.1:50051'),
  HOOKLINE_INGESTION_ADDR: address('127.0.0.1:50052'),
  HOOKLINE_DISPATCHER_ADDR: address('127.0.0.1:50053'),
  HOOKLINE_AUDIT_ADDR: address('127.0.0.1:50054'),
  OTEL_SDK_DISABLED: booleanFlag(true),
  ...trustEnv,
  ...kafkaClientEnv,
  ...databaseClientEnv,
};

/** Every service that consumes Kafka: how its consumers report lag and when they count as stuck. */
export const consumerEnv = {
  /** How often each consumer's lag is checked (ms); the dispatcher's change feed is checked at least every 500 ms. */
  HOOKLINE_CONSUMER_PROGRESS_MS: positiveInt(5_000, 60_000),
  /** A consumer with lag that has not moved (or that is not running) for this long fails /readyz. */
  HOOKLINE_CONSUMER_STUCK_AFTER_SECONDS: positiveInt(120, 86_400),
};

const hexKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)');

/**
 * The deployment's master key (services that keep secrets at rest). Required: there is no
 * built-in key. `HOOKLINE_DEVELOPMENT_MACHINE=true` is the explicit "this is a development
 * machine" that lets a service without one use (and create) the local key file `npm start` uses.
 */
export const masterKeyEnv = {
  /** 32-byte AES-256-GCM master key, 64 hex characters (`openssl rand -hex 32`). */
  HOOKLINE_MASTER_KEY: hexKey.optional(),
  /** Keys being rotated away from (comma-separated): still opened, and re-encrypted under HOOKLINE_MASTER_KEY at start. */
  HOOKLINE_MASTER_KEY_PREVIOUS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}(,[0-9a-fA-F]{64})*$/, 'must be comma-separated keys of 64 hex characters')
    .optional(),
  HOOKLINE_DEVELOPMENT_MACHINE: booleanFlag(false),
  /** The development machine's local key file (mode 0600), created on first use. */
  HOOKLINE_DEVELOPMENT_KEY_FILE: z.string().min(1).default('.data/master.key'),
};
