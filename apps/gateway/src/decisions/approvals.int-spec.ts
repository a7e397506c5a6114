import { waitFor } from '@hookline/testing';
import { startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// Four-eyes approvals through the REST API (DESIGN §6), against real registry and gateway
// processes. Expiry after 7 days needs a clock the registry's own suites control.

let stack: GatewayStack;
let org: Organization;
let alice: string;
let aliceAgain: string;
let bob: string;
let developer: string;

beforeAll(async () => {
  stack = await startGatewayStack();
}, 120_000);

beforeEach(async () => {
  org = await stack.createOrganization();
  [alice, aliceAgain, bob, developer] = await Promise.all([
    org.keyFor('admin', 'alice@example.com'),
    org.keyFor('admin', 'alice@example.com'),
    org.keyFor('admin', 'bob@example.com'),
    org.keyFor('developer', 'dev@example.com'),
  ]);
});

afterAll(async () => {
  await stack?.stop();
});

const hook = (name: string) => ({ name, url: 'https://hooks.example.com/approved' });

async function requireApproval(approvals: { create?: boolean; update?: boolean; delete?: boolean }) {
  const res = await stack.api('PATCH', '/v1/settings', { key: alice, body: { approvals } });
  expect(res.status).toBe(200);
  return res.body;
}

describe('settings', () => {
  it('start with no approvals required; an admin chooses which actions need one', async () => {
    const initial = await stack.api('GET', '/v1/settings', { key: developer });
    expect(initial.body).toMatchObject({ object: 'settings', approvals: { create: false, update: false, delete: false } });
    const changed = await requireApproval({ create: true });
    expect(changed.approvals).toEqual({ create: true, update: false, delete: false });
    const partial = await requireApproval({ delete: true });
    expect(partial.approvals).toEqual({ create: true, update: false, delete: true });
    const refused = await stack.api('PATCH', '/v1/settings', { key: alice, body: { approvals: { create: 'yes' } } });
    expect(refused.body.error).toMatchObject({ code: 'invalid_type', param: 'approvals.create' });
  });
});

describe('approval flow', () => {
  it('a create needing approval answers 202; the requester cannot approve; another admin applies it', async () => {
    await requireApproval({ create: true });
    const requested = await stack.api('POST', '/v1/webhooks', { key: alice, body: hook('Needs four eyes') });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ object: 'approval', action: 'create', status: 'pending', requested_by: 'alice@example.com', decided_by: null });
    expect(requested.body.id).toMatch(/^apr_/);
    expect(Date.parse(requested.body.expires_at) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(requested.body.webhook).toMatchObject({ status: 'pending_approval', name: 'Needs four eyes', signing_secret: expect.stringMatching(/^whsec_/) });
    const webhookId = requested.body.webhook_id;
    expect((await stack.api('GET', `/v1/webhooks/${webhookId}`, { key: alice })).body.status).toBe('pending_approval');

    const inbox = await stack.api('GET', '/v1/approvals?status=pending', { key: developer });
    expect(inbox.body.data.map((a: { id: string }) => a.id)).toEqual([requested.body.id]);

    const self = await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: alice });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('self_approval');
    const sameOwner = await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: aliceAgain });
    expect(sameOwner.status).toBe(403);
    const byDeveloper = await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: developer });
    expect(byDeveloper.status).toBe(403);

    const approved = await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: bob });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decided_by: 'bob@example.com', webhook: { id: webhookId, status: 'active' } });
    expect((await stack.api('GET', `/v1/webhooks/${webhookId}`, { key: alice })).body.status).toBe('active');

    const twice = await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: bob });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('approval_not_pending');
  });

  it('an update approval goes stale when the webhook changes meanwhile and cannot be applied', async () => {
    const created = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook('Stale approval') });
    expect(created.status).toBe(201);
    await requireApproval({ update: true });
    const first = await stack.api('PATCH', `/v1/webhooks/${created.body.id}`, { key: developer, body: { rate_limit_rps: 20 } });
    const second = await stack.api('PATCH', `/v1/webhooks/${created.body.id}`, { key: developer, body: { rate_limit_rps: 30 } });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.webhook.rate_limit_rps).toBe(10); // unchanged until approved
    expect(first.body.change).toMatchObject({ rate_limit_rps: 20 });

    expect((await stack.api('POST', `/v1/approvals/${first.body.id}/approve`, { key: bob })).body.webhook.rate_limit_rps).toBe(20);
    const stale = await stack.api('POST', `/v1/approvals/${second.body.id}/approve`, { key: bob });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('approval_stale');
    expect((await stack.api('GET', `/v1/webhooks/${created.body.id}`, { key: developer })).body.rate_limit_rps).toBe(20);
  });

  it('a rejected delete records the reason and leaves the webhook active', async () => {
    const created = await stack.api('POST', '/v1/webhooks', { key: developer, body: hook('Rejected delete') });
    await requireApproval({ delete: true });
    const requested = await stack.api('DELETE', `/v1/webhooks/${created.body.id}`, { key: developer });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ action: 'delete', status: 'pending', requested_by: 'dev@example.com' });

    const rejected = await stack.api('POST', `/v1/approvals/${requested.body.id}/reject`, { key: alice, body: { reason: 'Still used by billing' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Still used by billing', decided_by: 'alice@example.com' });
    expect((await stack.api('GET', `/v1/webhooks/${created.body.id}`, { key: developer })).body.status).toBe('active');
    expect((await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: bob })).status).toBe(409);

    const history = await stack.api('GET', `/v1/webhooks/${created.body.id}/approvals`, { key: developer });
    expect(history.body).toMatchObject({ object: 'list', data: [{ id: requested.body.id, action: 'delete', status: 'rejected' }] });
  });

  it("another organization's approval is 404 to approve, reject or list", async () => {
    await requireApproval({ create: true });
    const requested = await stack.api('POST', '/v1/webhooks', { key: alice, body: hook('Private approval') });
    const stranger = await stack.createOrganization();
    expect((await stack.api('POST', `/v1/approvals/${requested.body.id}/approve`, { key: stranger.adminKey })).status).toBe(404);
    expect((await stack.api('POST', `/v1/approvals/${requested.body.id}/reject`, { key: stranger.adminKey, body: {} })).status).toBe(404);
    expect((await stack.api('GET', `/v1/webhooks/${requested.body.webhook_id}/approvals`, { key: stranger.adminKey })).status).toBe(404);
    expect((await stack.api('GET', '/v1/approvals', { key: stranger.adminKey })).body.data).toEqual([]);
    expect((await stack.api('GET', `/v1/approvals?status=pending`, { key: bob })).body.data).toHaveLength(1);
  });
});

