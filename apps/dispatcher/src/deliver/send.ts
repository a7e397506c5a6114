import type { Agent } from 'undici';
import { request } from 'undici';
import { classifySendError, SendError } from './attempt-error';

/** Stored response body per attempt (DESIGN §4). */
export const RESPONSE_BODY_LIMIT = 16 * 1024;

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The first 16 KiB of the body, as UTF-8. */
  body: string;
}

/**
 * POSTs once. Redirects are never followed (undici's `request` has no redirect handling
 * unless asked for), the whole exchange — connect, headers, body — must finish within
 * `timeoutMs`, and only the first 16 KiB of the response body are read.
 * Throws SendError (with its error class) when no complete response arrived.
 */
export async function post(agent: Agent, url: string, headers: Record<string, string>, body: string | Buffer, timeoutMs: number): Promise<HttpResponse> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    const response = await request(url, {
      method: 'POST',
      headers,
      body,
      dispatcher: agent,
      signal: abort.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      // Leaving the loop destroys the stream: the rest is never read (nor kept-alive).
      if (size >= RESPONSE_BODY_LIMIT) break;
    }
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
    };
  } catch (error) {
    if (timedOut) throw new SendError('timeout', `no complete response within ${timeoutMs} ms`, error);
    throw classifySendError(error);
  } finally {
    clearTimeout(timer);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
