import { writesPerDelivery, type WriteSample } from './writes';

const sample = (walBytes: number, delivery: [number, number, number], archive: number): WriteSample => ({
  walBytes,
  walRecords: walBytes / 100,
  tables: [
    { table: 'dispatcher.delivery', inserted: delivery[0], updated: delivery[1], hotUpdated: delivery[2], deleted: 0 },
    { table: 'ingestion.event', inserted: archive, updated: 0, hotUpdated: 0, deleted: 0 },
    { table: 'registry.webhook', inserted: 5, updated: 0, hotUpdated: 0, deleted: 0 },
  ],
});

describe('writes per delivery', () => {
  it('divides what the span wrote by its deliveries, most written table first, untouched tables left out', () => {
    const figures = writesPerDelivery(sample(1_000, [10, 4, 2], 10), sample(201_000, [110, 54, 32], 60), 100);
    expect(figures.walBytesPerDelivery).toBe(2_000);
    expect(figures.walRecordsPerDelivery).toBe(20);
    expect(figures.tables).toEqual([
      { table: 'dispatcher.delivery', inserted: 1, updated: 0.5, hotUpdated: 0.3, deleted: 0 },
      { table: 'ingestion.event', inserted: 0.5, updated: 0, hotUpdated: 0, deleted: 0 },
    ]);
    expect(figures.rowsPerDelivery).toBe(2);
  });

  it('counts a table created during the span from zero', () => {
    const before = sample(0, [0, 0, 0], 0);
    const after = { ...sample(0, [0, 0, 0], 0), tables: [...before.tables, { table: 'dispatcher.attempt', inserted: 40, updated: 0, hotUpdated: 0, deleted: 0 }] };
    expect(writesPerDelivery(before, after, 20).tables).toEqual([{ table: 'dispatcher.attempt', inserted: 2, updated: 0, hotUpdated: 0, deleted: 0 }]);
  });
});
