import { contextForKey, createTestOrg, errorOf, operatorContext, startTestRegistry, webhookRequest, type TestRegistry } from '../testing/harness';

describe('organizations, API keys and org scoping (gRPC, real PostgreSQL)', () => {
  let t: TestRegistry;

  beforeAll(async () => {
    t = await startTestRegistry();
  });
  afterAll(() => t?.stop());

  it('creates an organization with an admin key shown once that authenticates to its actor', async () => {
    const created = await t.client.createOrganization({ context: operatorContext(), name: 'Acme Payments', owner: 'ops@acme.test' });
    expect(created.organization!.id).toMatch(/^org_/);
    expect(created.key).toMatch(/^hk_[0-9A-Za-z]{38}$/);
    expect(created.apiKey).toMatchObject({ role: 'admin', owner: 'ops@acme.test', revokedAt: '' });
    const { actor, orgName } = await t.client.authenticateApiKey({ key: created.key });
    expect(actor).toMatchObject({ kind: 'api_key', keyId: created.apiKey!.id, role: 'admin', owner: 'ops@acme.test', orgId: created.organization!.id });
    expect(orgName).toBe('Acme Payments');
    const admin = await contextForKey(t.client, created.key);
    const { apiKeys } = await t.client.listApiKeys({ context: admin, orgId: '', page: undefined });
    expect(JSON.stringify(apiKeys)).not.toContain(created.key);
    const { organizations } = await t.client.listOrganizations({ context: operatorContext(), page: { limit: 100, cursor: '' } });
    expect(organizations.map((o) => o.id)).toContain(created.organization!.id);
  });

  it('refuses operator RPCs to API keys', async () => {
    const org = await createTestOrg(t.client);
    expect(await errorOf(t.client.createOrganization({ context: org.admin, name: 'x', owner: '' }))).toMatchObject({ kind: 'permission' });
    expect(await errorOf(t.client.listOrganizations({ context: org.admin, page: undefined }))).toMatchObject({ kind: 'permission' });
  });

  it('rejects malformed and unknown keys, and a revoked key at once', async () => {
    const org = await createTestOrg(t.client);
    expect(await errorOf(t.client.authenticateApiKey({ key: 'hk_nope' }))).toMatchObject({ kind: 'authentication', code: 'api_key_invalid' });
    const made = await t.client.createApiKey({ context: org.admin, orgId: '', role: 'developer', owner: 'dev@example.com', name: 'ci' });
    expect(made.key).toMatch(/^hk_/);
    expect(made.apiKey).toMatchObject({ role: 'developer', owner: 'dev@example.com', name: 'ci' });
    await expect(t.client.authenticateApiKey({ key: made.key })).resolves.toBeDefined();
    const revoked = await t.client.revokeApiKey({ context: org.admin, keyId: made.apiKey!.id, orgId: '' });
    expect(revoked.apiKey!.revokedAt).not.toBe('');
    expect(await errorOf(t.client.authenticateApiKey({ key: made.key }))).toMatchObject({ kind: 'authentication', code: 'api_key_revoked' });
    const bad = await errorOf(t.client.createApiKey({ context: org.admin, orgId: '', role: 'root', owner: 'x', name: '' }));
    expect(bad).toMatchObject({ kind: 'input', code: 'role_invalid', param: 'role' });
    const noOwner = await errorOf(t.client.createApiKey({ context: org.admin, orgId: '', role: 'viewer', owner: ' ', name: '' }));
    expect(noOwner).toMatchObject({ kind: 'input', code: 'owner_invalid', param: 'owner' });
  });

  it('lets only admins manage keys and settings', async () => {
    const org = await createTestOrg(t.client);
    const developer = await org.addKey('developer', 'dana@example.com');
    const denied = [
      t.client.createApiKey({ context: developer, orgId: '', role: 'viewer', owner: 'v', name: '' }),
      t.client.listApiKeys({ context: developer, orgId: '', page: undefined }),
      t.client.updateSettings({ context: developer, orgId: '', approvals: { create: true } }),
    ];
    for (const call of denied) expect(await errorOf(call)).toMatchObject({ kind: 'permission', code: 'forbidden' });
  });

  it("answers NotFound for another org's resources on every RPC, never their data", async () => {
    const a = await createTestOrg(t.client, 'Org A', 'anna@a.test');
    const b = await createTestOrg(t.client, 'Org B', 'bob@b.test');
    await t.client.updateSettings({ context: a.admin, orgId: '', approvals: { update: true } });
    const hook = (await t.client.createWebhook(webhookRequest(a.admin))).webhook!;
    const approval = (await t.client.updateWebhook({ context: a.admin, webhookId: hook.id, orgId: '', rateLimitRps: 5 })).pendingApproval!;
    const aKey = (await t.client.listApiKeys({ context: a.admin, orgId: '', page: undefined })).apiKeys[0];
    const ctx = b.admin;
    const calls: [string, Promise<unknown>][] = [
      ['getWebhook', t.client.getWebhook({ context: ctx, webhookId: hook.id, orgId: '' })],
      ['updateWebhook', t.client.updateWebhook({ context: ctx, webhookId: hook.id, orgId: '', rateLimitRps: 7 })],
      ['deleteWebhook', t.client.deleteWebhook({ context: ctx, webhookId: hook.id, orgId: '' })],
      ['rotateSecret', t.client.rotateSecret({ context: ctx, webhookId: hook.id, orgId: '' })],
      ['listWebhookApprovals', t.client.listWebhookApprovals({ context: ctx, webhookId: hook.id, orgId: '', page: undefined })],
      ['approveApproval', t.client.approveApproval({ context: ctx, approvalId: approval.id, orgId: '' })],
      ['rejectApproval', t.client.rejectApproval({ context: ctx, approvalId: approval.id, orgId: '', reason: '' })],
      ['revokeApiKey', t.client.revokeApiKey({ context: ctx, keyId: aKey.id, orgId: '' })],
      ['listWebhooks with org_id', t.client.listWebhooks({ context: ctx, orgId: a.orgId, page: undefined })],
      ['listApiKeys with org_id', t.client.listApiKeys({ context: ctx, orgId: a.orgId, page: undefined })],
      ['createApiKey with org_id', t.client.createApiKey({ context: ctx, orgId: a.orgId, role: 'admin', owner: 'x', name: '' })],
      ['listApprovals with org_id', t.client.listApprovals({ context: ctx, orgId: a.orgId, page: undefined, status: '' })],
      ['getSettings with org_id', t.client.getSettings({ context: ctx, orgId: a.orgId })],
      ['updateSettings with org_id', t.client.updateSettings({ context: ctx, orgId: a.orgId, approvals: { create: true } })],
      ['createWebhook with org_id', t.client.createWebhook(webhookRequest(ctx, { orgId: a.orgId }))],
      ['getWebhook with org_id', t.client.getWebhook({ context: ctx, webhookId: hook.id, orgId: a.orgId })],
    ];
    for (const [name, call] of calls) {
      const error = await errorOf(call);
      expect({ name, kind: error.kind, message: error.message }).toEqual({ name, kind: 'not_found', message: expect.not.stringContaining(hook.name) });
    }
    // B's own lists hold none of A's data; A's webhook and key are untouched.
    expect((await t.client.listWebhooks({ context: ctx, orgId: '', page: undefined })).webhooks).toEqual([]);
    expect((await t.client.listApprovals({ context: ctx, orgId: '', page: undefined, status: '' })).approvals).toEqual([]);
    expect((await t.client.getSettings({ context: ctx, orgId: '' })).approvals).toEqual({ create: false, update: false, delete: false });
    const stillThere = await t.client.getWebhook({ context: a.admin, webhookId: hook.id, orgId: '' });
    expect(stillThere).toMatchObject({ status: 'active', rateLimitRps: 10 });
    await expect(t.client.authenticateApiKey({ key: a.adminKey })).resolves.toBeDefined();
  });

  it('lets the operator act on a named org', async () => {
    const org = await createTestOrg(t.client);
    const made = await t.client.createApiKey({ context: operatorContext(), orgId: org.orgId, role: 'viewer', owner: 'audit@example.com', name: '' });
    expect(made.apiKey!.orgId).toBe(org.orgId);
    expect(made.apiKey!.createdBy).toBe('operator');
    const missing = await errorOf(t.client.createApiKey({ context: operatorContext(), orgId: 'org_missing', role: 'viewer', owner: 'x', name: '' }));
    expect(missing.kind).toBe('not_found');
  });
});
