import { Writable } from 'node:stream';
import { UnavailableError } from '@hookline/errors';
import { createLogger } from '@hookline/logging';
import { EventTypeCatalog } from './event-type-catalog';

const logger = createLogger('catalog-test', 'silent');
const entries = (types: string[]) => types.map((type) => ({ type, group: type.split('.')[0] }));

describe('EventTypeCatalog', () => {
  it('answers known types from the cache and re-reads the registry on a miss before refusing', async () => {
    const registered = ['a.created'];
    const load = jest.fn(async () => entries(registered));
    const catalog = new EventTypeCatalog({ load, logger, refreshMs: 60_000 });

    expect(await catalog.unknown(new Set(['a.created', 'b.created']))).toEqual(new Set(['b.created']));
    const reads = load.mock.calls.length;
    expect(await catalog.unknown(new Set(['a.created']))).toEqual(new Set());
    expect(load.mock.calls.length).toBe(reads);

    registered.push('b.created');
    expect(await catalog.unknown(new Set(['b.created']))).toEqual(new Set());
  });

  it('knows the group of each known type, for group subscriptions', async () => {
    const catalog = new EventTypeCatalog({ load: async () => [{ type: 'transfer.completed', group: 'money' }], logger, refreshMs: 60_000 });
    await catalog.unknown(new Set(['transfer.completed']));
    expect(catalog.groupOf('transfer.completed')).toBe('money');
    expect(catalog.groupOf('payout.paid')).toBe('');
  });

  it('concurrent misses share one registry read', async () => {
    const load = jest.fn(async () => entries(['a.created']));
    const catalog = new EventTypeCatalog({ load, logger, refreshMs: 60_000 });
    await Promise.all(Array.from({ length: 20 }, () => catalog.unknown(new Set(['x.y']))));
    expect(load.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('a registry that cannot be read makes a miss unavailable rather than refusing the type', async () => {
    const catalog = new EventTypeCatalog({ load: async () => Promise.reject(new Error('down')), logger, refreshMs: 60_000 });
    await expect(catalog.unknown(new Set(['a.created']))).rejects.toBeInstanceOf(UnavailableError);
  });

  it('a registry not up yet is said once, without a stack trace, however many reads fail', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const recording = createLogger('ingestion', 'info', 'json', destination);
    let up = false;
    const catalog = new EventTypeCatalog({
      load: async () => {
        if (!up) throw new UnavailableError('registry.listEventTypes is unavailable');
        return entries(['a.created']);
      },
      logger: recording,
      refreshMs: 60_000,
    });
    for (let i = 0; i < 5; i++) await catalog.unknown(new Set(['a.created'])).catch(() => undefined);
    up = true;
    expect(await catalog.unknown(new Set(['a.created']))).toEqual(new Set());
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['waiting for registry…']);
    expect(lines.join('\n')).not.toContain('stack');
  });
});
