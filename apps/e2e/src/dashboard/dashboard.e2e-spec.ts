// The dashboard in a real browser against the real stack (registry, ingestion, dispatcher,
// gateway as processes) and a loopback receiver: what a newcomer does, screen by screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { Receiver, waitFor } from '@hookline/testing';
import { ensureDashboardBuilt, launchBrowser, screenshot, seriousAxeViolations, watchPageErrors } from '../support/browser';
import { startDeliveryStack, type DeliveryStack, type Organization } from '../support/delivery-stack';

jest.setTimeout(600_000);

describe('the dashboard in a browser', () => {
  let stack: DeliveryStack;
  let browser: Browser;
  let receiver: Receiver;
  let failing = false;
  let org: Organization;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureDashboardBuilt();
    [stack, browser, receiver] = await Promise.all([
      startDeliveryStack({ retryScheduleSeconds: '1,1', withAudit: true, startTimeoutMs: 180_000 }),
      launchBrowser(),
      Receiver.start(() => (failing ? { status: 500, body: 'receiver down' } : { status: 200, body: 'ok' })),
    ]);
    org = await stack.createOrganization();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await receiver?.stop();
    await stack?.stop();
  });

  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, problems: watchPageErrors(page) };
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${stack.gatewayUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
  }

  async function expectAccessible(page: Page, screen: string): Promise<void> {
    expect({ screen, violations: await seriousAxeViolations(page) }).toEqual({ screen, violations: [] });
  }

  it('is served at / with a strict CSP, long-cached hashed assets and compression', async () => {
    const page = await fetch(`${stack.gatewayUrl}/webhooks`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${stack.gatewayUrl}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // The API is untouched: an unknown API path is still the JSON 404.
    const api = await fetch(`${stack.gatewayUrl}/v1/nothing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });

  it('signs in, creates a webhook through the form, shows the secret once, delivers a test event, retries a failure, rotates the secret and deletes', async () => {
    const { page, problems } = await openPage();
    page.on('dialog', (dialog) => void dialog.accept());

    // A wrong key is refused on the sign-in form.
    await page.goto(`${stack.gatewayUrl}/`);
    await page.getByLabel('API key').fill('hk_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, '01-sign-in');

    await signIn(page, org.adminKey);
    expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 1]);
    expect(page.url()).not.toContain('hk_');
    await page.getByText('No webhooks yet').waitFor();
    await expectAccessible(page, 'webhooks (empty)');

    // Create: the API's field error lands on the field it names (`param`).
    await page.getByRole('link', { name: 'New webhook' }).click();
    await page.getByLabel('Name', { exact: true }).fill('abc');
    await page.getByLabel('URL', { exact: true }).fill(receiver.url);
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.locator('#name-error').textContent()).resolves.toMatch(/\S/);
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'webhook form');
    await screenshot(page, '03-webhook-form');
    await page.getByLabel('Name', { exact: true }).fill('Payments endpoint');
    await page.getByLabel('Description', { exact: true }).fill('Receives transfer events');
    await page.getByLabel('transfer.completed').check();
    await page.getByRole('button', { name: 'Create webhook' }).click();

    // The secret is shown once, in a dialog.
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByText('you will not see this secret again').waitFor();
    const secret = (await page.getByTestId('signing-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page, 'secret dialog');
    await screenshot(page, '04-secret-dialog');
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('heading', { name: 'Payments endpoint' }).waitFor();
    const webhookUrl = page.url();
    const webhookId = webhookUrl.split('/').pop()!;
    expect(webhookId).toMatch(/^wh_/);
    expect(await page.content()).not.toContain(secret);

    // Test event: the delivery turns delivered with its attempt, signed with that secret.
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent:' }).getByRole('link').click();
    await page.getByRole('heading', { name: /Delivery/ }).waitFor();
    await page.locator('.page-head .badge', { hasText: 'delivered' }).waitFor();
    await page.getByTestId('attempt').filter({ hasText: 'HTTP 200' }).waitFor();
    const deliveryId = page.url().split('/').pop()!;
    const received = receiver.requestsFor(deliveryId);
    expect(received.length).toBe(1);
    expect(() => new Webhook(secret).verify(received[0].body, received[0].headers as Record<string, string>)).not.toThrow();
    expect(JSON.parse(received[0].body).is_test).toBe(true);
    await expectAccessible(page, 'delivery detail');
    await screenshot(page, '06-delivery-detail');

    // The receiver fails: the delivery is retried by schedule, then fails; Retry from the UI delivers it.
    failing = true;
    await page.goto(webhookUrl);
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent:' }).getByRole('link').click();
    await page.locator('.page-head .badge', { hasText: 'failed' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('attempt').count()).toBe(3);
    await page.getByText('http_status', { exact: false }).first().waitFor();
    failing = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Retry queued.').waitFor();
    await page.locator('.page-head .badge', { hasText: 'delivered' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('attempt').filter({ hasText: 'HTTP 200' }).waitFor();
    expect(await page.getByTestId('attempt').count()).toBe(4);

    // Deliveries list: both deliveries, newest first, filterable by status.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('row').count()).toBe(3);
    await page.getByLabel('Status').selectOption('delivered');
    await expectAccessible(page, 'deliveries');
    await screenshot(page, '05-deliveries');

    // Its activity: both deliveries counted in the stats charts (the stats API), drawn by uPlot.
    await page.goto(webhookUrl);
    await waitFor(async () => /2 delivered/.test((await page.getByTestId('stats-summary').textContent()) ?? '') || (await page.reload(), false), {
      timeoutMs: 20_000,
      message: 'the stats to count both deliveries',
    });
    expect(await page.locator('.chart canvas').count()).toBe(2);

    // Rotate: a new secret, shown once.
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog').waitFor();
    const rotated = (await page.getByTestId('signing-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await expectAccessible(page, 'webhook detail');
    await screenshot(page, '02-webhook-detail');

    // The list shows it; delete from the list.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('link', { name: 'Payments endpoint' }).waitFor();
    await expect(page.getByText('1 of 10 webhooks used.').isVisible()).resolves.toBe(true);
    await page.getByRole('img', { name: /Last 24 hours: 2 delivered, 0 failed/ }).waitFor();
    await expectAccessible(page, 'webhooks');
    await screenshot(page, '00-webhooks');
    await page.getByRole('button', { name: 'Delete Payments endpoint' }).click();
    await page.getByText('Payments endpoint was deleted.').waitFor();
    await page.getByText('No webhooks yet').waitFor();
    expect((await stack.api('GET', `/v1/webhooks/${webhookId}`, { key: org.adminKey })).body.status ?? 'gone').toMatch(/deleted|gone/);

    expect(problems).toEqual([]);
  });

  it('the stats API answers every bucket of the window and refuses bad windows by field', async () => {
    const hook = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, body: { name: 'Stats endpoint', url: receiver.url } });
    expect(hook.status).toBe(201);
    const test = await stack.api('POST', `/v1/webhooks/${hook.body.id}/test`, { key: org.adminKey, body: {} });
    expect(test.status).toBe(202);
    const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    const from = new Date(to.getTime() - 24 * 3_600_000);
    const query = `from=${from.toISOString()}&to=${to.toISOString()}&interval=1h`;
    const stats = await waitFor(
      async () => {
        const res = await stack.api('GET', `/v1/webhooks/${hook.body.id}/stats?${query}`, { key: org.adminKey });
        return res.body.total?.delivered === 1 ? res.body : undefined;
      },
      { timeoutMs: 20_000, message: 'the test delivery in the stats' },
    );
    expect(stats).toMatchObject({ object: 'delivery_stats', webhook_id: hook.body.id, interval_seconds: 3600, total: { delivered: 1, failed: 0, attempts: 1 } });
    expect(stats.buckets).toHaveLength(24);
    expect(stats.total.latency_p50_ms).toBeGreaterThanOrEqual(0);
    const orgWide = await stack.api('GET', `/v1/stats?${query}`, { key: org.adminKey });
    expect(orgWide.body.total.delivered).toBeGreaterThanOrEqual(1);
    expect((await stack.api('GET', `/v1/webhooks/wh_nope/stats`, { key: org.adminKey })).status).toBe(404);
    const bad = await stack.api('GET', `/v1/stats?interval=1x`, { key: org.adminKey });
    expect(bad.body.error).toMatchObject({ code: 'interval_invalid', param: 'interval' });
    const tooMany = await stack.api('GET', `/v1/stats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&interval=1m`, { key: org.adminKey });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'interval_too_small', param: 'interval' });
    await stack.api('DELETE', `/v1/webhooks/${hook.body.id}`, { key: org.adminKey });
  });

  it('with approvals on, an edit is submitted for approval, the requester cannot approve it, and a second admin approves it', async () => {
    const created = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, body: { name: 'Approved endpoint', url: receiver.url } });
    expect(created.status).toBe(201);
    const secondAdmin = await org.keyFor('admin', 'second-admin');
    const { page, problems } = await openPage();
    await signIn(page, org.adminKey);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Changing a webhook').click();
    await waitFor(async () => (await stack.api('GET', '/v1/settings', { key: org.adminKey })).body.approvals.update === true, { timeoutMs: 10_000, message: 'approvals on' });
    await expectAccessible(page, 'settings');

    await page.goto(`${stack.gatewayUrl}/webhooks/${created.body.id}/edit`);
    await page.getByLabel('Rate limit (per second)').fill('25');
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByText('Submitted for approval').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals' }).click();
    const card = page.getByRole('article');
    await card.getByText('rate_limit_rps').waitFor();
    expect(await card.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await card.getByText('another admin must approve it').waitFor();
    await expectAccessible(page, 'approvals');
    await screenshot(page, '07-approvals');

    const second = await openPage();
    await signIn(second.page, secondAdmin);
    await second.page.getByRole('link', { name: 'Approvals' }).click();
    await second.page.getByRole('article').getByRole('button', { name: 'Approve' }).click();
    await second.page.getByText('Nothing waits for approval.').waitFor();
    expect((await stack.api('GET', `/v1/webhooks/${created.body.id}`, { key: org.adminKey })).body.rate_limit_rps).toBe(25);

    expect([...problems, ...second.problems]).toEqual([]);
  });

  it('opens a portal-session URL in a fresh browser context: only that org, only the chosen screens, with its branding', async () => {
    const other = await stack.createOrganization();
    await stack.api('POST', '/v1/webhooks', { key: other.adminKey, body: { name: 'Other org webhook', url: receiver.url } });
    const mine = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, body: { name: 'Customer endpoint', url: receiver.url } });
    expect(mine.status).toBe(201);
    const portal = await stack.api('POST', `/v1/portal-sessions`, {
      key: org.adminKey,
      body: { role: 'developer', features: ['webhooks', 'deliveries'], branding: { product_name: 'Acme Webhooks', accent_color: '#8a2be2' } },
    });
    expect(portal.status).toBe(201);

    const { page, problems } = await openPage();
    await page.goto(portal.body.url);
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    // The token left the address bar for sessionStorage.
    expect(page.url()).not.toContain('hkps_');
    expect(await page.evaluate('sessionStorage.getItem("hookline.apiKey")')).toBe(portal.body.token);
    await page.getByText('Acme Webhooks').first().waitFor();
    expect(await page.title()).toBe('Acme Webhooks');
    await page.getByRole('link', { name: 'Customer endpoint' }).waitFor();
    expect(await page.getByText('Other org webhook').count()).toBe(0);
    expect(await page.getByText(org.id).count()).toBe(1);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Webhooks', 'Deliveries']);
    expect(await page.evaluate('getComputedStyle(document.documentElement).getPropertyValue("--accent").trim()')).toBe('#8a2be2');
    await expectAccessible(page, 'portal');
    await screenshot(page, '08-portal');

    // Revoked, the next load goes back to sign-in.
    await stack.api('DELETE', `/v1/portal-sessions/${portal.body.id}`, { key: org.adminKey });
    await waitFor(async () => (await stack.api('GET', '/v1/session', { key: portal.body.token })).status === 401, { timeoutMs: 5_000, message: 'revocation' });
    await page.reload();
    await page.waitForURL('**/sign-in');
    expect(problems).toEqual([]);
  });

  it('asks before a portal link replaces the key of a tab already signed in (finding 5: login CSRF)', async () => {
    const other = await stack.createOrganization();
    const foreign = await stack.api('POST', '/v1/portal-sessions', { key: other.adminKey, body: { role: 'admin' } });
    expect(foreign.status).toBe(201);
    const { page, problems } = await openPage();
    await signIn(page, org.adminKey);

    // Someone else's link, opened in this tab: nothing changes until the user says so.
    await page.goto(foreign.body.url);
    await page.getByRole('alertdialog', { name: 'Open this portal link?' }).waitFor();
    expect(page.url()).not.toContain('hkps_');
    expect(await page.evaluate('sessionStorage.getItem("hookline.apiKey")')).toBe(org.adminKey);
    await expectAccessible(page, 'portal link confirmation');
    await screenshot(page, '09-portal-link-confirm');
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("hookline.apiKey")')).toBe(org.adminKey);
    expect(await page.getByText(org.id).count()).toBeGreaterThan(0);

    // Asked for, it opens.
    await page.goto(foreign.body.url);
    await page.getByRole('button', { name: 'Open the linked session' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("hookline.apiKey")')).toBe(foreign.body.token);
    expect(await page.getByText(other.id).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('events, API keys (shown once, revoke) and the audit log (verify, export) work and are accessible', async () => {
    const published = await stack.api('POST', '/v1/events', { key: org.adminKey, body: { type: 'transfer.completed', data: { transfer_id: 'tr_dash' } } });
    expect(published.status).toBe(201);
    const { page, problems } = await openPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, org.adminKey);

    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByRole('link', { name: published.body.id }).click();
    await page.getByText('tr_dash').waitFor();
    await expectAccessible(page, 'event detail');
    await page.getByRole('link', { name: 'Events' }).first().click();
    await page.getByRole('table').waitFor();
    await expectAccessible(page, 'events');
    await screenshot(page, '09-events');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Owner').fill('ci-robot');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('dialog').getByText(/^hk_/).waitFor();
    const key = (await page.getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^hk_/);
    expect((await stack.api('GET', '/v1/session', { key })).body).toMatchObject({ role: 'developer', owner: expect.any(String) });
    await page.getByRole('button', { name: 'I have stored it' }).click();
    const prefix = key.slice(0, 7);
    await page.getByRole('button', { name: new RegExp(`Revoke ${prefix}`) }).click();
    await waitFor(async () => (await stack.api('GET', '/v1/session', { key })).status === 401, { timeoutMs: 5_000, message: 'the key to be revoked' });
    await expectAccessible(page, 'api keys');
    await screenshot(page, '10-api-keys');

    // Audit records travel through Kafka to the audit service: wait until there are some.
    await waitFor(async () => (await stack.api('GET', '/v1/audit-logs', { key: org.adminKey })).body.data?.length > 0, { timeoutMs: 30_000, message: 'audit records' });
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('table').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toMatch(/Chain intact: \d+ records verified/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export NDJSON' }).click();
    const lines = (await readStream(await (await download).createReadStream())).trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0])).toHaveProperty('hash');
    await expectAccessible(page, 'audit log');
    await screenshot(page, '11-audit-log');

    // Keyboard only: from the skip link to the main navigation and into the webhooks screen.
    await page.goto(`${stack.gatewayUrl}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Webhooks');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('recovers a webhook\'s failed deliveries of a time range from its page: they are sent again and delivered', async () => {
    const own = await stack.createOrganization();
    const created = await stack.api('POST', '/v1/webhooks', { key: own.adminKey, body: { name: 'Recovered endpoint', url: receiver.url } });
    expect(created.status).toBe(201);
    failing = true;
    const sent = await stack.api('POST', `/v1/webhooks/${created.body.id}/test`, { key: own.adminKey, body: {} });
    expect(sent.status).toBe(202);
    const deliveryId: string = sent.body.id;
    const statusOf = async () => (await stack.api('GET', `/v1/webhooks/events/${deliveryId}`, { key: own.adminKey })).body.status;
    await waitFor(async () => (await statusOf()) === 'failed', { timeoutMs: 30_000, message: 'the delivery to fail its whole schedule' });
    const attemptsBefore = receiver.requestsFor(deliveryId).length;
    failing = false;

    const { page, problems } = await openPage();
    await signIn(page, own.adminKey);
    await page.goto(`${stack.gatewayUrl}/webhooks/${created.body.id}`);
    await page.getByText('Recover failed deliveries').click();
    // The range starts an hour ago, written as the browser's datetime-local input expects it.
    const since = await page.evaluate(() => {
      const d = new Date(Date.now() - 3_600_000);
      d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
      return d.toISOString().slice(0, 16);
    });
    await page.getByLabel('Failed since').fill(since);
    await page.getByRole('button', { name: 'Re-queue failed deliveries' }).click();
    await page.getByText('Recovery queued').waitFor();
    await waitFor(async () => (await statusOf()) === 'delivered', { timeoutMs: 30_000, message: 'the recovered delivery to be delivered' });
    const after = receiver.requestsFor(deliveryId);
    expect(after.length).toBe(attemptsBefore + 1);
    await expectAccessible(page, 'webhook detail with recover');
    expect(problems).toEqual([]);
  });
});

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
