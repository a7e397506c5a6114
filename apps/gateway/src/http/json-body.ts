import type { Request } from 'express';
import { InputError, PayloadTooLargeError } from '@hookline/errors';
import { findForbiddenKey, jsonDepth, MAX_JSON_DEPTH } from './json-safety';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a request body as JSON, enforcing the API's hygiene rules: JSON only (415), at most
 * 1 MiB (413), depth ≤ 32 and no prototype-polluting keys (400). Returns undefined when the
 * request has no body at all.
 */
export async function readJsonBody(req: Request, limitBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declaredLength = req.headers['content-length'];
  const hasBody = (declaredLength !== undefined && declaredLength !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  if (!JSON_MEDIA_TYPE.test(req.headers['content-type'] ?? '')) {
    discard(req);
    throw new InputError('Request bodies must be JSON (content-type: application/json).', { code: 'unsupported_media_type' });
  }
  if (declaredLength !== undefined && Number(declaredLength) > limitBytes) {
    discard(req);
    throw tooLarge(limitBytes);
  }
  const text = await readText(req, limitBytes);
  if (text.trim() === '') return undefined;
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new InputError(`JSON bodies may nest at most ${MAX_JSON_DEPTH} levels deep.`, { code: 'json_too_deep' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('The request body is not valid JSON.', { code: 'invalid_json', cause: error });
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden) throw new InputError(`The key "${forbidden}" is not allowed.`, { code: 'forbidden_key', param: forbidden });
  return value;
}

async function readText(req: Request, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      discard(req);
      throw tooLarge(limitBytes);
    }
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch (error) {
    throw new InputError('The request body is not valid UTF-8.', { code: 'invalid_json', cause: error });
  }
}

function tooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`Request bodies may be at most ${limitBytes} bytes.`, { code: 'payload_too_large' });
}

/** Drops the rest of a refused body so the client reads our answer instead of a reset. */
function discard(req: Request): void {
  req.resume();
}
