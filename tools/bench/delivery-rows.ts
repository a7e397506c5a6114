// The dispatcher's own record of a profile's deliveries, to cross-check what the receiver
// counted: a delivery the receiver missed but the database marks delivered would be a bench
// accounting error; one the database lacks or still holds pending is lost.
import pg from 'pg';

export interface DeliveryRows {
  total: number;
  delivered: number;
  pending: number;
  failed: number;
}

/** Event ids of the rows the backlog run seeds: not the bench's deliveries, never counted. */
export const SEEDED_EVENT_PREFIX = 'evt_seeded';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function count(client: pg.Client, orgIds: string[]): Promise<DeliveryRows> {
  const { rows } = await client.query<{ status: keyof DeliveryRows; n: number }>(
    `select status, count(*)::int as n from dispatcher.delivery where org_id = any($1) and event_id not like $2 group by status`,
    [orgIds, `${SEEDED_EVENT_PREFIX}%`],
  );
  const counts: DeliveryRows = { total: 0, delivered: 0, pending: 0, failed: 0 };
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.total += row.n;
  }
  return counts;
}

/**
 * Counts the delivery rows of these organizations, waiting (up to `timeoutMs`) until `expected`
 * are delivered: the receiver sees a delivery before its attempt is recorded.
 */
export async function countDeliveryRows(databaseUrl: string, orgIds: string[], expected: number, timeoutMs = 30_000): Promise<DeliveryRows> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    let counts = await count(client, orgIds);
    while (counts.delivered < expected && Date.now() < deadline) {
      await sleep(500);
      counts = await count(client, orgIds);
    }
    return counts;
  } finally {
    await client.end();
  }
}
