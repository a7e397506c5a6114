import createClient, { type Middleware } from 'openapi-fetch';
import { storedKey } from './session';
import { toApiError } from './errors';
import type { paths } from './schema';

const auth: Middleware = {
  onRequest({ request }) {
    const key = storedKey();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
};

/** The one client of the REST API, typed from /openapi.json. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

type Pending<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/**
 * Unwraps an openapi-fetch answer: its data and status (202 when a change went for approval), or
 * an ApiError thrown with the API's error body. The one place an answer is unwrapped.
 */
export async function callWithStatus<T>(pending: Pending<T>): Promise<{ data: T; status: number }> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response.status, error);
  return { data: data as T, status: response.status };
}

/** Unwraps an openapi-fetch answer: the data, or an ApiError thrown with the API's error body. */
export async function call<T>(pending: Pending<T>): Promise<T> {
  return (await callWithStatus(pending)).data;
}

/** Every POST/PATCH/DELETE carries an Idempotency-Key, so a double click or a retry applies once. */
export function idempotent(): { headers: { 'idempotency-key': string } } {
  return { headers: { 'idempotency-key': crypto.randomUUID() } };
}
