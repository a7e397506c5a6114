import { ApiError, fieldErrors, toApiError } from './errors';

describe('API errors', () => {
  it('keeps the public error body, with its param', () => {
    const error = toApiError(400, { error: { type: 'invalid_request', code: 'name_invalid', message: 'name must be 5–100 characters', param: 'name', request_id: 'req_1' } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.body).toMatchObject({ code: 'name_invalid', param: 'name' });
    expect(fieldErrors(error)).toEqual({ name: 'name must be 5–100 characters' });
  });

  it('turns an answer that is not an error body into a readable one', () => {
    expect(toApiError(502, '<html>').message).toBe('The server answered 502.');
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
