// Palisade (shared/seeds/004): "Copy the public key displayed on the webhook detail page. In your
// application, use the public key to verify the signature included in each delivery's headers."
// A customer does exactly that here, in a real browser against the real stack: creates an
// ECDSA-signed webhook in the dashboard, copies the public key from its page, and a loopback
// receiver verifies every delivery with that key (Node crypto, as the ECDSA verification code in
// /openapi.json does), refusing a tampered body. The same page's form edits the payload filter.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Receiver, waitFor } from '@hookline/testing';
import { ensureDashboardBuilt, launchBrowser, screenshot, watchPageErrors } from '../support/browser';
import { startDeliveryStack, type DeliveryStack, type Organization } from '../support/delivery-stack';

jest.setTimeout(600_000);

/** Five minutes either way, as a careful receiver allows. */
const TOLERANCE_S = 300;

/**
 * The receiver's check: the `webhook-signature` header holds `v1e,<base64 r||s>` tokens (one per
 * valid key during a rotation), each an ECDSA P-256 / SHA-256 signature of
 * `<webhook-id>.<webhook-timestamp>.<raw body>`.
 */
function verifyDelivery(headers: IncomingHttpHeaders, rawBody: Buffer, key: KeyObject): boolean {
  const msgId = String(headers['webhook-id'] ?? '');
  const timestamp = String(headers['webhook-timestamp'] ?? '');
  if (!msgId || !/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_S) return false;
  const content = Buffer.concat([Buffer.from(`${msgId}.${timestamp}.`), rawBody]);
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((token) => {
      const [version, signature] = token.split(',');
      return version === 'v1e' && !!signature && verify('sha256', content, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64'));
    });
}

describe('a Palisade-style ECDSA receiver', () => {
  let stack: DeliveryStack;
  let browser: Browser;
  let receiver: Receiver;
  let org: Organization;
  const contexts: BrowserContext[] = [];
  /** The key the receiver verifies with: what the customer copied from the dashboard. */
  let copiedKey: KeyObject | undefined;
  const verdicts: { eventId: string; status: number }[] = [];

  beforeAll(async () => {
    ensureDashboardBuilt();
    [stack, browser, receiver] = await Promise.all([
      startDeliveryStack({ retryScheduleSeconds: '1,1', startTimeoutMs: 180_000 }),
      launchBrowser(),
      Receiver.start((request) => {
        const ok = copiedKey !== undefined && verifyDelivery(request.headers, Buffer.from(request.body, 'utf8'), copiedKey);
        verdicts.push({ eventId: (JSON.parse(request.body) as { id?: string }).id ?? '', status: ok ? 200 : 401 });
        return ok ? { status: 200, body: 'verified' } : { status: 401, body: 'bad signature' };
      }),
    ]);
    org = await stack.createOrganization();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await receiver?.stop();
    await stack?.stop();
  });

  async function signedInPage(): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchPageErrors(page);
    await page.goto(`${stack.gatewayUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('API key').fill(org.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    return { page, problems };
  }

  it('verifies deliveries with the public key copied from the webhook page, and refuses a tampered body', async () => {
    const { page, problems } = await signedInPage();

    // Create the webhook in the dashboard, signed with ECDSA.
    await page.getByRole('link', { name: 'New webhook' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Palisade transactions');
    await page.getByLabel('URL', { exact: true }).fill(`${receiver.url}/palisade`);
    await page.getByLabel('Signature scheme').selectOption('ecdsa-p256');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('heading', { name: 'Palisade transactions' }).waitFor();
    const webhookId = page.url().split('/').pop()!;
    expect(webhookId).toMatch(/^wh_/);

    // The detail page shows the public key with a copy button; the customer copies it.
    const panel = page.locator('.public-key');
    await panel.getByRole('heading', { name: 'Public key' }).waitFor();
    const shown = ((await panel.locator('pre').textContent()) ?? '').trim();
    expect(shown).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
    await panel.getByRole('button', { name: 'Copy' }).click();
    await panel.getByRole('button', { name: 'Copied' }).waitFor();
    const clipboard = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(clipboard.trim()).toBe(shown);
    await screenshot(page, 'palisade-ecdsa-webhook');
    // The receiving code shown for this scheme verifies v1e (Standard Webhooks libraries verify only v1).
    await page.getByText('Verify signatures in your endpoint').click();
    const snippet = (await page.getByRole('tabpanel').textContent()) ?? '';
    expect(snippet).toContain("from '@hookline/sdk'");
    expect(snippet).not.toContain('standardwebhooks');
    copiedKey = createPublicKey(clipboard);
    expect(copiedKey.asymmetricKeyType).toBe('ec');
    expect(copiedKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');

    // A new webhook takes effect within 1 s: publish until a delivery arrives, then it must verify.
    const developer = await org.keyFor('developer');
    const eventId = await waitFor(
      async () => {
        const res = await stack.api('POST', '/v1/events', { key: developer, body: { type: 'transfer.completed', data: { transfer_id: 'tr_palisade', amount: 42, currency: 'USD' } } });
        expect(res.status).toBe(201);
        const id = res.body.id as string;
        return waitFor(() => (receiver.requestsForEvent(id).length ? id : undefined), { timeoutMs: 2_000, message: 'a delivery' }).catch(() => undefined);
      },
      { timeoutMs: 30_000, intervalMs: 0, message: 'a delivery to the ECDSA webhook' },
    );
    const [request] = receiver.requestsForEvent(eventId);
    expect(String(request.headers['webhook-signature'])).toMatch(/^v1e,/);
    expect(verdicts.find((v) => v.eventId === eventId)).toEqual({ eventId, status: 200 });
    await waitFor(
      async () => {
        const res = await stack.api('GET', `/v1/webhooks/events?webhook_id=${webhookId}&limit=100`, { key: developer });
        return (res.body.data as { event_id: string; status: string }[]).some((d) => d.event_id === eventId && d.status === 'delivered');
      },
      { message: 'the verified delivery to be recorded delivered' },
    );

    // The same request with its body altered: the receiver refuses it with the same key.
    const headers = Object.fromEntries(['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name])]));
    const tampered = await fetch(`${receiver.url}/palisade`, { method: 'POST', headers, body: request.body.replace('"amount":42', '"amount":4200') });
    expect(tampered.status).toBe(401);
    const replayed = await fetch(`${receiver.url}/palisade`, { method: 'POST', headers, body: request.body });
    expect(replayed.status).toBe(200);
    expect(problems).toEqual([]);
  });

  it('the webhook form edits the payload filter, shows the API’s verdict on a sample event and its error on the field', async () => {
    const { page, problems } = await signedInPage();
    const created = await stack.api('POST', '/v1/webhooks', { key: org.adminKey, body: { name: 'Filtered in the form', url: `${receiver.url}/filtered` } });
    expect(created.status).toBe(201);
    await page.goto(`${stack.gatewayUrl}/webhooks/${created.body.id}/edit`);
    const filter = page.getByLabel('Payload filter');

    // Tried on a sample event through the API before saving.
    await filter.fill('{"and":[{"field":"data.amount","gte":100},{"field":"data.currency","in":["USD","EUR"]}]}');
    await page.getByText('Try the filter on a sample event').click();
    await page.getByLabel(/Sample event/).fill('{"type":"transfer.completed","data":{"amount":150,"currency":"EUR"}}');
    await page.getByRole('button', { name: 'Test filter' }).click();
    await page.getByRole('status').filter({ hasText: 'Matches: this event would be delivered.' }).waitFor();
    await page.getByLabel(/Sample event/).fill('{"type":"transfer.completed","data":{"amount":150,"currency":"GBP"}}');
    await page.getByRole('button', { name: 'Test filter' }).click();
    await page.getByRole('status').filter({ hasText: 'No match' }).waitFor();

    // An invalid filter: the API's message lands on the filter field.
    await filter.fill('{"field":"data.amount","like":100}');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('#filter-error').textContent()).resolves.toContain('filter.like');
    expect(await filter.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'payload-filter-form');

    await filter.fill('{"field":"data.currency","eq":"EUR"}');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Filtered in the form' }).waitFor();
    await page.getByText('"eq": "EUR"').waitFor();
    const stored = await stack.api('GET', `/v1/webhooks/${created.body.id}`, { key: org.adminKey });
    expect(stored.body.filter).toEqual({ field: 'data.currency', eq: 'EUR' });
    expect(problems).toEqual([]);
  });
});
