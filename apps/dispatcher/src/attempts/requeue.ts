import type { Logger } from '@hookline/logging';
import { NotFoundError } from '@hookline/errors';
import type { Pool } from 'pg';
import { newId } from '../ids';

/**
 * Manual retry: the delivery becomes due now and is enqueued by the retry poller (through the
 * owning sender). It is marked manual, so if this attempt fails it is not retried automatically.
 */
export async function requeueDelivery(pool: Pool, orgId: string, deliveryId: string): Promise<void> {
  const result = await pool.query(
    `update delivery set status = 'pending', manual = true, next_attempt_at = now(), updated_at = now()
     where id = $1 and org_id = $2`,
    [deliveryId, orgId],
  );
  if (result.rowCount === 0) throw new NotFoundError(`delivery ${deliveryId} not found`, { code: 'not_found' });
}

const RECOVER_CHUNK = 1_000;

/**
 * Recover: every failed delivery of a webhook created in [since, until) is re-queued, in
 * chunks, in the background; the job row records progress. Returns the job id at once.
 */
export async function startRecovery(pool: Pool, logger: Logger, orgId: string, webhookId: string, since: Date, until: Date): Promise<string> {
  const jobId = newId('rcv');
  await pool.query(`insert into recovery_job (id, org_id, webhook_id, since, until, status) values ($1, $2, $3, $4, $5, 'running')`, [
    jobId,
    orgId,
    webhookId,
    since,
    until,
  ]);
  void runRecovery(pool, jobId, orgId, webhookId, since, until).catch(async (error) => {
    logger.error({ err: error, jobId }, 'recovery failed');
    await pool.query(`update recovery_job set status = 'failed', finished_at = now() where id = $1`, [jobId]).catch(() => undefined);
  });
  return jobId;
}

async function runRecovery(pool: Pool, jobId: string, orgId: string, webhookId: string, since: Date, until: Date): Promise<void> {
  for (;;) {
    const result = await pool.query(
      `update delivery set status = 'pending', manual = true, next_attempt_at = now(), updated_at = now()
       where id in (select id from delivery
                    where org_id = $1 and webhook_id = $2 and status = 'failed' and created_at >= $3 and created_at < $4
                    limit $5 for update skip locked)`,
      [orgId, webhookId, since, until, RECOVER_CHUNK],
    );
    await pool.query('update recovery_job set requeued = requeued + $2 where id = $1', [jobId, result.rowCount ?? 0]);
    if ((result.rowCount ?? 0) < RECOVER_CHUNK) break;
  }
  await pool.query(`update recovery_job set status = 'done', finished_at = now() where id = $1`, [jobId]);
}
