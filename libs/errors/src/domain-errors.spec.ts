import { ConflictError, InputError, isDomainError, isUniqueViolation, NotFoundError } from './index';

describe('domain errors', () => {
  it('carry a kind, a default code, the param and the cause', () => {
    const cause = new Error('root');
    const error = new InputError('name is too short', { param: 'name', cause });
    expect(error.kind).toBe('input');
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('name');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('InputError');
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('keep an explicit code', () => {
    expect(new ConflictError('taken', { code: 'name_taken' }).code).toBe('name_taken');
    expect(new NotFoundError('gone').code).toBe('not_found');
  });

  it('recognise a unique violation by SQLSTATE only', () => {
    expect(isUniqueViolation({ code: '23505', constraint: 'webhook_name_uq' })).toBe(true);
    expect(isUniqueViolation({ code: '23505', constraint: 'a' }, 'b')).toBe(false);
    expect(isUniqueViolation({ code: '23503', message: 'duplicate key' })).toBe(false);
  });
});
