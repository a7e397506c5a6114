import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from '@hookline/telemetry';
import type { RouteLabel } from './route';

/**
 * Request rate, errors and duration by route and status (Prometheus). The route is the API
 * route's pattern (`/v1/webhooks/:id`), so ids never become labels; anything else is `other`.
 */
export function requestMetrics(registry: Registry): RequestHandler {
  const requests = new Counter({ name: 'hookline_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const errors = new Counter({ name: 'hookline_http_request_errors_total', help: 'HTTP requests answered 5xx, by method and route', labelNames: ['method', 'route'], registers: [registry] });
  const duration = new Histogram({
    name: 'hookline_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (res.locals.route as RouteLabel | undefined)?.path ?? 'other';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      if (res.statusCode >= 500) errors.inc({ method: req.method, route });
    });
    next();
  };
}
