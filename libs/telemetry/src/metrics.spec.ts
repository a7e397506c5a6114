import { createMetricsRegistry } from './metrics';

describe('createMetricsRegistry', () => {
  it('exports no gauge named like a counter (`_total`), which promtool check metrics refuses', async () => {
    const registry = createMetricsRegistry('test');
    const types = (await registry.metrics()).split('\n').filter((line) => line.startsWith('# TYPE '));
    const gaugesNamedTotal = types.filter((line) => / gauge$/.test(line) && /_total gauge$/.test(line));
    expect(types.length).toBeGreaterThan(10);
    expect(gaugesNamedTotal).toEqual([]);
    expect(types).toContain('# TYPE hookline_nodejs_active_handles gauge');
  });
});
