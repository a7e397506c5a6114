import type { RelayRequest } from '../client/resources';

/** What is reported back as the attempt's outcome (`POST /v1/relay/requests/{id}/outcome`). */
export interface LocalOutcome {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  duration_ms: number;
  error?: string;
}

/** What the platform keeps of an answer's body, and of its headers. */
const BODY_LIMIT = 16 * 1024;
const MAX_HEADERS = 64;
/** Set by fetch for the connection it makes; never copied from the relayed request. */
const HOP_BY_HOP = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade']);

/**
 * POSTs one relayed attempt to the local URL exactly as the platform would send it (its signed
 * headers, its body byte for byte), and answers the local outcome: status, headers, the first
 * 16 KiB of the body and how long it took; or the error when no answer came before the attempt
 * expires. Redirects are not followed, as the platform does not follow them.
 */
export async function forwardToLocal(request: RelayRequest, forwardTo: string, nowMs = Date.now()): Promise<LocalOutcome> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name] = value;
  const budgetMs = Math.max(1_000, Date.parse(request.expires_at) - nowMs - 500);
  const started = performance.now();
  try {
    const response = await fetch(forwardTo, { method: 'POST', headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(budgetMs) });
    const body = Buffer.from(await response.arrayBuffer()).subarray(0, BODY_LIMIT).toString('utf8');
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of response.headers) if (Object.keys(answerHeaders).length < MAX_HEADERS) answerHeaders[name] = value.slice(0, 2048);
    return { status: response.status, headers: answerHeaders, body, duration_ms: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = (error as Error).name === 'TimeoutError' ? `no answer within ${budgetMs} ms` : cause?.code ?? cause?.message ?? (error as Error).message;
    return { error: `${forwardTo}: ${message}`.slice(0, 500), duration_ms: Math.round(performance.now() - started) };
  }
}
