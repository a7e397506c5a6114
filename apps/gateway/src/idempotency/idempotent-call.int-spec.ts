import { randomBytes } from 'node:crypto';
import type { Database } from '@hookline/db';
import { ConflictError, InputError, UnavailableError } from '@hookline/errors';
import { createLogger } from '@hookline/logging';
import { createSecretBox } from '@hookline/secrets';
import { testDatabaseUrl, uniqueSuffix, waitFor } from '@hookline/testing';
import { openGatewayDatabase } from '../db/gateway-database';
import type { RouteResult } from '../http/route';
import { idempotentCall, REPLAYED_HEADER } from './idempotent-call';
import { IdempotencyStore } from './idempotency-store';

// Which answers the gateway keeps for an Idempotency-Key: final ones are replayed; answers that
// say "try again" (a 5xx, a backend's "still in progress" with its retry delay) let the retry run.

let db: Database;
let store: IdempotencyStore;
beforeAll(async () => {
  db = await openGatewayDatabase(testDatabaseUrl, `t_gw_idemcall_${uniqueSuffix()}`, createLogger('idempotency-test', 'silent'));
  store = new IdempotencyStore(db, createSecretBox(randomBytes(32), { purpose: 'gateway idempotency' }));
});
afterAll(() => db?.close());

const request = (key: string, hash = 'h1') => ({ scope: 'key_a', key, hash, requestId: 'req_1' });
const created: RouteResult = { status: 201, body: { id: 'evt_1' } };
const inProgress = () =>
  new ConflictError('a request with this idempotency key is still in progress; retry shortly', { code: 'idempotency_key_in_use', details: { retry_after_seconds: 2 } });

it('a backend answering "still in progress" is not kept: the retry reaches the backend again and gets its event', async () => {
  const runs: string[] = [];
  await expect(
    idempotentCall(store, request('in-progress-1'), async () => {
      runs.push('first');
      throw inProgress();
    }),
  ).rejects.toMatchObject({ code: 'idempotency_key_in_use' });
  const retried = await idempotentCall(store, request('in-progress-1'), async () => {
    runs.push('retry');
    return created;
  });

  expect(runs).toEqual(['first', 'retry']);
  expect(retried).toEqual(created);
});

it('a 503 is not kept either; a final answer (201, or a 4xx without a retry delay) is replayed without running again', async () => {
  let runs = 0;
  await expect(
    idempotentCall(store, request('unavailable-1'), async () => {
      runs++;
      throw new UnavailableError('the event store (Kafka) did not acknowledge the event', { details: { retry_after_seconds: 1 } });
    }),
  ).rejects.toBeInstanceOf(UnavailableError);
  await idempotentCall(store, request('unavailable-1'), async () => (runs++, created));
  const replayed = await idempotentCall(store, request('unavailable-1'), async () => (runs++, created));
  expect(runs).toBe(2);
  expect(replayed).toEqual({ ...created, headers: { [REPLAYED_HEADER]: 'true' } });

  await expect(idempotentCall(store, request('refused-1'), async () => Promise.reject(new InputError('bad type', { code: 'unknown_event_type' })))).rejects.toBeInstanceOf(InputError);
  const stored = await idempotentCall(store, request('refused-1'), async () => created);
  expect(stored.status).toBe(400);
});

it('a retry while the first request still runs gets 409 in flight with a retry delay, and does not run', async () => {
  let finish: ((result: RouteResult) => void) | undefined;
  const first = idempotentCall(store, request('in-flight-1'), () => new Promise<RouteResult>((resolve) => (finish = resolve)));
  await waitFor(() => finish, { message: 'the first request to run' });
  let ranAgain = false;
  const retry = await idempotentCall(store, request('in-flight-1'), async () => ((ranAgain = true), created)).catch((error: unknown) => error);

  expect(retry).toMatchObject({ constructor: ConflictError, code: 'idempotency_key_in_flight', details: { retry_after_seconds: 1 } });
  expect(ranAgain).toBe(false);
  finish!(created);
  expect(await first).toEqual(created);
});

it('the same key with another body is 409 reused, whatever the first answer was', async () => {
  await expect(idempotentCall(store, request('reused-1', 'h1'), async () => Promise.reject(inProgress()))).rejects.toBeInstanceOf(ConflictError);
  await idempotentCall(store, request('reused-1', 'h1'), async () => created);
  await expect(idempotentCall(store, request('reused-1', 'h2'), async () => created)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
});
