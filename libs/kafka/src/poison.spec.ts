import { isPoisonError, PoisonRecordError } from './poison';

const pgError = (code: string) => Object.assign(new Error('db said no'), { code, severity: 'ERROR' });

describe('isPoisonError', () => {
  it('a record that can never succeed: undecodable, refused by the database for its value', () => {
    expect(isPoisonError(new PoisonRecordError('undecodable'))).toBe(true);
    expect(isPoisonError(pgError('22021'))).toBe(true); // invalid byte sequence (NUL)
    expect(isPoisonError(pgError('22P02'))).toBe(true); // invalid text representation
    expect(isPoisonError(pgError('23502'))).toBe(true); // not-null violation
    expect(isPoisonError(new Error('wrapped', { cause: pgError('22001') }))).toBe(true);
  });

  it('the moment, not the record: connection loss, timeouts, serialization failures, shutdown', () => {
    expect(isPoisonError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPoisonError(pgError('08006'))).toBe(false);
    expect(isPoisonError(pgError('57P01'))).toBe(false);
    expect(isPoisonError(pgError('40001'))).toBe(false);
    expect(isPoisonError(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isPoisonError(undefined)).toBe(false);
  });
});
