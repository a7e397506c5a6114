import { Counter, Gauge, type Registry } from '@hookline/telemetry';

/** Every consumer's series, one set per process registry (labelled by consumer). */
export interface ConsumerMetrics {
  lag: Gauge<'consumer' | 'group' | 'topic' | 'partition'>;
  stuckSeconds: Gauge<'consumer' | 'group' | 'topic' | 'partition'>;
  records: Counter<'consumer' | 'topic'>;
  handlerErrors: Counter<'consumer' | 'topic' | 'kind'>;
  restarts: Counter<'consumer'>;
  deadLetters: Counter<'consumer'>;
  running: Gauge<'consumer'>;
}

const byRegistry = new WeakMap<Registry, ConsumerMetrics>();

export function consumerMetrics(registry: Registry): ConsumerMetrics {
  let metrics = byRegistry.get(registry);
  if (metrics) return metrics;
  const registers = [registry];
  metrics = {
    lag: new Gauge({ name: 'hookline_consumer_lag', help: 'Records between the committed offset and the end of the partition', labelNames: ['consumer', 'group', 'topic', 'partition'], registers }),
    stuckSeconds: new Gauge({
      name: 'hookline_consumer_stuck_seconds',
      help: 'Seconds since the committed offset last moved while the partition has lag (0 without lag)',
      labelNames: ['consumer', 'group', 'topic', 'partition'],
      registers,
    }),
    records: new Counter({ name: 'hookline_consumer_records_total', help: 'Records handled (including dead-lettered ones)', labelNames: ['consumer', 'topic'], registers }),
    handlerErrors: new Counter({
      name: 'hookline_consumer_handler_errors_total',
      help: 'Handler failures by kind: transient (retried with backoff) or poison (dead-lettered)',
      labelNames: ['consumer', 'topic', 'kind'],
      registers,
    }),
    restarts: new Counter({ name: 'hookline_consumer_restarts_total', help: 'Consumer restarts after a crash', labelNames: ['consumer'], registers }),
    deadLetters: new Counter({ name: 'hookline_consumer_dead_letters_total', help: 'Records written to the dead-letter table', labelNames: ['consumer'], registers }),
    running: new Gauge({ name: 'hookline_consumer_running', help: '1 while the consumer is a running group member, else 0', labelNames: ['consumer'], registers }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}
