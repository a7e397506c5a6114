import { InputError } from '@hookline/errors';
import type { ingestionV1 } from '@hookline/proto';
import { waitFor } from '@hookline/testing';
import type { RunningIngestion } from '../app';
import { startFakeRegistry, type FakeRegistry } from '../testing/fake-registry';
import { ingestionTestEnv, publishRequest, startIngestionInProcess, type IngestionClient } from '../testing/ingestion-harness';

describe('listing an organization’s events', () => {
  let registry: FakeRegistry;
  let ingestion: RunningIngestion;
  let client: IngestionClient;

  beforeAll(async () => {
    registry = await startFakeRegistry(['org_list', 'org_other'], ['a.happened', 'b.happened']);
    ({ ingestion, client } = await startIngestionInProcess(ingestionTestEnv(registry.address)));
  });

  afterAll(async () => {
    client?.close();
    await ingestion?.stop();
    await registry?.stop();
  });

  const publishMany = async (orgId: string, count: number, overrides: Partial<ingestionV1.PublishRequest> = {}) => {
    const { results } = await client.publishBatch({
      events: Array.from({ length: count }, (_, i) => publishRequest({ orgId, type: 'a.happened', dataJson: JSON.stringify({ i }), ...overrides })),
    });
    return results.map((r) => r.event!);
  };
  const archivedCount = async (orgId: string) => (await client.listEvents({ orgId, limit: 100, cursor: '', types: [], createdAfter: '', createdBefore: '' })).events.length;
  const list = (request: Partial<ingestionV1.ListEventsRequest>) =>
    client.listEvents({ orgId: 'org_list', limit: 10, cursor: '', types: [], createdAfter: '', createdBefore: '', ...request });

  it('pages newest first with no duplicates or gaps while new events keep arriving', async () => {
    const originals = await publishMany('org_list', 25);
    await waitFor(async () => (await archivedCount('org_list')) === 25, { message: '25 events archived' });

    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const page = await list({ cursor });
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
      // New events land between page requests; they are newer than every page boundary.
      await publishMany('org_list', 3);
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(originals.map((e) => e.id).reverse());
  });

  it('prev_cursor leads back to the newer page, and the first page has none', async () => {
    await waitFor(async () => (await archivedCount('org_list')) >= 34, { message: 'all events archived' });
    const first = await list({});
    const second = await list({ cursor: first.nextCursor });
    expect(first.prevCursor).toBe('');
    const back = await list({ cursor: second.prevCursor });
    expect(back.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
  });

  it('filters by type, is_test and time, and never shows another org’s events', async () => {
    const [other] = await publishMany('org_other', 1);
    // Distinct milliseconds, so the time window below holds exactly one event.
    const nextMillisecond = async (after: number) => waitFor(() => Date.now() > after + 1, { intervalMs: 1, message: 'the clock to advance' });
    await nextMillisecond(Date.now());
    const [typed] = await publishMany('org_list', 1, { type: 'b.happened' });
    await nextMillisecond(Date.parse(typed.time));
    const [test] = await publishMany('org_list', 1, { isTest: true });
    await waitFor(async () => (await list({ isTest: true })).events.length === 1, { message: 'test event archived' });
    await waitFor(async () => (await list({ types: ['b.happened'] })).events.length === 1, { message: 'typed event archived' });

    expect((await list({ types: ['b.happened'] })).events.map((e) => e.id)).toEqual([typed.id]);
    expect((await list({ isTest: true })).events.map((e) => e.id)).toEqual([test.id]);
    expect((await list({ isTest: false, limit: 100 })).events.map((e) => e.id)).not.toContain(test.id);
    const window = await list({ createdAfter: new Date(Date.parse(typed.time) - 1).toISOString(), createdBefore: test.time });
    expect(window.events.map((e) => e.id)).toEqual([typed.id]);
    expect((await list({ limit: 100 })).events.map((e) => e.id)).not.toContain(other.id);
  });

  it('rejects a tampered cursor and an out-of-range limit', async () => {
    await expect(list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ constructor: InputError, param: 'cursor' });
    await expect(list({ limit: 101 })).rejects.toMatchObject({ constructor: InputError, param: 'limit' });
  });
});
