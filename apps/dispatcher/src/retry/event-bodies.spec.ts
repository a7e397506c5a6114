import type { CallOptions } from '@hookline/grpc';
import type { ingestionV1 } from '@hookline/proto';
import { envelopeJson } from '../model/envelope';
import { EventBodies, type EnvelopeSource } from './event-bodies';

const event = (id: string, dataJson = '{"n":1}'): ingestionV1.EventObject => ({ id, orgId: 'org_1', type: 't.x', source: 'src', time: '2026-12-08T00:00:00.000Z', isTest: false, dataJson });

/** An archive holding `events`, recording every request it gets. */
function archive(events: ingestionV1.EventObject[]) {
  const requests: { ids: string[]; options?: CallOptions }[] = [];
  const source: EnvelopeSource = {
    getEventEnvelopes: async (request, options) => {
      requests.push({ ids: request.eventIds, options });
      return { events: events.filter((e) => request.eventIds.includes(e.id)), retainedSince: '2026-11-08T00:00:00.000Z' };
    },
  };
  return { source, requests };
}

describe('event bodies read from ingestion', () => {
  it('builds the envelope the fan-out builds, leaves out what is not archived, and says since when the archive keeps events', async () => {
    const { source } = archive([event('evt_a', '{"z":1.50,"a":"é"}')]);
    const fetched = await new EventBodies(source).fetch(['evt_a', 'evt_missing']);
    expect([...fetched.bodies]).toEqual([['evt_a', envelopeJson(event('evt_a', '{"z":1.50,"a":"é"}'))]]);
    expect(fetched.bodies.get('evt_a')).toContain('"data":{"z":1.50,"a":"é"}');
    expect(fetched.retainedSince).toEqual(new Date('2026-11-08T00:00:00.000Z'));
  });

  it('asks once per event, at most 500 ids a request, with a deadline and the caller’s signal', async () => {
    const ids = Array.from({ length: 1_200 }, (_, i) => `evt_${i}`);
    const { source, requests } = archive(ids.map((id) => event(id)));
    const signal = new AbortController().signal;
    const fetched = await new EventBodies(source, { deadlineMs: 1_500 }).fetch([...ids, ...ids], signal);
    expect(fetched.bodies.size).toBe(1_200);
    expect(requests.map((r) => r.ids.length)).toEqual([500, 500, 200]);
    expect(requests.every((r) => r.options?.deadlineMs === 1_500 && r.options.signal === signal)).toBe(true);
  });

  it('serves recently read bodies from its cache, and forgets the least recently used beyond its bound', async () => {
    const { source, requests } = archive(['evt_a', 'evt_b', 'evt_c'].map((id) => event(id)));
    const size = envelopeJson(event('evt_a')).length;
    const bodies = new EventBodies(source, { maxCachedChars: size * 2 });
    await bodies.fetch(['evt_a', 'evt_b']);
    await bodies.fetch(['evt_a']); // cached; now the most recently used
    await bodies.fetch(['evt_c']); // evicts evt_b
    requests.length = 0;
    const again = await bodies.fetch(['evt_a', 'evt_b', 'evt_c']);
    expect(again.bodies.size).toBe(3);
    expect(requests.map((r) => r.ids)).toEqual([['evt_b']]);
  });

  it('fails when ingestion does not answer, so the caller postpones rather than sends anything', async () => {
    const source: EnvelopeSource = { getEventEnvelopes: () => Promise.reject(new Error('deadline exceeded')) };
    await expect(new EventBodies(source).fetch(['evt_a'])).rejects.toThrow('deadline exceeded');
  });
});
