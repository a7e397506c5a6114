import { createTestOrg, errorOf, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

describe('internal RPCs for the dispatcher', () => {
  let t: TestRegistry;

  beforeAll(async () => {
    t = await startTestRegistry();
  });
  afterAll(() => t?.stop());

  it('lists live routes, records triggers without moving them back, and disables once', async () => {
    const org = await createTestOrg(t.client);
    const a = (await t.client.createWebhook(webhookRequest(org.admin, { eventTypes: { types: ['payout.paid'] } }))).webhook!;
    const b = (await t.client.createWebhook(webhookRequest(org.admin))).webhook!;
    await t.client.deleteWebhook({ context: org.admin, webhookId: b.id, orgId: '' });

    const routes = (await t.dispatcher.listLiveWebhooks({})).webhooks.filter((w) => w.orgId === org.orgId);
    expect(routes).toEqual([{ webhookId: a.id, orgId: org.orgId, status: 'active', eventTypes: ['payout.paid'], version: 1, filterJson: '' }]);

    await t.dispatcher.recordWebhookTriggers({
      triggers: [
        { webhookId: a.id, triggeredAt: '2026-03-01T10:00:00.000Z' },
        { webhookId: a.id, triggeredAt: '2026-03-01T09:00:00.000Z' },
      ],
    });
    await t.dispatcher.recordWebhookTriggers({ triggers: [{ webhookId: a.id, triggeredAt: '2026-02-01T00:00:00.000Z' }] });
    const read = await t.client.getWebhook({ context: org.admin, webhookId: a.id, orgId: '' });
    expect(read.lastTriggeredAt).toBe('2026-03-01T10:00:00.000Z');
    expect(read.version).toBe(1);

    expect(await t.dispatcher.disableWebhook({ webhookId: a.id, reason: 'gone' })).toEqual({ changed: true });
    expect(await t.dispatcher.disableWebhook({ webhookId: a.id, reason: 'gone' })).toEqual({ changed: false });
    const disabled = await t.client.getWebhook({ context: org.admin, webhookId: a.id, orgId: '' });
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    expect((await t.dispatcher.getDeliveryConfig({ webhookId: a.id })).status).toBe('disabled');
    // Re-enabling is an ordinary update.
    const enabled = await t.client.updateWebhook({ context: org.admin, webhookId: a.id, orgId: '', status: 'active' });
    expect(enabled.webhook).toMatchObject({ status: 'active', disabledReason: '' });
    expect((await errorOf(t.dispatcher.getDeliveryConfig({ webhookId: b.id }))).kind).toBe('not_found');
    expect(await errorOf(t.dispatcher.disableWebhook({ webhookId: a.id, reason: 'bored' }))).toMatchObject({ code: 'reason_invalid' });
  });
});
