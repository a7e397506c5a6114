import { isDatabaseUnavailable, isDomainError, UnavailableError, type DomainErrorKind } from '@hookline/errors';

export type PublicErrorType =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

const httpByKind: Record<DomainErrorKind, { status: number; type: PublicErrorType }> = {
  input: { status: 400, type: 'invalid_request' },
  not_found: { status: 404, type: 'not_found' },
  conflict: { status: 409, type: 'conflict' },
  permission: { status: 403, type: 'permission' },
  authentication: { status: 401, type: 'authentication' },
  rate_limited: { status: 429, type: 'rate_limited' },
  unavailable: { status: 503, type: 'unavailable' },
  payload_too_large: { status: 413, type: 'invalid_request' },
  deadline: { status: 504, type: 'unavailable' },
};

/** Input errors whose code deserves its own status: well-formed data its event type's schema refuses is 422. */
const statusByInputCode: Record<string, number> = { unsupported_media_type: 415, schema_violation: 422 };

export interface PublicError {
  status: number;
  body: { error: { type: PublicErrorType; code: string; message: string; param?: string; request_id: string } };
}

/** The one mapping from a domain error (as rebuilt from gRPC) to HTTP status and public body. */
export function toPublicError(error: unknown, requestId: string): PublicError {
  // The gateway's own database (idempotency records) down or restarting: retry shortly.
  if (isDatabaseUnavailable(error)) error = new UnavailableError('The service is temporarily unavailable; retry shortly.', { cause: error });
  if (isDomainError(error)) {
    const { type } = httpByKind[error.kind];
    const status = (error.kind === 'input' && statusByInputCode[error.code]) || httpByKind[error.kind].status;
    return {
      status,
      body: { error: { type, code: error.code, message: error.message, ...(error.param ? { param: error.param } : {}), request_id: requestId } },
    };
  }
  return {
    status: 500,
    body: { error: { type: 'internal', code: 'internal_error', message: 'An internal error occurred.', request_id: requestId } },
  };
}
