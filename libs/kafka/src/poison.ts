/**
 * A record that can never succeed, however often it is retried: undecodable bytes, a failed
 * validation. Handlers throw it (or call `deadLetter`) so the record goes to the dead-letter
 * table and the partition moves on.
 */
export class PoisonRecordError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonRecordError';
  }
}

/**
 * SQLSTATE classes the database answers for a value it refuses whatever the moment: 22 data
 * exception (22021 bad byte sequence such as NUL, 22P02 invalid text representation, 22001 too
 * long…), 23 integrity constraint violation, 54 program limit exceeded. Everything else
 * (connection loss, timeouts, serialization failures, shutdown) is transient.
 */
const POISON_SQLSTATE_CLASSES = ['22', '23', '54'];

/** Whether an error means the record itself is bad (dead-letter it) rather than the moment (retry). */
export function isPoisonError(error: unknown): boolean {
  if (error instanceof PoisonRecordError) return true;
  const code = sqlState(error);
  return code !== undefined && POISON_SQLSTATE_CLASSES.includes(code.slice(0, 2));
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // A pg DatabaseError: `code` is the 5-character SQLSTATE (never a node errno like ECONNREFUSED).
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (error as { severity?: unknown }).severity !== undefined) return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause && cause !== error ? sqlState(cause) : undefined;
}
