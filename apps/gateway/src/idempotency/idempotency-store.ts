import { raw, type Database } from '@hookline/db';
import type { SecretBox } from '@hookline/secrets';
import { IdempotencyKeyEntity } from '../db/entities/idempotency-key';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: string | null }
  | { kind: 'in_flight' }
  | { kind: 'reused' };

/** Stored responses are replayed for 24 h (DESIGN §5). */
const RETENTION = "interval '24 hours'";
/** A claim older than this with no response belongs to a request that died mid-way. */
const ABANDONED = "interval '60 seconds'";

/**
 * Idempotency keys in the gateway schema, one row per (scope, key). A stored response may carry
 * secret material shown once (a new webhook's `signing_secret`, a new API key), so every body is
 * sealed with the master-key envelope before it is written; the request fingerprint is keyed too,
 * so a body holding a low-entropy credential cannot be guessed from its digest.
 *
 * Every call is on the request path and runs one statement: reads, completion and release go
 * through the entity (native queries on a fresh entity manager, nothing kept in an identity map);
 * the claim and the pruning stay SQL, as MikroORM's upsert can neither say whether it inserted
 * nor take over a row only when it expired, and pruning needs `for update skip locked` batches.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Pick<Database, 'orm' | 'pool'>,
    private readonly box: SecretBox,
  ) {}

  /**
   * Claims a key for a request, or reports what happened to it before. Expired rows and
   * abandoned claims of the same request are taken over in place.
   */
  async claim(scope: string, key: string, requestHash: string): Promise<Claim> {
    const hash = this.box.fingerprint(requestHash);
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.db.pool.query(
        `insert into idempotency_keys (scope, idempotency_key, request_hash) values ($1, $2, $3)
         on conflict (scope, idempotency_key) do update
           set request_hash = excluded.request_hash, response_status = null, response_body = null,
               created_at = now(), locked_at = now(), completed_at = null
           where idempotency_keys.created_at < now() - ${RETENTION}
              or (idempotency_keys.response_status is null
                  and idempotency_keys.request_hash = excluded.request_hash
                  and idempotency_keys.locked_at < now() - ${ABANDONED})
         returning 1`,
        [scope, key, hash],
      );
      if (inserted.rowCount === 1) return { kind: 'claimed' };
      const row = await this.db.orm.em.fork().findOne(
        IdempotencyKeyEntity,
        { scope, idempotency_key: key },
        { fields: ['request_hash', 'response_status', 'response_body'], disableIdentityMap: true },
      );
      if (!row) continue; // released between our two statements: try again
      // A key stored before a master-key rotation carries its fingerprint under the previous key.
      if (!this.box.fingerprints(requestHash).includes(row.request_hash)) return { kind: 'reused' };
      if (row.response_status === null) return { kind: 'in_flight' };
      return { kind: 'replay', status: row.response_status, body: row.response_body === null ? null : this.box.open(row.response_body) };
    }
    return { kind: 'in_flight' };
  }

  async complete(scope: string, key: string, status: number, body: string | null): Promise<void> {
    await this.db.orm.em.fork().nativeUpdate(
      IdempotencyKeyEntity,
      { scope, idempotency_key: key },
      { response_status: status, response_body: body === null ? null : this.box.seal(body), completed_at: raw('now()') },
    );
  }

  /** Re-seals every stored response not sealed under the current master key (a rotation); returns how many. */
  async reencrypt(): Promise<number> {
    const { rows } = await this.db.pool.query<{ scope: string; idempotency_key: string; response_body: string }>(
      `select scope, idempotency_key, response_body from idempotency_keys where response_body is not null and response_body not like $1 || ':%'`,
      [this.box.keyId],
    );
    for (const row of rows) {
      await this.db.pool.query(
        'update idempotency_keys set response_body = $3 where scope = $1 and idempotency_key = $2 and response_body = $4',
        [row.scope, row.idempotency_key, this.box.seal(this.box.open(row.response_body)), row.response_body],
      );
    }
    return rows.length;
  }

  /** Forgets a claim whose request failed in a way worth retrying (5xx). */
  async release(scope: string, key: string): Promise<void> {
    await this.db.orm.em.fork().nativeDelete(IdempotencyKeyEntity, { scope, idempotency_key: key, response_status: null });
  }

  /**
   * Deletes keys past their replay window, `batchSize` rows per statement so no single delete
   * holds locks or writes WAL for long; rows a request holds right now are left for next time.
   */
  async deleteExpired(batchSize = 1_000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const result = await this.db.pool.query(
        `delete from idempotency_keys where (scope, idempotency_key) in (
           select scope, idempotency_key from idempotency_keys where created_at < now() - ${RETENTION}
           limit $1 for update skip locked)`,
        [batchSize],
      );
      deleted += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < batchSize) return deleted;
    }
  }
}
