import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

/**
 * prom-client's default gauges named `_total`, which Prometheus reserves for counters
 * (`promtool check metrics` refuses them). Each is the sum of the per-type gauge of the same
 * name without `_total` (e.g. `sum(hookline_nodejs_active_handles)`), so they are not exported.
 */
const GAUGES_NAMED_LIKE_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** One Prometheus registry per process, with Node's default metrics, labelled by service. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // One prefix for every series a service exports, Node's own included.
  collectDefaultMetrics({ register: registry, prefix: 'hookline_' });
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(`hookline_${name}`);
  return registry;
}
