import { refuseHostileText } from '@hookline/contract';
import { InputError, PayloadTooLargeError } from '@hookline/errors';
import type { PublishCommand } from './publish-command';

const TYPE_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,199}$/;
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
/** A JSON escape of NUL or of a UTF-16 surrogate. */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/** Checks that need nothing but the command itself; throws the first problem found, else answers the data object. */
export function validateCommand(command: PublishCommand, maxEventBytes: number): Record<string, unknown> {
  if (!command.orgId) throw new InputError('org_id is required', { param: 'org_id', code: 'missing_field' });
  if (!command.type) throw new InputError('type is required', { param: 'type', code: 'missing_field' });
  if (!TYPE_PATTERN.test(command.type)) {
    throw new InputError(`unknown event type "${command.type.slice(0, 200)}"`, { param: 'type', code: 'unknown_event_type' });
  }
  if (command.idempotencyKey && !KEY_PATTERN.test(command.idempotencyKey)) {
    throw new InputError('idempotency_key must be 1-255 printable ASCII characters', { param: 'idempotency_key', code: 'invalid_idempotency_key' });
  }
  // Size first: a huge body is refused without parsing it.
  const bytes = Buffer.byteLength(command.dataJson, 'utf8');
  if (bytes > maxEventBytes) {
    throw new PayloadTooLargeError(`data is ${bytes} bytes encoded; the limit is ${maxEventBytes}`, {
      param: 'data',
      details: { limit_bytes: maxEventBytes, size_bytes: bytes },
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(command.dataJson);
  } catch {
    throw new InputError('data must be a JSON object (it is not valid JSON)', { param: 'data', code: 'invalid_data' });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const actual = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
    throw new InputError(`data must be a JSON object, not ${actual}`, { param: 'data', code: 'invalid_data' });
  }
  // The same rule as the REST edge: a NUL or lone surrogate written as a JSON escape is refused
  // too, naming where it sits (`data.note`), so no store or receiver downstream meets one. Raw,
  // they cannot be there (JSON refuses a raw NUL, the gRPC boundary a raw lone surrogate), so
  // only data holding such an escape is walked.
  if (SUSPECT_ESCAPE.test(command.dataJson)) refuseHostileText(data, 'data');
  return data as Record<string, unknown>;
}
