import { Migration } from '@hookline/db';

/**
 * Responses are now sealed with the master key and scoped to the requesting API key. Rows written
 * before held response bodies (signing secrets, new API keys) in plaintext under an org scope no
 * request matches any more: delete them rather than keep secrets readable for their last 24 h.
 */
export class SealedIdempotencyResponses0002 extends Migration {
  override async up(): Promise<void> {
    this.addSql('delete from idempotency_keys');
  }

  /** Nothing to undo in the schema; the plaintext rows it deleted stay deleted. */
  override async down(): Promise<void> {}
}
