// Transport-free domain errors. Services throw these; libs/grpc maps them to status codes and
// the gateway maps those to HTTP and the public error body. Nothing here knows about either.

export interface DomainErrorOptions {
  /** Machine-readable reason, e.g. `name_taken`, `url_not_public`. */
  code?: string;
  /** The request field at fault, e.g. `url` or `event_types[0]`. */
  param?: string;
  cause?: unknown;
  /** Extra details safe to show a client (e.g. `retry_after_seconds`). */
  details?: Record<string, unknown>;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly code: string;
  readonly param?: string;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: DomainErrorOptions = {}, defaultCode: string) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? defaultCode;
    this.param = options.param;
    this.details = options.details;
  }
}

export type DomainErrorKind =
  | 'input'
  | 'not_found'
  | 'conflict'
  | 'permission'
  | 'authentication'
  | 'rate_limited'
  | 'unavailable'
  | 'payload_too_large'
  | 'deadline';

/** The request is malformed or breaks a rule. */
export class InputError extends DomainError {
  readonly kind = 'input' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'invalid_request');
  }
}

/** The resource does not exist, or is not visible to the caller (another org's id). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'not_found');
  }
}

/** The request conflicts with the current state (duplicate name, stale approval, ...). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'conflict');
  }
}

/** The caller is known but may not do this. */
export class PermissionError extends DomainError {
  readonly kind = 'permission' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'forbidden');
  }
}

/** The caller could not be identified (missing, malformed, revoked key). */
export class AuthenticationError extends DomainError {
  readonly kind = 'authentication' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'unauthenticated');
  }
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'rate_limited');
  }
}

/** A dependency (Kafka, a backing service) cannot be reached; the caller may retry. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'unavailable');
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = 'payload_too_large' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'payload_too_large');
  }
}

/** A call to another service did not answer within its deadline. */
export class DeadlineError extends DomainError {
  readonly kind = 'deadline' as const;
  constructor(message: string, options?: DomainErrorOptions) {
    super(message, options, 'deadline_exceeded');
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
