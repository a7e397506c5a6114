import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ConflictError, InputError, isDatabaseUnavailable, isDomainError, isUniqueViolation, NotFoundError } from './index';

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

  it('recognise a unique violation the ORM or a wrapper reports', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', constraint: 'api_key_hash_uq' });
    const fromOrm = new UniqueConstraintViolationException(driverError);
    expect(isUniqueViolation(fromOrm, 'api_key_hash_uq')).toBe(true);
    expect(isUniqueViolation(new Error('insert failed', { cause: driverError }), 'api_key_hash_uq')).toBe(true);
    expect(isUniqueViolation(fromOrm, 'webhook_name_uq')).toBe(false);
  });
});

describe('isDatabaseUnavailable', () => {
  it('tells a lost or refusing database from a query the database rejects', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new Error(`select 1 from "api_key" where "id" = 'key_x' - Connection terminated unexpectedly`))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
