import { Metadata, status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import {
  AuthenticationError,
  ConflictError,
  DeadlineError,
  DomainError,
  InputError,
  isDatabaseUnavailable,
  isDomainError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitedError,
  UnavailableError,
  type DomainErrorKind,
  type DomainErrorOptions,
} from '@hookline/errors';
import { cleanText } from '@hookline/contract';

// The one place where domain errors become gRPC statuses and back. The domain error's kind,
// code, param and details travel in a trailer so the gateway can rebuild the same error.
const ERROR_TRAILER = 'hookline-error';

// What an error answer may carry, so that it always fits the peer's header limit (8 KiB by
// default, the percent-encoded message and the trailer together).
const MAX_MESSAGE_LENGTH = 1_000;
const MAX_TRAILER_LENGTH = 3_000;

/**
 * JSON written in printable ASCII only: every other character as a `\uXXXX` escape, which any
 * JSON parser reads back as the same string. gRPC metadata values must be printable ASCII
 * (grpc-js throws on anything else), and an error's details may quote what a caller sent.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The trailer of a domain error, dropping the details (then the param) when they would not fit. */
function errorTrailer(error: DomainError): string {
  const param = error.param === undefined ? undefined : cleanText(error.param, 200);
  const full = asciiJson({ kind: error.kind, code: error.code, param, details: error.details });
  return full.length <= MAX_TRAILER_LENGTH ? full : asciiJson({ kind: error.kind, code: error.code, param });
}

const statusByKind: Record<DomainErrorKind, status> = {
  input: status.INVALID_ARGUMENT,
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  permission: status.PERMISSION_DENIED,
  authentication: status.UNAUTHENTICATED,
  rate_limited: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
  payload_too_large: status.OUT_OF_RANGE,
  deadline: status.DEADLINE_EXCEEDED,
};

type ErrorClass = new (message: string, options?: DomainErrorOptions) => DomainError;

const classByKind: Record<DomainErrorKind, ErrorClass> = {
  input: InputError,
  not_found: NotFoundError,
  conflict: ConflictError,
  permission: PermissionError,
  authentication: AuthenticationError,
  rate_limited: RateLimitedError,
  unavailable: UnavailableError,
  payload_too_large: PayloadTooLargeError,
  deadline: DeadlineError,
};

const kindByStatus: Partial<Record<status, DomainErrorKind>> = {
  [status.INVALID_ARGUMENT]: 'input',
  [status.NOT_FOUND]: 'not_found',
  [status.ALREADY_EXISTS]: 'conflict',
  [status.FAILED_PRECONDITION]: 'conflict',
  [status.ABORTED]: 'conflict',
  [status.PERMISSION_DENIED]: 'permission',
  [status.UNAUTHENTICATED]: 'authentication',
  [status.RESOURCE_EXHAUSTED]: 'rate_limited',
  [status.UNAVAILABLE]: 'unavailable',
  [status.OUT_OF_RANGE]: 'payload_too_large',
  [status.DEADLINE_EXCEEDED]: 'deadline',
};

/**
 * Server side: a thrown error becomes a gRPC status. Domain errors keep their message; anything
 * else becomes INTERNAL with a generic message so no stack, SQL or internal detail leaks.
 */
export function toGrpcStatus(error: unknown): Partial<StatusObject> {
  const metadata = new Metadata();
  if (isDomainError(error)) {
    metadata.set(ERROR_TRAILER, errorTrailer(error));
    // grpc-js percent-encodes the message with encodeURI, which throws on a lone surrogate.
    return { code: statusByKind[error.kind], details: cleanText(error.message, MAX_MESSAGE_LENGTH), metadata };
  }
  // A database that is down or restarting is a transient condition the caller may retry.
  if (isDatabaseUnavailable(error)) return toGrpcStatus(new UnavailableError('the database is unavailable; retry shortly'));
  return { code: status.INTERNAL, details: 'internal error', metadata };
}

/** Client side: a gRPC error becomes the domain error the server threw (or the closest one). */
export function fromGrpcError(error: ServiceError, callName: string): Error {
  const trailer = error.metadata?.get(ERROR_TRAILER)?.[0];
  if (typeof trailer === 'string') {
    try {
      const parsed = JSON.parse(trailer) as { kind: DomainErrorKind; code?: string; param?: string; details?: Record<string, unknown> };
      const ErrorClass = classByKind[parsed.kind];
      if (ErrorClass) {
        return new ErrorClass(error.details, { code: parsed.code, param: parsed.param, details: parsed.details, cause: error });
      }
    } catch {
      // fall through to the status-based mapping
    }
  }
  if (error.code === status.DEADLINE_EXCEEDED) {
    return new DeadlineError(`${callName} did not answer before its deadline`, { cause: error });
  }
  if (error.code === status.UNAVAILABLE) {
    return new UnavailableError(`${callName} is unavailable`, { cause: error });
  }
  const kind = kindByStatus[error.code as status];
  if (kind) return new classByKind[kind](error.details || `${callName} failed`, { cause: error });
  return new Error(`${callName} failed: ${status[error.code] ?? error.code}`, { cause: error });
}
