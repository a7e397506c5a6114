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

/** Unwraps an openapi-fetch answer: the data, or an ApiError thrown with the API's error body. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}

/** Every POST/PATCH/DELETE carries an Idempotency-Key, so a double click or a retry applies once. */
export function idempotent(): { headers: { 'idempotency-key': string } } {
  return { headers: { 'idempotency-key': crypto.randomUUID() } };
}
