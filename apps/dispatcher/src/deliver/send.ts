import type { Agent, Dispatcher } from 'undici';
import { cleanText } from '@hookline/contract';
import { classifySendError, SendError } from './attempt-error';

/** Stored response body per attempt (DESIGN §4). */
export const RESPONSE_BODY_LIMIT = 16 * 1024;
/** What is kept of an endpoint's response headers: a header flood is cut, not stored. */
const MAX_RESPONSE_HEADERS = 64;
const MAX_HEADER_LENGTH = 2 * 1024;

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The first 16 KiB of the body, as UTF-8. */
  body: string;
  /** How long the exchange took where it happened (a relay listener's local POST); else measured here. */
  durationMs?: number;
}

interface Target {
  origin: string;
  path: string;
}

/** Parsed webhook URLs: the same few URLs are posted to thousands of times a second. */
const targets = new Map<string, Target>();
function targetOf(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size >= 10_000) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * POSTs once. Redirects are never followed (a bare undici dispatch has no redirect handling),
 * the whole exchange — queueing for a connection, connect, headers, body — must finish within
 * `timeoutMs`, and only the first 16 KiB of the response body are kept (the rest is not read).
 * Throws SendError (with its error class) when no complete response arrived.
 *
 * Built on `Agent.dispatch` rather than `request`: this runs once per delivery, and `request`
 * wraps every response in a Readable stream and an AbortSignal that a short webhook answer
 * does not need.
 */
export function post(agent: Agent, url: string, headers: Record<string, string>, body: string | Buffer, timeoutMs: number): Promise<HttpResponse> {
  const { origin, path } = targetOf(url);
  return new Promise<HttpResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | null = null;
    let settled = false;
    let status = 0;
    let responseHeaders: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const response = (): HttpResponse => ({
      status,
      headers: flattenHeaders(responseHeaders),
      // An endpoint we do not control: NUL and broken characters replaced, never refused.
      body: cleanText(chunks.length === 0 ? '' : chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    });
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response());
    };
    const timer = setTimeout(() => {
      const error = new SendError('timeout', `no complete response within ${timeoutMs} ms`);
      settle(error);
      controller?.abort(error);
    }, timeoutMs);

    agent.dispatch(
      { origin, path, method: 'POST', headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
      {
        onRequestStart(started) {
          controller = started;
          // Timed out while waiting for a connection: never send it.
          if (settled) started.abort(new SendError('timeout', `no complete response within ${timeoutMs} ms`));
        },
        onResponseStart(_, statusCode, received) {
          // Called again after a 1xx: the last status and headers are the answer.
          status = statusCode;
          responseHeaders = received;
        },
        onResponseData(current, chunk) {
          if (size < RESPONSE_BODY_LIMIT) chunks.push(size + chunk.length > RESPONSE_BODY_LIMIT ? chunk.subarray(0, RESPONSE_BODY_LIMIT - size) : chunk);
          size += chunk.length;
          if (size >= RESPONSE_BODY_LIMIT) {
            settle(null);
            // The rest is never read (and the connection not kept alive).
            current.abort(new Error('response body limit reached'));
          }
        },
        onResponseEnd() {
          settle(null);
        },
        onResponseError(_, error) {
          settle(classifySendError(error));
        },
      },
    );
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  let kept = 0;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (++kept > MAX_RESPONSE_HEADERS) break;
    flat[cleanText(name, MAX_HEADER_LENGTH)] = cleanText(Array.isArray(value) ? value.join(', ') : value, MAX_HEADER_LENGTH);
  }
  return flat;
}
