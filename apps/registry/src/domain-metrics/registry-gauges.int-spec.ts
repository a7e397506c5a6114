import { createTestOrg, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

let t: TestRegistry;
beforeAll(async () => {
  t = await startTestRegistry();
}, 60_000);
afterAll(() => t?.stop());

/** The value of one series of the registry's /metrics, or undefined when it is not exported. */
async function scrape(series: string): Promise<number | undefined> {
  const body = await (await fetch(`http://127.0.0.1:${t.registry.opsPort}/metrics`)).text();
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('registry domain metrics', () => {
  it('count webhooks by status, active API keys by role, pending approvals and live portal sessions', async () => {
    expect(await scrape('hookline_webhooks{status="active",service="registry"}')).toBe(0);
    const org = await createTestOrg(t.client);
    const created = await t.client.createWebhook(webhookRequest(org.admin));
    await t.client.createWebhook(webhookRequest(org.admin, { name: 'Second hook' }));
    await t.pool.query(`update webhook set status = 'disabled' where id = $1`, [created.webhook!.id]);

    expect(await scrape('hookline_webhooks{status="active",service="registry"}')).toBe(1);
    expect(await scrape('hookline_webhooks{status="disabled",service="registry"}')).toBe(1);
    expect(await scrape('hookline_api_keys{role="admin",service="registry"}')).toBeGreaterThanOrEqual(1);
    expect(await scrape('hookline_approvals_pending{service="registry"}')).toBe(0);
    expect(await scrape('hookline_portal_sessions_active{service="registry"}')).toBe(0);
  });
});
