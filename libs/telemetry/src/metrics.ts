import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

/** One Prometheus registry per process, with Node's default metrics, labelled by service. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // One prefix for every series a service exports, Node's own included.
  collectDefaultMetrics({ register: registry, prefix: 'hookline_' });
  return registry;
}
