// The dashboard's notification channels (Settings) in a real browser against the real stack.
import type { Browser } from 'playwright-core';
import { Receiver } from '@hookline/testing';
import { ensureDashboardBuilt, launchBrowser, seriousAxeViolations, watchPageErrors } from '../support/browser';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';

jest.setTimeout(300_000);

describe('notification channels in the dashboard', () => {
  let stack: DeliveryStack;
  let browser: Browser;
  let chat: Receiver;

  beforeAll(async () => {
    ensureDashboardBuilt();
    [stack, browser, chat] = await Promise.all([startDeliveryStack({ retryScheduleSeconds: '1', startTimeoutMs: 180_000 }), launchBrowser(), Receiver.start()]);
  });

  afterAll(async () => {
    await browser?.close();
    await chat?.stop();
    await stack?.stop();
  });

  it('an admin adds an email and a Slack channel under Settings, sees them listed (the Slack URL by origin only) and removes one', async () => {
    const org = await stack.createOrganization();
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = watchPageErrors(page);
    await page.goto(`${stack.gatewayUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('API key').fill(org.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Notification channels' }).waitFor();
    await page.getByText('No notification channels.').waitFor();

    await page.getByLabel('Address or URL').fill('oncall@example.test');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const list = page.getByRole('list', { name: 'Notification channels' });
    await list.getByText('oncall@example.test', { exact: true }).waitFor();

    await page.getByLabel('Channel', { exact: true }).selectOption('slack');
    await page.getByLabel('Address or URL').fill(`${chat.url}/services/T1/B2/secret-token`);
    await page.getByLabel('Only after failing for (minutes)').fill('15');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await list.getByText(`${chat.url}/…`, { exact: true }).waitFor();
    await list.getByText('(after 15 min failing)').waitFor();
    expect(await page.content()).not.toContain('secret-token');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Remove email channel oncall@example.test' }).click();
    await list.getByText('oncall@example.test', { exact: true }).waitFor({ state: 'detached' });
    const stored = await stack.api('GET', '/v1/notification-channels', { key: org.adminKey });
    expect(stored.body.data.map((c: { kind: string; failing_for_minutes: number }) => [c.kind, c.failing_for_minutes])).toEqual([['slack', 15]]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
