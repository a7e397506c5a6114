/** The public error body of the REST API (see DESIGN.md §5). */
export interface ApiErrorBody {
  type: string;
  code: string;
  message: string;
  param?: string;
  request_id?: string;
}

/** A non-2xx answer of the API, carrying the error body so forms can place it by `param`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

/** Turns whatever a failed call produced into an ApiError (a network failure becomes status 0). */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: Partial<ApiErrorBody> } | undefined)?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(status, { type: error.type ?? 'internal', code: error.code ?? 'unknown', message: error.message, param: error.param, request_id: error.request_id });
  }
  return new ApiError(status, { type: 'internal', code: 'unexpected_response', message: `The server answered ${status}.` });
}

/** Field errors for a form: the API's `param` (`auth.header_name`, `event_types[0]`) → message. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.body.param) return {};
  const param = error.body.param.replace(/\[\d+\]/g, '');
  return { [param]: error.body.message };
}
