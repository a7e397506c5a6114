import type { Pool } from 'pg';

/** `recovery_job`: one row per RecoverWebhook call, with its progress. */

export async function insertRecoveryJob(pool: Pool, job: { id: string; orgId: string; webhookId: string; since: Date; until: Date }): Promise<void> {
  await pool.query(`insert into recovery_job (id, org_id, webhook_id, since, until, status) values ($1, $2, $3, $4, $5, 'running')`, [
    job.id,
    job.orgId,
    job.webhookId,
    job.since,
    job.until,
  ]);
}

export async function addRequeued(pool: Pool, jobId: string, count: number): Promise<void> {
  await pool.query('update recovery_job set requeued = requeued + $2 where id = $1', [jobId, count]);
}

export async function finishRecoveryJob(pool: Pool, jobId: string, status: 'done' | 'failed'): Promise<void> {
  await pool.query(`update recovery_job set status = $2, finished_at = now() where id = $1`, [jobId, status]);
}
