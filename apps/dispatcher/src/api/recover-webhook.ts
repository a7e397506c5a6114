import { InputError } from '@hookline/errors';
import { newId } from '@hookline/ids';
import type { Logger } from '@hookline/logging';
import type { Pool } from 'pg';
import { scheduleManualRetries } from '../db/delivery-store';
import { addRequeued, finishRecoveryJob, insertRecoveryJob } from '../db/recovery-store';
import type { DeliveriesApiDeps } from './deliveries-api';
import { webhookOfOrg } from './webhook-of-org';

const RECOVER_CHUNK = 1_000;

/**
 * Recover: every failed delivery of a webhook created in [since, until) is re-queued, in
 * chunks, in the background; the job row records progress. Returns the job id at once.
 */
export async function recoverWebhook(deps: DeliveriesApiDeps, orgId: string, webhookId: string, since: Date, until: Date): Promise<string> {
  if (until <= since) throw new InputError('until must be after since', { code: 'until_invalid', param: 'until' });
  await webhookOfOrg(deps.configs, orgId, webhookId);
  return startRecovery(deps.pool, deps.logger, orgId, webhookId, since, until);
}

async function startRecovery(pool: Pool, logger: Logger, orgId: string, webhookId: string, since: Date, until: Date): Promise<string> {
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
