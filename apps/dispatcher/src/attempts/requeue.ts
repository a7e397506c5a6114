import type { Logger } from '@hookline/logging';
import { NotFoundError } from '@hookline/errors';
import type { Pool } from 'pg';
import { scheduleManualRetries, scheduleManualRetry } from '../db/delivery-store';
import { addRequeued, finishRecoveryJob, insertRecoveryJob } from '../db/recovery-store';
import { newId } from '../ids';

/**
 * Manual retry: the delivery becomes due now and is enqueued by the retry poller (through the
 * owning sender). It is marked manual, so if this attempt fails it is not retried automatically.
 */
export async function requeueDelivery(pool: Pool, orgId: string, deliveryId: string): Promise<void> {
  if (!(await scheduleManualRetry(pool, orgId, deliveryId))) throw new NotFoundError(`delivery ${deliveryId} not found`, { code: 'not_found' });
}

const RECOVER_CHUNK = 1_000;

/**
 * Recover: every failed delivery of a webhook created in [since, until) is re-queued, in
 * chunks, in the background; the job row records progress. Returns the job id at once.
 */
export async function startRecovery(pool: Pool, logger: Logger, orgId: string, webhookId: string, since: Date, until: Date): Promise<string> {
  const jobId = newId('rcv');
  await insertRecoveryJob(pool, { id: jobId, orgId, webhookId, since, until });
  void runRecovery(pool, jobId, orgId, webhookId, since, until).catch(async (error) => {
    logger.error({ err: error, jobId }, 'recovery failed');
    await finishRecoveryJob(pool, jobId, 'failed').catch(() => undefined);
  });
  return jobId;
}

async function runRecovery(pool: Pool, jobId: string, orgId: string, webhookId: string, since: Date, until: Date): Promise<void> {
  for (;;) {
    const requeued = await scheduleManualRetries(pool, orgId, webhookId, since, until, RECOVER_CHUNK);
    await addRequeued(pool, jobId, requeued);
    if (requeued < RECOVER_CHUNK) break;
  }
  await finishRecoveryJob(pool, jobId, 'done');
}
