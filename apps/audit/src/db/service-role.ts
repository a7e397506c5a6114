import { Pool } from 'pg';
import { guardPool } from '@hookline/db';
import type { Logger } from '@hookline/logging';

/**
 * The service runs its queries as a role that may read and append audit records but holds no
 * UPDATE or DELETE on them (retention goes through the security-definer audit_prune). The role is
 * created by the migration user (DATABASE_URL); where that user may not create roles, the
 * service logs a warning and relies on the append-only trigger alone.
 */
export async function ensureServiceRole(owner: Pool, schema: string, role: string, logger: Logger): Promise<boolean> {
  try {
    await owner.query(`do $$ begin create role ${role} nologin; exception when duplicate_object or unique_violation then null; end $$`);
    await owner.query(`grant usage on schema ${schema} to ${role}`);
    await owner.query(`grant select, insert on ${schema}.audit_record to ${role}`);
    await owner.query(`grant select, insert, update on ${schema}.chain_head to ${role}`);
    await owner.query(`grant select on ${schema}.chain_checkpoint to ${role}`);
    await owner.query(`grant select, insert on ${schema}.signer_certificate to ${role}`);
    await owner.query(`grant select, insert on ${schema}.dead_letter to ${role}`);
    await owner.query(`grant update (replayed_at, replay_count) on ${schema}.dead_letter to ${role}`);
    await owner.query(`grant execute on function ${schema}.audit_prune(text, bigint, text, text) to ${role}`);
    await owner.query(`grant ${role} to current_user`).catch(() => undefined);
    return true;
  } catch (error) {
    logger.warn({ err: error, role }, 'could not set up the append-only database role; the trigger alone protects audit records');
    return false;
  }
}

/** A pool whose sessions run as `role` (when given) in the service schema. */
export function openServicePool(url: string, schema: string, role: string | null, logger: Logger, max = 10): Pool {
  const options = role ? `-c search_path=${schema} -c role=${role}` : `-c search_path=${schema}`;
  // Guarded: a lost database connection is logged, never an uncaught 'error' (see guardPool).
  return guardPool(new Pool({ connectionString: url, max, options, connectionTimeoutMillis: 5_000 }), logger);
}
