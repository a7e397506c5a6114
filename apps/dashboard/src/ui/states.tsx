import type { ReactNode } from 'react';
import { ApiError } from '../api/errors';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorState({ error }: { error: unknown }) {
  return (
    <div className="state error" role="alert">
      <strong>{describeError(error)}</strong>
      {error instanceof ApiError && error.body.request_id ? <small> Request {error.body.request_id}</small> : null}
    </div>
  );
}

/** A sentence for the user: the API's message, or what went wrong on the way. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.body.message;
  if (error instanceof TypeError) return 'The server could not be reached.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
