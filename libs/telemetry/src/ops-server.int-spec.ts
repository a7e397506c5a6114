import { createMetricsRegistry, Counter, startOpsServer } from './index';

describe('ops server', () => {
  it('serves /healthz, /readyz following readiness, and Prometheus /metrics', async () => {
    const metrics = createMetricsRegistry('test');
    const deliveries = new Counter({ name: 'hookline_test_total', help: 'test', registers: [metrics] });
    deliveries.inc(3);
    let ready = false;
    const server = await startOpsServer({ port: 0, host: '127.0.0.1', metrics, isReady: async () => ready });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      ready = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const body = await (await fetch(`${base}/metrics`)).text();
      expect(body).toContain('hookline_test_total{service="test"} 3');
    } finally {
      await server.close();
    }
  });
});
