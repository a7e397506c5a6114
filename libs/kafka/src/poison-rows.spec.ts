import { createLogger } from '@hookline/logging';
import { writeIsolatingPoison } from './poison-rows';

/** What pg throws for a value PostgreSQL refuses whatever the moment (a NUL in text). */
const refused = () => Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021', severity: 'ERROR' });
/** What pg throws when the server goes away mid-statement. */
const lost = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01', severity: 'FATAL' });
const logger = createLogger('poison-rows-test', 'silent');

describe('writeIsolatingPoison', () => {
  it.each([1, 2, 7, 100, 1_000])('in a batch of %i rows with one bad row, writes every other row and sets the bad one aside, in few statements', async (size) => {
    const rows = Array.from({ length: size }, (_, i) => ({ id: i, bad: i === Math.floor(size / 3) }));
    const written: number[] = [];
    const setAside: number[] = [];
    let statements = 0;
    await writeIsolatingPoison(
      rows,
      async (batch) => {
        statements++;
        if (batch.some((row) => row.bad)) throw refused();
        written.push(...batch.map((row) => row.id));
      },
      { writer: 'test', logger, setAside: async (row) => void setAside.push(row.id) },
    );
    expect(setAside).toEqual([Math.floor(size / 3)]);
    expect(written.sort((a, b) => a - b)).toEqual(rows.filter((row) => !row.bad).map((row) => row.id));
    expect(statements).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(size)));
  });

  it('retries a failure of the moment as a whole batch, never splitting it or setting a row aside', async () => {
    let calls = 0;
    const setAside: number[] = [];
    await writeIsolatingPoison(
      [1, 2, 3],
      async (batch) => {
        calls++;
        if (calls < 3) throw lost();
        expect(batch).toEqual([1, 2, 3]);
      },
      { writer: 'test', logger, setAside: async (row) => void setAside.push(row) },
    );
    expect(calls).toBe(3);
    expect(setAside).toEqual([]);
  });

  it('sets aside a row the writer cannot even serialize (a TypeError), writing the rest', async () => {
    const written: string[] = [];
    const setAside: unknown[] = [];
    await writeIsolatingPoison<unknown>(
      ['a', 10n, 'b'],
      async (batch) => {
        JSON.stringify(batch);
        written.push(...(batch as string[]));
      },
      { writer: 'test', logger, setAside: async (row) => void setAside.push(row) },
    );
    expect(written).toEqual(['a', 'b']);
    expect(setAside).toEqual([10n]);
  });
});
