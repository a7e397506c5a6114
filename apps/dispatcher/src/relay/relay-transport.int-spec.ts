import { openDatabase, type Database } from '@hookline/db';
import { createLogger } from '@hookline/logging';
import { testDatabaseUrl, uniqueSuffix, waitFor } from '@hookline/testing';
import { migrations } from '../db/migrations';
import type { DeliveryTask } from '../model/delivery-task';
import { recordRelayAnswer, touchListener, waitingRelayRequests } from './relay-store';
import { RelayTransport } from './relay-transport';

// The relay lane's side of `hookline listen` against PostgreSQL: what an attempt becomes when no
// listener is connected, when the listener does not answer in time, and when it answers.

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ url: testDatabaseUrl, schema: `t_relay_${uniqueSuffix()}`, migrations, logger: createLogger('relay-test', 'silent') });
});
afterAll(() => db?.close());

function task(webhookId: string, n: number): DeliveryTask {
  return {
    deliveryId: `del_relay_${webhookId}_${n}`,
    webhookId,
    orgId: 'org_relay',
    eventId: `evt_relay_${n}`,
    eventType: 'transfer.completed',
    attempt: 1,
    isTest: false,
    envelopeJson: '{"id":"evt_relay"}',
    traceparent: '',
    manual: false,
    publishedAtMs: 0,
  };
}

const headers = { 'webhook-id': 'del_x', 'webhook-signature': 'v1,abc' };
const waiting = async () => Number((await db.pool.query<{ n: string }>('select count(*) as n from relay_request')).rows[0].n);

it('with no listener connected, the attempt fails at once as relay_offline and leaves nothing waiting', async () => {
  const transport = new RelayTransport(db.pool, 20);
  await expect(transport.exchange(task('wh_offline', 1), headers, Buffer.from('{}'), 10_000)).rejects.toMatchObject({ errorClass: 'relay_offline' });
  expect(await waiting()).toBe(0);
});

it('a listener that does not answer within the timeout makes the attempt a timeout; its request is gone', async () => {
  await touchListener(db.pool, 'org_relay', 'wh_silent');
  const transport = new RelayTransport(db.pool, 20);
  const attempt = transport.exchange(task('wh_silent', 1), headers, Buffer.from('{"a":1}'), 400);
  // The listener sees it, signed headers and body as sent…
  const [request] = await waitFor(async () => {
    const rows = await waitingRelayRequests(db.pool, 'wh_silent', 0, 10);
    return rows.length ? rows : undefined;
  }, { message: 'the relay request' });
  expect(request).toMatchObject({ delivery_id: 'del_relay_wh_silent_1', headers, body: '{"a":1}', attempt: 1 });
  // …but never answers.
  await expect(attempt).rejects.toMatchObject({ errorClass: 'timeout' });
  expect(await waiting()).toBe(0);
  // Too late: the request is gone.
  expect(await recordRelayAnswer(db.pool, 'org_relay', request.id, { responseStatus: 200, responseHeaders: {}, responseBody: '', durationMs: 1, error: '' })).toBe('not_found');
});

it("the listener's answer is the attempt's response, with the local duration; another org cannot answer it, and it is answered once", async () => {
  await touchListener(db.pool, 'org_relay', 'wh_answered');
  const transport = new RelayTransport(db.pool, 20);
  const attempt = transport.exchange(task('wh_answered', 1), headers, Buffer.from('{}'), 10_000);
  const [request] = await waitFor(async () => {
    const rows = await waitingRelayRequests(db.pool, 'wh_answered', 0, 10);
    return rows.length ? rows : undefined;
  }, { message: 'the relay request' });

  const answer = { responseStatus: 503, responseHeaders: { 'retry-after': '7' }, responseBody: 'busy', durationMs: 42, error: '' };
  expect(await recordRelayAnswer(db.pool, 'org_other', request.id, answer)).toBe('not_found');
  expect(await recordRelayAnswer(db.pool, 'org_relay', request.id, answer)).toEqual({ deliveryId: 'del_relay_wh_answered_1' });
  expect(await recordRelayAnswer(db.pool, 'org_relay', request.id, answer)).toBe('closed');

  await expect(attempt).resolves.toEqual({ status: 503, headers: { 'retry-after': '7' }, body: 'busy', durationMs: 42 });
  expect(await waiting()).toBe(0);
});

it('a listener whose local URL gave no answer makes the attempt a connect failure naming why', async () => {
  await touchListener(db.pool, 'org_relay', 'wh_refused');
  const transport = new RelayTransport(db.pool, 20);
  const attempt = transport.exchange(task('wh_refused', 1), headers, Buffer.from('{}'), 10_000);
  const [request] = await waitFor(async () => {
    const rows = await waitingRelayRequests(db.pool, 'wh_refused', 0, 10);
    return rows.length ? rows : undefined;
  }, { message: 'the relay request' });
  await recordRelayAnswer(db.pool, 'org_relay', request.id, { responseStatus: 0, responseHeaders: {}, responseBody: '', durationMs: 3, error: 'http://localhost:3000/webhooks: ECONNREFUSED' });
  await expect(attempt).rejects.toMatchObject({ errorClass: 'connect', message: expect.stringContaining('ECONNREFUSED') });
});
