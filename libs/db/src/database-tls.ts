import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

/** Query parameters of a libpq URL that say how to use TLS; handled here, not by each driver. */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl'];

export interface DatabaseConnection {
  /** DATABASE_URL without its TLS parameters (the pool and the ORM both get `ssl` below). */
  url: string;
  /** node's TLS options, or false for plaintext. */
  ssl: ConnectionOptions | false;
}

/**
 * A managed PostgreSQL's TLS from DATABASE_URL's `sslmode`, as libpq reads it: `require` encrypts
 * without checking the server (and with a CA file, checks it like `verify-ca`), `verify-ca`
 * checks the certificate chains to the CA, `verify-full` also checks it names the host.
 * `disable`/`allow`/`prefer` or no sslmode: plaintext (a CA file alone means `verify-full`).
 * The CA bundle comes from `caFile` (DATABASE_SSL_CA_FILE) or the URL's `sslrootcert`.
 */
export function databaseConnection(databaseUrl: string, caFile?: string): DatabaseConnection {
  const url = new URL(databaseUrl);
  const rootCert = caFile ?? url.searchParams.get('sslrootcert') ?? undefined;
  const mode = url.searchParams.get('sslmode') ?? (rootCert ? 'verify-full' : 'disable');
  for (const name of TLS_PARAMETERS) url.searchParams.delete(name);
  const stripped = url.toString();
  if (['disable', 'allow', 'prefer'].includes(mode)) return { url: stripped, ssl: false };
  if (!['require', 'verify-ca', 'verify-full'].includes(mode)) throw new Error(`DATABASE_URL: sslmode=${mode} is not one of disable, require, verify-ca, verify-full`);
  const ca = rootCert ? readFileSync(rootCert, 'utf8') : undefined;
  if (mode === 'require' && !ca) return { url: stripped, ssl: { rejectUnauthorized: false } };
  if (mode !== 'require' && !ca) throw new Error(`DATABASE_URL: sslmode=${mode} needs the CA bundle (DATABASE_SSL_CA_FILE or sslrootcert)`);
  return {
    url: stripped,
    ssl: mode === 'verify-full' ? { ca, rejectUnauthorized: true } : { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined },
  };
}
