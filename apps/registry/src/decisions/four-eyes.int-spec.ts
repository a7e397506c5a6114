import type { commonV1 } from '@hookline/proto';
import { contextForKey, createTestOrg, errorOf, operatorContext, startTestRegistry, webhookRequest, type TestOrg, type TestRegistry } from '../testing/harness';

const ALL_ON = { create: true, update: true, delete: true };

describe('four-eyes that one person cannot defeat', () => {
  let t: TestRegistry;

  beforeAll(async () => {
    t = await startTestRegistry();
  });
  afterAll(() => t?.stop());

  /** An org whose first admin (alice) turned approvals on, plus bob: a second admin the operator created. */
  async function guardedOrg(): Promise<{ org: TestOrg; alice: commonV1.RequestContext; bob: commonV1.RequestContext }> {
    const org = await createTestOrg(t.client, undefined, 'alice@example.com');
    const bob = await org.addKey('admin', 'bob@example.com');
    // Turning approvals on tightens: no approval needed.
    const on = await t.client.updateSettings({ context: org.admin, orgId: '', approvals: ALL_ON });
    expect(on.pendingApproval).toBeUndefined();
    expect(on.settings!.approvals).toEqual(ALL_ON);
    return { org, alice: org.admin, bob };
  }

  describe('one principal alone is refused', () => {
    it('sock puppet: a second admin key created by alice is inactive until approved, and alice cannot approve it', async () => {
      const { alice } = await guardedOrg();
      const puppet = await t.client.createApiKey({ context: alice, orgId: '', role: 'admin', owner: 'mallory@example.com', name: 'puppet' });
      expect(puppet.apiKey).toMatchObject({ role: 'admin', owner: 'mallory@example.com', principal: 'alice@example.com', status: 'pending_approval' });
      expect(puppet.pendingApproval).toMatchObject({
        resourceType: 'api_key',
        resourceId: puppet.apiKey!.id,
        action: 'create',
        status: 'pending',
        requestedByPrincipal: 'alice@example.com',
      });
      expect(await errorOf(t.client.authenticateApiKey({ key: puppet.key }))).toMatchObject({ kind: 'authentication', code: 'api_key_invalid' });
      expect(await errorOf(t.client.approveApproval({ context: alice, approvalId: puppet.pendingApproval!.id, orgId: '' }))).toMatchObject({
        kind: 'permission',
        code: 'self_approval',
      });
      expect(await errorOf(t.client.authenticateApiKey({ key: puppet.key }))).toMatchObject({ code: 'api_key_invalid' });
    });

    it('sock puppet made before approvals were on acts for its creator: it cannot approve her changes, nor she its', async () => {
      const org = await createTestOrg(t.client, undefined, 'alice@example.com');
      const made = await t.client.createApiKey({ context: org.admin, orgId: '', role: 'admin', owner: 'mallory@example.com', name: '' });
      expect(made.apiKey).toMatchObject({ status: 'active', principal: 'alice@example.com' });
      const puppet = await contextForKey(t.client, made.key);
      await t.client.updateSettings({ context: org.admin, orgId: '', approvals: ALL_ON });

      const byAlice = await t.client.createWebhook(webhookRequest(org.admin));
      expect(await errorOf(t.client.approveApproval({ context: puppet, approvalId: byAlice.pendingApproval!.id, orgId: '' }))).toMatchObject({
        code: 'self_approval',
      });
      const byPuppet = await t.client.createWebhook(webhookRequest(puppet));
      expect(await errorOf(t.client.approveApproval({ context: org.admin, approvalId: byPuppet.pendingApproval!.id, orgId: '' }))).toMatchObject({
        code: 'self_approval',
      });
      // What the caller claims about itself does not count: the registry's record of the key does.
      const forged = { ...org.admin, actor: { ...org.admin.actor!, owner: 'bob@example.com' } };
      expect(await errorOf(t.client.approveApproval({ context: forged, approvalId: byPuppet.pendingApproval!.id, orgId: '' }))).toMatchObject({
        code: 'self_approval',
      });
      const webhook = await t.client.getWebhook({ context: org.admin, webhookId: byAlice.webhook!.id, orgId: '' });
      expect(webhook.status).toBe('pending_approval');
    });

    it('settings: turning approvals off awaits approval, and the requester cannot approve it', async () => {
      const { alice } = await guardedOrg();
      const off = await t.client.updateSettings({ context: alice, orgId: '', approvals: { create: false, update: false, delete: false } });
      expect(off.settings!.approvals).toEqual(ALL_ON);
      expect(off.pendingApproval).toMatchObject({ resourceType: 'settings', action: 'update', status: 'pending', webhookId: '' });
      expect(JSON.parse(off.pendingApproval!.changeJson)).toEqual({ approvals: { create: false, update: false, delete: false } });
      // Switching only one off is loosening too.
      const one = await t.client.updateSettings({ context: alice, orgId: '', approvals: { delete: false } });
      expect(one.pendingApproval).toBeDefined();

      expect(await errorOf(t.client.approveApproval({ context: alice, approvalId: off.pendingApproval!.id, orgId: '' }))).toMatchObject({
        code: 'self_approval',
      });
      expect((await t.client.getSettings({ context: alice, orgId: '' })).approvals).toEqual(ALL_ON);
      const created = await t.client.createWebhook(webhookRequest(alice));
      expect(created.pendingApproval).toBeDefined();
    });

    it('revoke: revoking an admin key awaits approval; the key keeps working and the requester cannot approve', async () => {
      const { org, alice } = await guardedOrg();
      const carolKey = await t.client.createApiKey({ context: operatorContext(), orgId: org.orgId, role: 'admin', owner: 'carol@example.com', name: '' });
      const revoke = await t.client.revokeApiKey({ context: alice, keyId: carolKey.apiKey!.id, orgId: '' });
      expect(revoke.apiKey).toMatchObject({ id: carolKey.apiKey!.id, revokedAt: '' });
      expect(revoke.pendingApproval).toMatchObject({ resourceType: 'api_key', resourceId: carolKey.apiKey!.id, action: 'revoke', status: 'pending' });
      expect(await errorOf(t.client.approveApproval({ context: alice, approvalId: revoke.pendingApproval!.id, orgId: '' }))).toMatchObject({
        code: 'self_approval',
      });
      await expect(t.client.authenticateApiKey({ key: carolKey.key })).resolves.toMatchObject({ actor: { owner: 'carol@example.com' } });
      // Keys that cannot approve are not guarded.
      const viewer = await t.client.createApiKey({ context: alice, orgId: '', role: 'viewer', owner: 'v@example.com', name: '' });
      expect(viewer.pendingApproval).toBeUndefined();
      const revokedViewer = await t.client.revokeApiKey({ context: alice, keyId: viewer.apiKey!.id, orgId: '' });
      expect(revokedViewer.pendingApproval).toBeUndefined();
      expect(revokedViewer.apiKey!.revokedAt).not.toBe('');
    });
  });

  describe('two real principals complete every flow', () => {
    it('a second admin key: requested by alice, approved by bob, acts for alice who holds it — never for its owner label', async () => {
      const { alice, bob } = await guardedOrg();
      const made = await t.client.createApiKey({ context: alice, orgId: '', role: 'admin', owner: 'bob@example.com', name: '' });
      // The approval says what it grants and to whom: an admin key acting for alice.
      expect(JSON.parse(made.pendingApproval!.changeJson)).toMatchObject({ role: 'admin', owner: 'bob@example.com', principal: 'alice@example.com' });
      const decided = await t.client.approveApproval({ context: bob, approvalId: made.pendingApproval!.id, orgId: '' });
      expect(decided.approval).toMatchObject({ status: 'approved', decidedBy: 'bob@example.com', requestedBy: 'alice@example.com', resourceType: 'api_key' });
      expect(decided.apiKey).toMatchObject({ id: made.apiKey!.id, status: 'active', principal: 'alice@example.com' });
      const second = await contextForKey(t.client, made.key);

      // The key alice holds is alice: it cannot approve alice's changes, nor switch approvals off for her.
      const hook = await t.client.createWebhook(webhookRequest(alice));
      expect(await errorOf(t.client.approveApproval({ context: second, approvalId: hook.pendingApproval!.id, orgId: '' }))).toMatchObject({ code: 'self_approval' });
      const off = await t.client.updateSettings({ context: alice, orgId: '', approvals: { create: false, update: false, delete: false } });
      expect(await errorOf(t.client.approveApproval({ context: second, approvalId: off.pendingApproval!.id, orgId: '' }))).toMatchObject({ code: 'self_approval' });
      // Only bob, a principal of his own, decides; the record names principals.
      const approved = await t.client.approveApproval({ context: bob, approvalId: hook.pendingApproval!.id, orgId: '' });
      expect(approved.approval).toMatchObject({ decidedBy: 'bob@example.com', requestedBy: 'alice@example.com' });
    });

    it('a key alice makes while key approvals are off is hers whatever owner she names', async () => {
      const org = await createTestOrg(t.client, undefined, 'alice@example.com');
      const made = await t.client.createApiKey({ context: org.admin, orgId: '', role: 'admin', owner: 'bob@example.com', name: '' });
      expect(made.apiKey).toMatchObject({ status: 'active', owner: 'bob@example.com', principal: 'alice@example.com' });
      await t.client.updateSettings({ context: org.admin, orgId: '', approvals: ALL_ON });
      const hook = await t.client.createWebhook(webhookRequest(org.admin));
      const asBob = await contextForKey(t.client, made.key);
      expect(await errorOf(t.client.approveApproval({ context: asBob, approvalId: hook.pendingApproval!.id, orgId: '' }))).toMatchObject({ code: 'self_approval' });
    });

    it('portal sessions: an org key issues them only for its own principal; such a session cannot approve its issuer', async () => {
      const { org, alice } = await guardedOrg();
      const session = { orgId: '', role: 'admin', features: [], branding: undefined, ttlSeconds: 600 };
      expect(await errorOf(t.client.createPortalSession({ context: alice, ...session, owner: 'bob@example.com' }))).toMatchObject({
        kind: 'permission',
        code: 'owner_not_self',
      });
      const own = await t.client.createPortalSession({ context: alice, ...session, owner: '' });
      expect(own.session!.owner).toBe('alice@example.com');
      const asSession = await contextForKey(t.client, own.token);
      const hook = await t.client.createWebhook(webhookRequest(alice));
      expect(await errorOf(t.client.approveApproval({ context: asSession, approvalId: hook.pendingApproval!.id, orgId: '' }))).toMatchObject({ code: 'self_approval' });
      // A change the session requests is alice's: bob approves it, alice cannot.
      const bySession = await t.client.createWebhook(webhookRequest(asSession));
      expect(bySession.pendingApproval!.requestedByPrincipal).toBe('alice@example.com');
      expect(await errorOf(t.client.approveApproval({ context: alice, approvalId: bySession.pendingApproval!.id, orgId: '' }))).toMatchObject({ code: 'self_approval' });
      // The operator vouches for the owner it names: a session for bob acts for bob.
      const forBob = await t.client.createPortalSession({ context: operatorContext(), ...session, orgId: org.orgId, owner: 'bob@example.com' });
      const bobSession = await contextForKey(t.client, forBob.token);
      expect((await t.client.approveApproval({ context: bobSession, approvalId: hook.pendingApproval!.id, orgId: '' })).approval!.decidedBy).toBe('bob@example.com');
    });

    it('a rejected admin key never becomes usable', async () => {
      const { alice, bob } = await guardedOrg();
      const made = await t.client.createApiKey({ context: alice, orgId: '', role: 'admin', owner: 'eve@example.com', name: '' });
      await t.client.rejectApproval({ context: bob, approvalId: made.pendingApproval!.id, orgId: '', reason: 'no' });
      const keys = await t.client.listApiKeys({ context: alice, orgId: '', page: { limit: 100, cursor: '' } });
      expect(keys.apiKeys.find((k) => k.id === made.apiKey!.id)?.status).toBe('rejected');
      expect(await errorOf(t.client.authenticateApiKey({ key: made.key }))).toMatchObject({ code: 'api_key_invalid' });
    });

    it('webhook create, update and delete: requested by alice, approved by bob', async () => {
      const { alice, bob } = await guardedOrg();
      const created = await t.client.createWebhook(webhookRequest(alice));
      const active = (await t.client.approveApproval({ context: bob, approvalId: created.pendingApproval!.id, orgId: '' })).webhook!;
      expect(active.status).toBe('active');
      const update = await t.client.updateWebhook({ context: alice, webhookId: active.id, orgId: '', rateLimitRps: 7 });
      expect((await t.client.approveApproval({ context: bob, approvalId: update.pendingApproval!.id, orgId: '' })).webhook!.rateLimitRps).toBe(7);
      const removal = await t.client.deleteWebhook({ context: alice, webhookId: active.id, orgId: '' });
      expect((await t.client.approveApproval({ context: bob, approvalId: removal.pendingApproval!.id, orgId: '' })).webhook!.status).toBe('deleted');
    });

    it('settings off: requested by alice, approved by bob; an approval overtaken by another settings change is stale', async () => {
      const { alice, bob } = await guardedOrg();
      const stale = await t.client.updateSettings({ context: alice, orgId: '', approvals: { create: false } });
      const off = await t.client.updateSettings({ context: alice, orgId: '', approvals: { create: false, update: false, delete: false } });
      const decided = await t.client.approveApproval({ context: bob, approvalId: off.pendingApproval!.id, orgId: '' });
      expect(decided.settings!.approvals).toEqual({ create: false, update: false, delete: false });
      expect((await t.client.getSettings({ context: alice, orgId: '' })).approvals).toEqual({ create: false, update: false, delete: false });
      expect(await errorOf(t.client.approveApproval({ context: bob, approvalId: stale.pendingApproval!.id, orgId: '' }))).toMatchObject({
        kind: 'conflict',
        code: 'approval_stale',
      });
      // Approvals are off now: changes apply at once.
      expect((await t.client.createWebhook(webhookRequest(alice))).pendingApproval).toBeUndefined();
    });

    it('revoking an admin key: requested by alice, approved by bob; the key stops working', async () => {
      const { org, alice, bob } = await guardedOrg();
      const dave = await t.client.createApiKey({
        context: operatorContext(),
        orgId: org.orgId,
        role: 'admin',
        owner: 'dave@example.com',
        name: '',
      });
      const revoke = await t.client.revokeApiKey({ context: alice, keyId: dave.apiKey!.id, orgId: '' });
      const decided = await t.client.approveApproval({ context: bob, approvalId: revoke.pendingApproval!.id, orgId: '' });
      expect(decided.apiKey!.revokedAt).not.toBe('');
      expect(await errorOf(t.client.authenticateApiKey({ key: dave.key }))).toMatchObject({ kind: 'authentication' });
      const inbox = await t.client.listApprovals({ context: alice, orgId: '', page: { limit: 100, cursor: '' }, status: 'approved' });
      expect(inbox.approvals.map((a) => a.id)).toContain(revoke.pendingApproval!.id);
    });
  });
});
