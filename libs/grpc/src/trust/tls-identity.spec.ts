import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foreignTls, repoRoot, testTls, testTlsDir } from '@hookline/testing';
import { checkTlsIdentity, loadTlsIdentity } from './tls-identity';

describe('loading a service certificate at start', () => {
  it('loads the service identity from the directory', () => {
    testTls('registry');
    expect(loadTlsIdentity({ HOOKLINE_TLS_DIR: testTlsDir }, 'registry').name).toBe('registry');
  });

  it('names the variable to fix when a file is missing', () => {
    expect(() => loadTlsIdentity({ HOOKLINE_TLS_DIR: testTlsDir, HOOKLINE_TLS_CERT: '/nonexistent/tls.crt' }, 'registry')).toThrow(/HOOKLINE_TLS_CERT: cannot read/);
  });

  it('refuses another service’s certificate, a certificate from another CA, and a key of another certificate', () => {
    const gateway = testTls('gateway');
    expect(() => checkTlsIdentity(gateway, 'registry')).toThrow(/names "gateway"/);
    expect(() => checkTlsIdentity({ ...foreignTls('gateway'), ca: gateway.ca }, 'gateway')).toThrow(/not issued by the CA/);
    expect(() => checkTlsIdentity({ ...gateway, key: testTls('audit').key }, 'gateway')).toThrow(/key does not belong/);
  });

  it('accepts a CA bundle holding the old and the new CA (CA rotation)', () => {
    const foreign = foreignTls('gateway');
    const bundle = Buffer.concat([testTls('gateway').ca, readFileSync(join(repoRoot, '.data/foreign-certs/ca.crt'))]);
    expect(checkTlsIdentity({ ca: bundle, cert: foreign.cert, key: foreign.key }, 'gateway').name).toBe('gateway');
    expect(checkTlsIdentity({ ...testTls('gateway'), ca: bundle }, 'gateway').name).toBe('gateway');
  });
});
