import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseConnection } from './database-tls';

const ca = join(mkdtempSync(join(tmpdir(), 'db-tls-')), 'ca.pem');
writeFileSync(ca, 'CA PEM');

describe('databaseConnection (managed PostgreSQL TLS)', () => {
  it('is plaintext for the local server, the URL unchanged', () => {
    expect(databaseConnection('postgres://postgres@127.0.0.1:5432/hookline')).toEqual({ url: 'postgres://postgres@127.0.0.1:5432/hookline', ssl: false });
  });

  it('verify-full checks the chain against the CA file and the host name; the TLS parameters leave the URL', () => {
    const connection = databaseConnection('postgres://hookline:pw@db.example.com:5432/hookline?sslmode=verify-full&application_name=x', ca);
    expect(connection.url).toBe('postgres://hookline:pw@db.example.com:5432/hookline?application_name=x');
    expect(connection.ssl).toEqual({ ca: 'CA PEM', rejectUnauthorized: true });
  });

  it("reads the CA from the URL's sslrootcert too, and verify-ca does not check the host name", () => {
    const { ssl } = databaseConnection(`postgres://db.example.com/hookline?sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca)}`);
    expect(ssl).toMatchObject({ ca: 'CA PEM', rejectUnauthorized: true });
    expect(ssl && ssl.checkServerIdentity?.('other.example.com', {} as never)).toBeUndefined();
  });

  it('a CA file alone means verify-full; require without one encrypts unchecked', () => {
    expect(databaseConnection('postgres://db.example.com/hookline', ca).ssl).toEqual({ ca: 'CA PEM', rejectUnauthorized: true });
    expect(databaseConnection('postgres://db.example.com/hookline?sslmode=require').ssl).toEqual({ rejectUnauthorized: false });
  });

  it('refuses verify-full without a CA bundle and an unknown sslmode, naming DATABASE_URL', () => {
    expect(() => databaseConnection('postgres://db.example.com/hookline?sslmode=verify-full')).toThrow(/DATABASE_URL.*CA bundle/);
    expect(() => databaseConnection('postgres://db.example.com/hookline?sslmode=strict')).toThrow(/DATABASE_URL/);
  });
});
