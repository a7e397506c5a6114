import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A service's (or publisher's) mutual-TLS material: the CA it trusts, its certificate and key. */
export interface TlsIdentity {
  /** The identity its certificate names (common name), e.g. `gateway` or `publisher:billing`. */
  name: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** The trust settings of `@hookline/config` (`trustEnv`). */
export interface TlsSettings {
  HOOKLINE_TLS_DIR: string;
  HOOKLINE_TLS_CA?: string;
  HOOKLINE_TLS_CERT?: string;
  HOOKLINE_TLS_KEY?: string;
}

/** A certificate problem found at start; the message names the variable to fix. */
export class TlsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsConfigError';
  }
}

/** The identity a certificate names: its subject common name. */
export function identityOf(certificate: X509Certificate): string {
  const match = /^CN=(.+)$/m.exec(certificate.subject);
  return match ? match[1].trim() : '';
}

function read(path: string, variable: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TlsConfigError(
      `${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
        'create the certificates with `npm run certs` or point the variable at your own',
    );
  }
}

/**
 * Reads and checks a service's TLS material once, at start: the certificate must be signed by the
 * CA, currently valid, match the key, and name `expected` (a registry started with the gateway's
 * certificate would be refused by every peer; better to say so now).
 */
export function loadTlsIdentity(settings: TlsSettings, expected: string): TlsIdentity {
  const dir = settings.HOOKLINE_TLS_DIR;
  const caVar = settings.HOOKLINE_TLS_CA ? 'HOOKLINE_TLS_CA' : 'HOOKLINE_TLS_DIR';
  const certVar = settings.HOOKLINE_TLS_CERT ? 'HOOKLINE_TLS_CERT' : 'HOOKLINE_TLS_DIR';
  const keyVar = settings.HOOKLINE_TLS_KEY ? 'HOOKLINE_TLS_KEY' : 'HOOKLINE_TLS_DIR';
  const ca = read(settings.HOOKLINE_TLS_CA ?? join(dir, 'ca.crt'), caVar);
  const cert = read(settings.HOOKLINE_TLS_CERT ?? join(dir, `${expected}.crt`), certVar);
  const key = read(settings.HOOKLINE_TLS_KEY ?? join(dir, `${expected}.key`), keyVar);
  return checkTlsIdentity({ ca, cert, key }, expected, { ca: caVar, cert: certVar, key: keyVar });
}

export function checkTlsIdentity(
  material: { ca: Buffer; cert: Buffer; key: Buffer },
  expected: string,
  variables = { ca: 'CA', cert: 'certificate', key: 'key' },
): TlsIdentity {
  // The CA file may hold several certificates (old and new CA while the CA rotates).
  let cas: X509Certificate[];
  let cert: X509Certificate;
  try {
    const blocks = material.ca.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    cas = blocks.map((block) => new X509Certificate(block));
    if (cas.length === 0) throw new Error('no certificate');
  } catch {
    throw new TlsConfigError(`${variables.ca}: the CA file holds no PEM certificate`);
  }
  try {
    cert = new X509Certificate(material.cert);
  } catch {
    throw new TlsConfigError(`${variables.cert}: the certificate is not a PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(material.key);
  } catch {
    throw new TlsConfigError(`${variables.key}: the private key is not a PEM key`);
  }
  if (!cas.some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey))) {
    throw new TlsConfigError(`${variables.cert}: the certificate was not issued by the CA in ${variables.ca}`);
  }
  const now = Date.now();
  if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) < now) {
    throw new TlsConfigError(`${variables.cert}: the certificate is not valid now (${cert.validFrom} – ${cert.validTo}); re-issue it`);
  }
  if (!cert.checkPrivateKey(privateKey)) {
    throw new TlsConfigError(`${variables.key}: the key does not belong to the certificate`);
  }
  const name = identityOf(cert);
  if (name !== expected) {
    throw new TlsConfigError(`${variables.cert}: the certificate names "${name}", this process is "${expected}"`);
  }
  return { name, ...material };
}
