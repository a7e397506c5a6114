import type { registryV1 } from '@hookline/proto';
import { createTestOrg, errorOf, fakeResolver, startTestRegistry, webhookRequest, type TestOrg, type TestRegistry } from '../testing/harness';

const auth = (a: Partial<registryV1.EndpointAuthInput>): registryV1.EndpointAuthInput => ({
  type: '',
  headerName: '',
  headerValue: '',
  username: '',
  password: '',
  tokenUrl: '',
  clientId: '',
  clientSecret: '',
  scope: '',
  audience: '',
  ...a,
});

describe('registry webhooks (gRPC, real PostgreSQL)', () => {
  let t: TestRegistry;
  let org: TestOrg;

  beforeAll(async () => {
    t = await startTestRegistry({ resolve: fakeResolver({ 'internal.example.com': ['10.0.0.5'], 'mixed.example.com': ['93.184.216.34', '127.0.0.1'] }) });
    org = await createTestOrg(t.client);
  });
  afterAll(() => t?.stop());

  const invalid: [string, Partial<registryV1.CreateWebhookRequest>, string, string][] = [
    ['name shorter than 5', { name: 'abcd' }, 'name_invalid', 'name'],
    ['name longer than 100', { name: 'x'.repeat(101) }, 'name_invalid', 'name'],
    ['description shorter than 5', { description: 'abc' }, 'description_invalid', 'description'],
    ['description longer than 100', { description: 'd'.repeat(101) }, 'description_invalid', 'description'],
    ['http url without HOOKLINE_ALLOW_INSECURE_URLS', { url: 'http://receiver.example.com/' }, 'url_scheme', 'url'],
    ['ftp url', { url: 'ftp://receiver.example.com/' }, 'url_scheme', 'url'],
    ['relative url', { url: '/hooks' }, 'url_invalid', 'url'],
    ['url longer than 2048', { url: `https://receiver.example.com/${'a'.repeat(2048)}` }, 'url_too_long', 'url'],
    ['url with userinfo', { url: 'https://user:pw@receiver.example.com/' }, 'url_userinfo', 'url'],
    ['loopback literal', { url: 'https://127.0.0.1/' }, 'url_not_public', 'url'],
    ['hex loopback', { url: 'https://0x7f.1/' }, 'url_not_public', 'url'],
    ['IPv4-mapped IPv6 loopback', { url: 'https://[::ffff:127.0.0.1]/' }, 'url_not_public', 'url'],
    ['metadata address', { url: 'https://169.254.169.254/latest' }, 'url_not_public', 'url'],
    ['localhost name', { url: 'https://localhost/' }, 'url_not_public', 'url'],
    ['name resolving to RFC 1918', { url: 'https://internal.example.com/' }, 'url_not_public', 'url'],
    ['name with one loopback answer', { url: 'https://mixed.example.com/' }, 'url_not_public', 'url'],
    ['explicitly empty event_types', { eventTypes: { types: [] } }, 'event_types_empty', 'event_types'],
    ['unknown event type', { eventTypes: { types: ['transfer.completed', 'nope.unknown'] } }, 'event_type_unknown', 'event_types[1]'],
    ['rate_limit_rps 0', { rateLimitRps: 0 }, 'rate_limit_rps_invalid', 'rate_limit_rps'],
    ['rate_limit_rps 101', { rateLimitRps: 101 }, 'rate_limit_rps_invalid', 'rate_limit_rps'],
    ['timeout 0', { timeoutSeconds: 0 }, 'timeout_seconds_invalid', 'timeout_seconds'],
    ['timeout 31', { timeoutSeconds: 31 }, 'timeout_seconds_invalid', 'timeout_seconds'],
    ['payload other than full/thin', { payload: 'fat' }, 'payload_invalid', 'payload'],
    ['unknown signature scheme', { signatureScheme: 'rsa' }, 'signature_scheme_invalid', 'signature_scheme'],
    ['retry delay of 0 s', { retryScheduleSeconds: { seconds: [5, 0] } }, 'retry_schedule_invalid', 'retry_schedule_seconds'],
    ['ordering other than unordered/fifo', { ordering: 'random' }, 'ordering_invalid', 'ordering'],
    ['unknown auth type', { auth: auth({ type: 'digest' }) }, 'auth_type_invalid', 'auth.type'],
    ['api_key header name not a token', { auth: auth({ type: 'api_key', headerName: 'x api key', headerValue: 'v' }) }, 'auth_header_name_invalid', 'auth.header_name'],
    ['api_key header host', { auth: auth({ type: 'api_key', headerName: 'Host', headerValue: 'v' }) }, 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header content-type', { auth: auth({ type: 'api_key', headerName: 'content-type', headerValue: 'v' }) }, 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header content-length', { auth: auth({ type: 'api_key', headerName: 'Content-Length', headerValue: 'v' }) }, 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header connection', { auth: auth({ type: 'api_key', headerName: 'connection', headerValue: 'v' }) }, 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header user-agent', { auth: auth({ type: 'api_key', headerName: 'User-Agent', headerValue: 'v' }) }, 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key header webhook-*', { auth: auth({ type: 'api_key', headerName: 'webhook-signature', headerValue: 'v' }) }, 'auth_header_name_reserved', 'auth.header_name'],
    ['api_key without value', { auth: auth({ type: 'api_key', headerName: 'x-api-key' }) }, 'auth_value_required', 'auth.value'],
    ['api_key value with a newline', { auth: auth({ type: 'api_key', headerName: 'x-api-key', headerValue: 'a\r\nx: y' }) }, 'auth_value_invalid', 'auth.value'],
    ['api_key value outside Latin-1', { auth: auth({ type: 'api_key', headerName: 'x-api-key', headerValue: '日本語-key' }) }, 'auth_value_invalid', 'auth.value'],
    // Refused at the gRPC boundary, before any rule: no handler ever sees a NUL.
    ['api_key value with a NUL', { auth: auth({ type: 'api_key', headerName: 'x-api-key', headerValue: 'key\u0000x' }) }, 'invalid_characters', 'auth.header_value'],
    ['api_key value with DEL', { auth: auth({ type: 'api_key', headerName: 'x-api-key', headerValue: 'key\u007f' }) }, 'auth_value_invalid', 'auth.value'],
    ['api_key value with a trailing space', { auth: auth({ type: 'api_key', headerName: 'x-api-key', headerValue: 'key ' }) }, 'auth_value_invalid', 'auth.value'],
    ['basic without username', { auth: auth({ type: 'basic', password: 'pw' }) }, 'auth_username_required', 'auth.username'],
    ['basic without password', { auth: auth({ type: 'basic', username: 'u' }) }, 'auth_password_required', 'auth.password'],
    ['oauth2 with a private token url', { auth: auth({ type: 'oauth2', tokenUrl: 'https://10.1.2.3/token', clientId: 'c', clientSecret: 's' }) }, 'url_not_public', 'auth.token_url'],
    ['oauth2 without client id', { auth: auth({ type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientSecret: 's' }) }, 'auth_client_id_required', 'auth.client_id'],
    ['oauth2 with an unknown client_auth_method', { auth: auth({ type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'c', clientSecret: 's', clientAuthMethod: 'tls_client_auth' }) }, 'auth_client_auth_method_invalid', 'auth.client_auth_method'],
    ['oauth2 without client secret', { auth: auth({ type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'c' }) }, 'auth_client_secret_required', 'auth.client_secret'],
    // Payload filters (INVALID_ARGUMENT: kind input), naming the part at fault.
    ['a filter that is not JSON', { filterJson: '{"field":' }, 'filter_invalid', 'filter'],
    ['a filter with an unknown operator', { filterJson: '{"field":"type","like":"x"}' }, 'filter_invalid', 'filter.like'],
    ['a filter holding an escaped NUL (jsonb refuses it)', { filterJson: '{"field":"type","eq":"a\\u0000"}' }, 'filter_invalid', 'filter.eq'],
    ['a filter on an unknown field', { filterJson: '{"field":"colour","eq":"red"}' }, 'filter_invalid', 'filter.field'],
    ['a filter with a bad list deep inside', { filterJson: '{"and":[{"field":"type","eq":"a"},{"not":{"field":"data.x","nin":[{}]}}]}' }, 'filter_invalid', 'filter.and[1].not.nin[0]'],
  ];

  it.each(invalid)('refuses %s with its code and param', async (_label, overrides, code, param) => {
    const error = await errorOf(t.client.createWebhook(webhookRequest(org.admin, overrides)));
    expect(error).toMatchObject({ kind: 'input', code, param });
  });

  it('stores a payload filter as given, returns it on read, and an update with "" removes it', async () => {
    const filterJson = '{"and":[{"field":"data.amount","gte":100},{"field":"data.currency","in":["USD","EUR"]}]}';
    const created = await t.client.createWebhook(webhookRequest(org.admin, { filterJson }));
    expect(JSON.parse(created.webhook!.filterJson)).toEqual(JSON.parse(filterJson));
    const read = await t.client.getWebhook({ context: org.admin, webhookId: created.webhook!.id, orgId: '' });
    expect(JSON.parse(read.filterJson)).toEqual(JSON.parse(filterJson));
    const cleared = await t.client.updateWebhook({ context: org.admin, webhookId: created.webhook!.id, orgId: '', filterJson: '' });
    expect(cleared.webhook!.filterJson).toBe('');
  });

  it('creates with defaults, returns the signing secret once and never again', async () => {
    const created = await t.client.createWebhook(webhookRequest(org.admin, { name: 'Payments hook', description: 'ledger sync' }));
    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(created.pendingApproval).toBeUndefined();
    expect(created.webhook).toMatchObject({
      name: 'Payments hook',
      status: 'active',
      eventTypes: [],
      authType: 'none',
      rateLimitRps: 10,
      timeoutSeconds: 15,
      payload: 'full',
      signatureScheme: 'hmac-sha256',
      hasSigningSecret: true,
      ordering: 'unordered',
      lastTriggeredAt: '',
    });
    expect(created.webhook!.id).toMatch(/^wh_/);
    const read = await t.client.getWebhook({ context: org.admin, webhookId: created.webhook!.id, orgId: '' });
    const listed = await t.client.listWebhooks({ context: org.admin, orgId: '', page: { limit: 100, cursor: '' } });
    for (const response of [read, listed]) expect(JSON.stringify(response)).not.toContain(created.signingSecret);
    const updated = await t.client.updateWebhook({ context: org.admin, webhookId: created.webhook!.id, orgId: '', rateLimitRps: 20 });
    expect(JSON.stringify(updated)).not.toContain(created.signingSecret);
    expect(updated.signingSecret).toBe('');
    const rotated = await t.client.rotateSecret({ context: org.admin, webhookId: created.webhook!.id, orgId: '' });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.signingSecret);
    const after = await t.client.getWebhook({ context: org.admin, webhookId: created.webhook!.id, orgId: '' });
    expect(JSON.stringify(after)).not.toContain(rotated.secret);
  });

  it('shows the public key, never the private key, for asymmetric schemes', async () => {
    const ed = await t.client.createWebhook(webhookRequest(org.admin, { signatureScheme: 'ed25519' }));
    expect(ed.webhook!.publicKey).toMatch(/^whpk_/);
    expect(ed.signingSecret).toBe('');
    const ec = await t.client.createWebhook(webhookRequest(org.admin, { signatureScheme: 'ecdsa-p256' }));
    expect(ec.webhook!.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(JSON.stringify(ec)).not.toContain('PRIVATE KEY');
    const rotated = await t.client.rotateSecret({ context: org.admin, webhookId: ed.webhook!.id, orgId: '' });
    expect(rotated.publicKey).toMatch(/^whpk_/);
    expect(rotated.publicKey).not.toBe(ed.webhook!.publicKey);
    for (const id of [ed.webhook!.id, ec.webhook!.id]) await t.client.deleteWebhook({ context: org.admin, webhookId: id, orgId: '' });
  });

  it('refuses a duplicate name among live webhooks as a conflict, and frees it on delete', async () => {
    const first = await t.client.createWebhook(webhookRequest(org.admin, { name: 'Unique name' }));
    const error = await errorOf(t.client.createWebhook(webhookRequest(org.admin, { name: 'Unique name' })));
    expect(error).toMatchObject({ kind: 'conflict', code: 'name_taken', param: 'name' });
    const other = await t.client.createWebhook(webhookRequest(org.admin, { name: 'Another name' }));
    const rename = await errorOf(t.client.updateWebhook({ context: org.admin, webhookId: other.webhook!.id, orgId: '', name: 'Unique name' }));
    expect(rename).toMatchObject({ kind: 'conflict', code: 'name_taken', param: 'name' });
    const deleted = await t.client.deleteWebhook({ context: org.admin, webhookId: first.webhook!.id, orgId: '' });
    expect(deleted.webhook!.status).toBe('deleted');
    await expect(t.client.createWebhook(webhookRequest(org.admin, { name: 'Unique name' }))).resolves.toBeDefined();
  });

  it('refuses the 11th live webhook of an organization', async () => {
    const small = await createTestOrg(t.client);
    for (let i = 0; i < 10; i++) await t.client.createWebhook(webhookRequest(small.admin));
    const error = await errorOf(t.client.createWebhook(webhookRequest(small.admin)));
    expect(error).toMatchObject({ kind: 'input', code: 'webhook_limit_reached' });
    const { webhooks } = await t.client.listWebhooks({ context: small.admin, orgId: '', page: { limit: 100, cursor: '' } });
    await t.client.deleteWebhook({ context: small.admin, webhookId: webhooks[0].id, orgId: '' });
    await expect(t.client.createWebhook(webhookRequest(small.admin))).resolves.toBeDefined();
  });

  it('updates only the fields that are set, and tells "all event types" from an empty list', async () => {
    const created = await t.client.createWebhook(
      webhookRequest(org.admin, { description: 'first desc', eventTypes: { types: ['transfer.completed'] } }),
    );
    const id = created.webhook!.id;
    const paused = await t.client.updateWebhook({ context: org.admin, webhookId: id, orgId: '', status: 'paused' });
    expect(paused.webhook).toMatchObject({ status: 'paused', description: 'first desc', eventTypes: ['transfer.completed'] });
    expect(paused.webhook!.version).toBe(created.webhook!.version + 1);
    const cleared = await t.client.updateWebhook({ context: org.admin, webhookId: id, orgId: '', description: '', allEventTypes: true });
    expect(cleared.webhook).toMatchObject({ description: '', eventTypes: [], status: 'paused' });
    const empty = await errorOf(t.client.updateWebhook({ context: org.admin, webhookId: id, orgId: '', eventTypes: { types: [] } }));
    expect(empty).toMatchObject({ code: 'event_types_empty', param: 'event_types' });
    const badStatus = await errorOf(t.client.updateWebhook({ context: org.admin, webhookId: id, orgId: '', status: 'deleted' }));
    expect(badStatus).toMatchObject({ code: 'status_invalid', param: 'status' });
    const withAuth = await t.client.updateWebhook({
      context: org.admin,
      webhookId: id,
      orgId: '',
      auth: auth({ type: 'basic', username: 'svc', password: 'pa55word-update' }),
    });
    expect(withAuth.webhook).toMatchObject({ authType: 'basic', auth: { username: 'svc' } });
    expect(JSON.stringify(withAuth)).not.toContain('pa55word-update');
  });

  it('pages newest first with opaque next and prev cursors', async () => {
    const paged = await createTestOrg(t.client);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.client.createWebhook(webhookRequest(paged.admin))).webhook!.id);
    const newestFirst = [...ids].reverse();
    const list = (cursor = '') => t.client.listWebhooks({ context: paged.admin, orgId: '', page: { limit: 2, cursor } });
    const p1 = await list();
    expect(p1.webhooks.map((w) => w.id)).toEqual(newestFirst.slice(0, 2));
    expect(p1.page!.prevCursor).toBe('');
    const p2 = await list(p1.page!.nextCursor);
    expect(p2.webhooks.map((w) => w.id)).toEqual(newestFirst.slice(2, 4));
    const p3 = await list(p2.page!.nextCursor);
    expect(p3.webhooks.map((w) => w.id)).toEqual(newestFirst.slice(4));
    expect(p3.page!.nextCursor).toBe('');
    const back = await list(p3.page!.prevCursor);
    expect(back.webhooks.map((w) => w.id)).toEqual(newestFirst.slice(2, 4));
    expect(await errorOf(list('not-a-cursor'))).toMatchObject({ code: 'cursor_invalid', param: 'cursor' });
    const tooMany = await errorOf(t.client.listWebhooks({ context: paged.admin, orgId: '', page: { limit: 101, cursor: '' } }));
    expect(tooMany).toMatchObject({ code: 'limit_invalid', param: 'limit' });
    const defaults = await t.client.listWebhooks({ context: paged.admin, orgId: '', page: undefined });
    expect(defaults.webhooks).toHaveLength(5);
  });

  it('lets a viewer read but not write', async () => {
    const viewer = await org.addKey('viewer', 'victor@example.com');
    await expect(t.client.listWebhooks({ context: viewer, orgId: '', page: undefined })).resolves.toBeDefined();
    expect(await errorOf(t.client.createWebhook(webhookRequest(viewer)))).toMatchObject({ kind: 'permission' });
  });
});
