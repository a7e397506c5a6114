import { Counter, Gauge, Histogram, type Registry } from '@hookline/telemetry';

export interface DispatcherMetrics {
  attempts: Counter<'outcome'>;
  deliveries: Counter<'outcome'>;
  attemptSeconds: Histogram<'outcome'>;
  /** From the event's acceptance by ingestion to the endpoint's answer. */
  endToEndSeconds: Histogram;
  retryQueueDepth: Gauge;
  /** Tasks admitted and not yet settled. */
  inFlight: Gauge;
  assignedPartitions: Gauge;
  fannedOut: Counter;
  routingWaits: Counter;
  /** From an event's production (its broker timestamp) to the fan-out handling it. */
  fanOutDelaySeconds: Histogram;
  /** Replayed delivery tasks whose attempt was already recorded: not sent again. */
  replaysSkipped: Counter;
  /** Rows a batched writer could never write: dead-lettered, by writer. */
  poisonRows: Counter<'writer'>;
}

export function createDispatcherMetrics(registry: Registry): DispatcherMetrics {
  return {
    attempts: new Counter({ name: 'hookline_delivery_attempts_total', help: 'Delivery attempts by outcome (success or error class)', labelNames: ['outcome'], registers: [registry] }),
    deliveries: new Counter({ name: 'hookline_deliveries_total', help: 'Deliveries reaching a state: delivered, retry_scheduled, failed, skipped_inactive, or deferred (endpoint backed up)', labelNames: ['outcome'], registers: [registry] }),
    attemptSeconds: new Histogram({
      name: 'hookline_delivery_attempt_seconds',
      help: 'Duration of one delivery attempt',
      labelNames: ['outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    endToEndSeconds: new Histogram({
      name: 'hookline_delivery_end_to_end_seconds',
      help: 'From event acceptance to the endpoint answering the first attempt',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    retryQueueDepth: new Gauge({ name: 'hookline_retry_queue_depth', help: 'Deliveries waiting for a scheduled retry', registers: [registry] }),
    inFlight: new Gauge({ name: 'hookline_sender_in_flight', help: 'Deliveries handed to the sender and not yet recorded', registers: [registry] }),
    replaysSkipped: new Counter({
      name: 'hookline_sender_replays_skipped_total',
      help: 'Delivery tasks replayed from the deliveries topic (after a crash or rebalance) whose attempt was already recorded, so not sent again',
      registers: [registry],
    }),
    poisonRows: new Counter({
      name: 'hookline_poison_rows_total',
      help: 'Rows a batched writer could never write (the database refuses them whatever the moment): set aside in the dead-letter table, by writer',
      labelNames: ['writer'],
      registers: [registry],
    }),
    assignedPartitions: new Gauge({ name: 'hookline_sender_assigned_partitions', help: 'Deliveries-topic partitions this instance sends for', registers: [registry] }),
    fannedOut: new Counter({
      name: 'hookline_fanned_out_deliveries_total',
      help: 'First-attempt tasks created by fan-out, by route: "local" (handed to this instance\'s sender) or "topic" (produced to the deliveries topic)',
      labelNames: ['route'],
      registers: [registry],
    }),
    fanOutDelaySeconds: new Histogram({
      name: 'hookline_fan_out_delay_seconds',
      help: 'From an event\'s production (its broker timestamp) to the fan-out handling it',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    routingWaits: new Counter({
      name: 'hookline_fan_out_routing_waits_total',
      help: 'Times the fan-out waited because the change feed could not show the routing view fresh',
      registers: [registry],
    }),
  };
}
