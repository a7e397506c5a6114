import { context, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import { prettyStream } from './pretty';

export type { Logger } from 'pino';

/** `json` for deployments (the default); `pretty` for a person at a terminal (`npm start`). */
export type LogFormat = 'json' | 'pretty';

/** Keys whose values never reach a log line. */
export const REDACTED_PATHS = [
  '*.secret',
  '*.password',
  '*.client_secret',
  '*.signing_secret',
  '*.authorization',
  '*.key',
  'req.headers.authorization',
];

/**
 * Logs with the service name and, when a span is active, its trace and span ids: one JSON object
 * a line, or, with `format: 'pretty'`, one readable line per record (stack traces as real lines).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  format: LogFormat = process.env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json',
  /** Where lines go; stdout unless given (tests). */
  destination?: NodeJS.WritableStream,
): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getSpan(context.active());
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
  };
  if (format === 'pretty') return pino(options, prettyStream(destination));
  return destination ? pino(options, destination) : pino(options);
}
export { guardProcess, shielded } from './boundary';
