import { Receiver, waitFor } from '@hookline/testing';
import type { ServerResponse } from 'node:http';
import { deliveryIdFor } from '../model/delivery-id';
import { attemptRows, deliveryRows, nonEmpty, startStack, type Stack } from '../testing/harness';

// The hot path writes a delivery once: no row before the first attempt, then the row in its
// final state with its attempt. What the endpoint sees is checked against what PostgreSQL holds
// at the moment each request arrives.

type Row = Record<string, any>;

describe('first attempts from memory', () => {
  let stack: Stack;
  let receiver: Receiver;
  /** The delivery rows PostgreSQL held when each request arrived, by webhook-id. */
  const rowsAtRequest = new Map<string, Promise<Row[]>>();
  /** Requests the test holds open until it answers them. */
  const held: ServerResponse[] = [];
  let holdRequests = false;

  beforeAll(async () => {
    // One request at a time per webhook, and a short first-attempt wait: a task queued behind a
    // request held open is written as pending soon. The change feed is checked often, so an event
    // right after its webhook's creation is routed without waiting out the default 5 s check.
    stack = await startStack({ HOOKLINE_WEBHOOK_CONCURRENCY: '1', HOOKLINE_FIRST_ATTEMPT_WAIT_MS: '3000', HOOKLINE_CONSUMER_PROGRESS_MS: '200' });
    await stack.startDispatcher();
    // Answers only once it has read the rows: an outcome is recorded after the answer, so what it
    // reads is what was written before the request.
    receiver = await Receiver.start((request, _, res) => {
      const deliveryId = request.headers['webhook-id'] as string;
      const rows = stack.db.query('select * from delivery where id = $1', [deliveryId]).then((result) => result.rows);
      rowsAtRequest.set(deliveryId, rows);
      void rows.then(() => (holdRequests ? held.push(res) : res.end('ok')));
    });
  });
  afterAll(async () => {
    for (const res of held) res.end('ok');
    await stack?.stop();
    await receiver?.stop();
  });

  it('a delivery has no row while its first attempt is under way; then one row, delivered, written with its attempt, under the id the request carried', async () => {
    const hook = await stack.registry.create('org_first', { url: `${receiver.url}/first` });
    const readsBefore = stack.ingestion.envelopeReads.length;
    const event = await stack.ingestion.publish('org_first', 'first.test', { n: 1 });
    const deliveryId = deliveryIdFor(event.id, hook.webhookId);

    await waitFor(() => receiver.requestsFor(deliveryId).length === 1, { message: 'the first attempt' });
    expect(await rowsAtRequest.get(deliveryId)).toEqual([]);
    const [row] = await waitFor(async () => {
      const rows = await deliveryRows(stack.db, hook.webhookId);
      return rows.length === 1 && rows[0].status === 'delivered' ? rows : undefined;
    }, { message: 'the delivery recorded' });
    expect(row).toMatchObject({ id: deliveryId, event_id: event.id, attempt_count: 1, next_attempt_at: null, response_status: 200 });
    const attempts = await attemptRows(stack.db, deliveryId);
    expect(attempts).toHaveLength(1);
    // One transaction wrote both: the row was created with its outcome, not updated to it.
    const versions = await stack.db.query<{ delivery: string; attempt: string }>(
      'select d.xmin::text as delivery, a.xmin::text as attempt from delivery d join attempt a on a.delivery_id = d.id where d.id = $1',
      [deliveryId],
    );
    expect(versions.rows[0].delivery).toBe(versions.rows[0].attempt);
    // The body was sent from the event read from the topic: not read back from ingestion, whose
    // archive holds the one copy (the dispatcher keeps none).
    expect(stack.ingestion.envelopeReads.slice(readsBefore).flat()).not.toContain(event.id);
    expect(row).not.toHaveProperty('envelope_json');
    expect((await stack.db.query(`select to_regclass('delivery_payload') as payloads`)).rows[0].payloads).toBeNull();
  });

  it('a first attempt that cannot start within the first-attempt wait is written as pending without an attempt, then sent once, under the same id', async () => {
    const hook = await stack.registry.create('org_waits', { url: `${receiver.url}/waits` });
    holdRequests = true;
    const first = await stack.ingestion.publish('org_waits', 'waits.test', { n: 1 });
    const firstId = deliveryIdFor(first.id, hook.webhookId);
    await waitFor(() => receiver.requestsFor(firstId).length === 1, { message: 'the first request, held open' });
    // Queued behind the held request in the webhook's only slot.
    const second = await stack.ingestion.publish('org_waits', 'waits.test', { n: 2 });
    const secondId = deliveryIdFor(second.id, hook.webhookId);

    const [pending] = await waitFor(async () => nonEmpty((await stack.db.query('select * from delivery where id = $1', [secondId])).rows), {
      timeoutMs: 20_000,
      message: 'the waiting delivery written as pending',
    });
    expect(pending).toMatchObject({ status: 'pending', attempt_count: 0, last_attempt_at: null });
    expect(await attemptRows(stack.db, secondId)).toEqual([]);
    expect(receiver.requestsFor(secondId)).toEqual([]);

    holdRequests = false;
    held.splice(0).forEach((res) => res.end('ok'));
    await waitFor(async () => (await stack.db.query("select 1 from delivery where id = $1 and status = 'delivered'", [secondId])).rows[0], {
      timeoutMs: 20_000,
      message: 'the waiting delivery delivered',
    });
    expect(receiver.requestsFor(secondId)).toHaveLength(1);
    expect(await rowsAtRequest.get(secondId)).toEqual([expect.objectContaining({ status: 'pending', attempt_count: 0 })]);
    expect(await attemptRows(stack.db, secondId)).toEqual([expect.objectContaining({ number: 1, response_status: 200 })]);
  });
});
