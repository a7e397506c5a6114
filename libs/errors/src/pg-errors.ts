/**
 * PostgreSQL unique_violation, detected by SQLSTATE rather than message text: from pg itself, or
 * from MikroORM (its UniqueConstraintViolationException copies the driver error's code and
 * constraint) or any wrapper that keeps the driver error as `cause`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | null, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return constraint === undefined || e.constraint === constraint;
  }
  return false;
}

// SQLSTATEs of a server that is going away or not accepting connections: class 08 (connection
// exception), admin/crash shutdown, cannot connect now, too many connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// The pg client raises these without a code; the ORM's pool says so by error name.
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Connection is closed',
];
const UNAVAILABLE_NAMES = new Set(['ConnectionException', 'KnexTimeoutError']);

/**
 * Whether an error means the database cannot be reached right now (down, restarting, the
 * connection lost) rather than that the query itself is wrong: the caller should answer
 * `unavailable` and may retry. Looks through `cause` chains (ORM and driver wrappers).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e !== 'object') return false;
    const code = typeof e.code === 'string' ? e.code : '';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || NETWORK_CODES.has(code)) return true;
    if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (typeof e.message === 'string' && saysUnavailable(e.message)) return true;
  }
  return false;
}

/** The driver's message, alone or after the failed statement knex (under the ORM) puts before it. */
function saysUnavailable(message: string): boolean {
  return UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m) || message.includes(` - ${m}`));
}
