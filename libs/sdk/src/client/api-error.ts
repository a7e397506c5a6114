/** The API's error body (`{"error":{…}}`), or what stood for it when the answer had none. */
export interface ApiErrorBody {
  type: string;
  code: string;
  message: string;
  param?: string;
  request_id?: string;
}

/** A REST call answered with an error status. */
export class HooklineApiError extends Error {
  override readonly name = 'HooklineApiError';

  constructor(
    readonly status: number,
    readonly error: ApiErrorBody,
    /** The `Retry-After` header, when the answer had one. */
    readonly retryAfter?: string,
  ) {
    super(`${status} ${error.type}/${error.code}: ${error.message}`);
  }

  get code(): string {
    return this.error.code;
  }

  get requestId(): string | undefined {
    return this.error.request_id;
  }
}

/** Builds the error of an answer from its parsed body (the API's error object, or anything else). */
export function apiErrorOf(response: Response, body: unknown): HooklineApiError {
  const error = (body as { error?: Partial<ApiErrorBody> } | undefined)?.error;
  const known = error && typeof error.type === 'string' && typeof error.code === 'string';
  return new HooklineApiError(
    response.status,
    known ? (error as ApiErrorBody) : { type: 'http', code: `http_${response.status}`, message: response.statusText || 'no error body' },
    response.headers.get('retry-after') ?? undefined,
  );
}
