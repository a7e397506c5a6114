// Publishing the bench's events: their data, which organization each goes to, one PublishBatch.
import type { GrpcClient } from '@hookline/grpc';
import type { ingestionV1 } from '@hookline/proto';

export type Ingestion = GrpcClient<typeof ingestionV1.IngestionServiceService>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function makeData(payloadBytes: number) {
  const pad = 'x'.repeat(Math.max(0, payloadBytes - 200));
  return (i: number) => JSON.stringify({ transfer_id: `tr_${i}`, amount: 1250, currency: 'EUR', note: pad });
}

/** Where events go: each to the webhooks of one organization, the organizations taken in turn. */
export interface Traffic {
  orgIds: string[];
  webhooksPerOrg: number;
}

/** Events number `first`, `first + 1`, …: event i goes to organization i mod orgs. */
export function events(orgIds: string[], data: (i: number) => string, first: number, count: number) {
  return Array.from({ length: count }, (_, k) => ({ orgId: orgIds[(first + k) % orgIds.length], dataJson: data(first + k) }));
}

export async function publish(ingestion: Ingestion, batch: { orgId: string; dataJson: string }[]): Promise<number> {
  const response = await ingestion.publishBatch({
    events: batch.map(({ orgId, dataJson }) => ({ orgId, type: 'transfer.completed', dataJson, idempotencyKey: '', isTest: false, targetWebhookId: '' })),
  });
  const refused = response.results.filter((r) => r.error);
  if (refused.length) throw new Error(`publish refused: ${refused[0].error!.code} ${refused[0].error!.message}`);
  return response.results.length;
}
