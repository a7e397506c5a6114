/** Why an attempt got no usable response (DESIGN §5 attempt `error.class`). */
export type AttemptErrorClass = 'timeout' | 'dns' | 'connect' | 'tls' | 'ssrf_blocked' | 'http_status' | 'auth' | 'relay_offline';

/** A failed send, already classified; the message is safe to show the webhook's owner. */
export class SendError extends Error {
  constructor(
    readonly errorClass: AttemptErrorClass,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'SendError';
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'EAI_FAIL', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Maps a network error (undici / Node, possibly wrapped) to its attempt error class. */
export function classifySendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const codes: string[] = [];
  let message = error instanceof Error ? error.message : String(error);
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if ((current as { name?: string }).name === 'EgressBlockedError') message = (current as Error).message;
    current = (current as { cause?: unknown }).cause;
  }
  if (codes.includes('SSRF_BLOCKED')) return new SendError('ssrf_blocked', message, error);
  if (codes.some((c) => DNS_CODES.has(c))) return new SendError('dns', message, error);
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return new SendError('timeout', message, error);
  if (codes.some((c) => c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || c.includes('CERT') || c.startsWith('UNABLE_TO'))) {
    return new SendError('tls', message, error);
  }
  return new SendError('connect', message, error);
}
