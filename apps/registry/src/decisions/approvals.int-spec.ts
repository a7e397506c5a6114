import { DAY_MS } from '../common/clock';
import { createTestOrg, errorOf, manualClock, startTestRegistry, webhookRequest, type TestOrg, type TestRegistry } from '../testing/harness';
import type { commonV1 } from '@hookline/proto';

describe('approvals (four-eyes) over gRPC', () => {
  const clock = manualClock();
  let t: TestRegistry;
  let org: TestOrg;
  let requester: commonV1.RequestContext; // developer, owner dev@
  let approver: commonV1.RequestContext; // second admin, owner boss@
  let requesterAdmin: commonV1.RequestContext; // admin with the requester's owner identity

  beforeAll(async () => {
    t = await startTestRegistry({ clock });
    org = await createTestOrg(t.client, 'Four eyes org', 'alice@example.com');
    requester = await org.addKey('developer', 'dev@example.com');
    approver = await org.addKey('admin', 'boss@example.com');
    requesterAdmin = await org.addKey('admin', 'dev@example.com');
    const settings = await t.client.updateSettings({ context: org.admin, orgId: '', approvals: { create: true, update: true, delete: true } });
    expect(settings.settings!.approvals).toEqual({ create: true, update: true, delete: true });
  });
  afterAll(() => t?.stop());

  it('create: 202-style pending approval; self-approval refused; another admin approves and the webhook goes active', async () => {
    const created = await t.client.createWebhook(
      webhookRequest(requester, {
        name: 'Needs approval',
        auth: { type: 'api_key', headerName: 'x-api-key', headerValue: 'sk_live_very_secret', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' },
      }),
    );
    const approval = created.pendingApproval!;
    expect(approval).toMatchObject({ action: 'create', status: 'pending', requestedBy: 'dev@example.com', webhookId: created.webhook!.id });
    expect(approval.id).toMatch(/^apr_/);
    expect(approval.changeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(approval.expiresAt) - clock().getTime()).toBe(7 * DAY_MS);
    expect(JSON.parse(approval.changeJson)).toMatchObject({ name: 'Needs approval', auth: { type: 'api_key', header_name: 'x-api-key', value: '[redacted]' } });
    expect(approval.changeJson).not.toContain('sk_live_very_secret');
    expect(created.webhook!.status).toBe('pending_approval');
    expect(created.signingSecret).toMatch(/^whsec_/);
    // Receives nothing: routes show it as pending_approval.
    const routes = await t.dispatcher.listLiveWebhooks({});
    expect(routes.webhooks.find((w) => w.webhookId === created.webhook!.id)?.status).toBe('pending_approval');

    const self = await errorOf(t.client.approveApproval({ context: requesterAdmin, approvalId: approval.id, orgId: '' }));
    expect(self).toMatchObject({ kind: 'permission', code: 'self_approval' });
    const notAdmin = await errorOf(t.client.approveApproval({ context: requester, approvalId: approval.id, orgId: '' }));
    expect(notAdmin.kind).toBe('permission');

    const decided = await t.client.approveApproval({ context: approver, approvalId: approval.id, orgId: '' });
    expect(decided.approval).toMatchObject({ status: 'approved', decidedBy: 'boss@example.com' });
    expect(decided.webhook!.status).toBe('active');
    const again = await errorOf(t.client.approveApproval({ context: approver, approvalId: approval.id, orgId: '' }));
    expect(again).toMatchObject({ kind: 'conflict', code: 'approval_not_pending' });
  });

  it('update: applies exactly the requested change only on approval', async () => {
    const hook = await activeWebhook();
    const pending = await t.client.updateWebhook({ context: requester, webhookId: hook.id, orgId: '', rateLimitRps: 42 });
    expect(pending.pendingApproval).toMatchObject({ action: 'update', status: 'pending' });
    expect(pending.webhook!.rateLimitRps).toBe(10);
    expect((await t.client.getWebhook({ context: requester, webhookId: hook.id, orgId: '' })).rateLimitRps).toBe(10);
    const decided = await t.client.approveApproval({ context: approver, approvalId: pending.pendingApproval!.id, orgId: '' });
    expect(decided.webhook!.rateLimitRps).toBe(42);
  });

  it('stale: a webhook changed after the request cannot have the old change applied', async () => {
    const hook = await activeWebhook();
    const first = await t.client.updateWebhook({ context: requester, webhookId: hook.id, orgId: '', timeoutSeconds: 20 });
    const second = await t.client.updateWebhook({ context: requester, webhookId: hook.id, orgId: '', timeoutSeconds: 25 });
    await t.client.approveApproval({ context: approver, approvalId: second.pendingApproval!.id, orgId: '' });
    const listed = await t.client.listWebhookApprovals({ context: requester, webhookId: hook.id, orgId: '', page: undefined });
    expect(listed.approvals.find((a) => a.id === first.pendingApproval!.id)?.status).toBe('stale');
    const error = await errorOf(t.client.approveApproval({ context: approver, approvalId: first.pendingApproval!.id, orgId: '' }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'approval_stale' });
    expect((await t.client.getWebhook({ context: requester, webhookId: hook.id, orgId: '' })).timeoutSeconds).toBe(25);
  });

  it('expired: after 7 days the approval cannot be applied', async () => {
    const hook = await activeWebhook();
    const pending = await t.client.deleteWebhook({ context: requester, webhookId: hook.id, orgId: '' });
    expect(pending.pendingApproval!.action).toBe('delete');
    clock.advance(7 * DAY_MS + 1000);
    const error = await errorOf(t.client.approveApproval({ context: approver, approvalId: pending.pendingApproval!.id, orgId: '' }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'approval_expired' });
    expect((await t.client.getWebhook({ context: requester, webhookId: hook.id, orgId: '' })).status).toBe('active');
  });

  it('rejected: records the reason, withdraws a pending create, and the history lists every decision', async () => {
    const created = await t.client.createWebhook(webhookRequest(requester, { name: 'Rejected hook' }));
    const rejected = await t.client.rejectApproval({ context: approver, approvalId: created.pendingApproval!.id, orgId: '', reason: 'not needed' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'not needed', decidedBy: 'boss@example.com' });
    expect((await errorOf(t.client.getWebhook({ context: requester, webhookId: created.webhook!.id, orgId: '' }))).kind).toBe('not_found');
    const history = await t.client.listWebhookApprovals({ context: requester, webhookId: created.webhook!.id, orgId: '', page: undefined });
    expect(history.approvals.map((a) => a.status)).toEqual(['rejected']);
    const inbox = await t.client.listApprovals({ context: approver, orgId: '', page: { limit: 100, cursor: '' }, status: 'rejected' });
    expect(inbox.approvals.map((a) => a.id)).toContain(created.pendingApproval!.id);
    const late = await errorOf(t.client.approveApproval({ context: approver, approvalId: created.pendingApproval!.id, orgId: '' }));
    expect(late).toMatchObject({ kind: 'conflict', code: 'approval_not_pending' });
  });

  /** A webhook created and approved, ready for update/delete requests. */
  async function activeWebhook() {
    const created = await t.client.createWebhook(webhookRequest(requester));
    return (await t.client.approveApproval({ context: approver, approvalId: created.pendingApproval!.id, orgId: '' })).webhook!;
  }
});