describe('API keys', () => {
  it('an admin creates keys (shown once), lists them without secrets and revokes them', async () => {
    const created = await stack.api('POST', '/v1/api-keys', { key: alice, body: { role: 'developer', owner: 'ci@example.com', name: 'CI' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'api_key', role: 'developer', owner: 'ci@example.com', name: 'CI', revoked_at: null, key: expect.stringMatching(/^hk_/) });
    const list = await stack.api('GET', '/v1/api-keys?limit=100', { key: alice });
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    const invalid = await stack.api('POST', '/v1/api-keys', { key: alice, body: { role: 'root', owner: 'x' } });
    expect(invalid.body.error).toMatchObject({ code: 'role_invalid', param: 'role' });
    const stranger = await stack.createOrganization();
    expect((await stack.api('DELETE', `/v1/api-keys/${created.body.id}`, { key: stranger.adminKey })).status).toBe(404);
    const revoked = await stack.api('DELETE', `/v1/api-keys/${created.body.id}`, { key: alice });
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
  });
});

describe('four-eyes one principal cannot defeat', () => {
  const approve = (id: string, key: string) => stack.api('POST', `/v1/approvals/${id}/approve`, { key });

  it('sock puppet: an admin key alice creates is inactive (202) until another principal approves it, and stays alice\'s after', async () => {
    await requireApproval({ create: true });
    const puppet = await stack.api('POST', '/v1/api-keys', { key: alice, body: { role: 'admin', owner: 'mallory@example.com' } });
    expect(puppet.status).toBe(202);
    expect(puppet.body).toMatchObject({ object: 'approval', resource_type: 'api_key', action: 'create', status: 'pending', webhook_id: null });
    expect(puppet.body.api_key).toMatchObject({ status: 'pending_approval', principal: 'alice@example.com', key: expect.stringMatching(/^hk_/) });
    // The attack: approve one's own webhook with the second key. It is not a key yet.
    const own = await stack.api('POST', '/v1/webhooks', { key: alice, body: hook('Own change') });
    expect(own.status).toBe(202);
    expect((await approve(own.body.id, puppet.body.api_key.key)).status).toBe(401);
    expect((await approve(puppet.body.id, alice)).body.error.code).toBe('self_approval');
    expect((await approve(puppet.body.id, aliceAgain)).body.error.code).toBe('self_approval');

    // The approval says what it grants and to whom: an admin key acting for alice, who holds it.
    expect(puppet.body.change).toMatchObject({ role: 'admin', owner: 'mallory@example.com', principal: 'alice@example.com' });
    const approved = await approve(puppet.body.id, bob);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ decided_by: 'bob@example.com', requested_by: 'alice@example.com' });
    expect(approved.body.api_key).toMatchObject({ status: 'active', principal: 'alice@example.com' });
    // Approved or not, the key alice holds is alice: it cannot approve alice's change.
    const second = await approve(own.body.id, puppet.body.api_key.key);
    expect({ status: second.status, code: second.body.error?.code }).toEqual({ status: 403, code: 'self_approval' });
  });

  it('settings: switching approvals off answers 202 and needs another principal', async () => {
    await requireApproval({ create: true, update: true });
    const off = await stack.api('PATCH', '/v1/settings', { key: alice, body: { approvals: { create: false, update: false } } });
    expect(off.status).toBe(202);
    expect(off.body).toMatchObject({ resource_type: 'settings', action: 'update', settings: { approvals: { create: true, update: true } } });
    expect((await approve(off.body.id, alice)).status).toBe(403);
    expect((await stack.api('GET', '/v1/settings', { key: alice })).body.approvals).toEqual({ create: true, update: true, delete: false });
    const approved = await approve(off.body.id, bob);
    expect(approved.body.settings.approvals).toEqual({ create: false, update: false, delete: false });
  });

  it('revoke: revoking an admin key answers 202 and needs another principal', async () => {
    await requireApproval({ delete: true });
    const carol = await org.keyFor('admin', 'carol@example.com');
    const carolId = (await stack.api('GET', '/v1/api-keys?limit=100', { key: alice })).body.data.find((k: { owner: string }) => k.owner === 'carol@example.com').id;
    const revoke = await stack.api('DELETE', `/v1/api-keys/${carolId}`, { key: alice });
    expect(revoke.status).toBe(202);
    expect(revoke.body).toMatchObject({ resource_type: 'api_key', resource_id: carolId, action: 'revoke', api_key: { revoked_at: null } });
    expect((await approve(revoke.body.id, alice)).status).toBe(403);
    expect((await stack.api('GET', '/v1/settings', { key: carol })).status).toBe(200);
    expect((await approve(revoke.body.id, bob)).body.api_key.revoked_at).toEqual(expect.any(String));
    // The gateway caches a key for at most 1 s.
    await waitFor(async () => (await stack.api('GET', '/v1/settings', { key: carol })).status === 401, { timeoutMs: 5_000, message: 'the revoked key to be refused' });
  });
});
