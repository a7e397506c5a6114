import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './process';

/**
 * A mutual-TLS identity as `@hookline/grpc` takes it (same shape, declared here so the testing lib
 * does not depend on the grpc lib, whose own tests use this one).
 */
export interface TlsIdentity {
  name: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

const CERTS_SCRIPT = join(repoRoot, 'tools/certs/certs.sh');

/** The certificates services under test use: the same place their config defaults to. */
export const testTlsDir = process.env.HOOKLINE_TLS_DIR || join(repoRoot, '.data/certs');

/** Runs tools/certs/certs.sh (the same generator as `npm start` and `npm run certs`). */
export function runCertsScript(args: string[]): string {
  const result = spawnSync('sh', [CERTS_SCRIPT, ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`certs.sh ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Creates the CA and service certificates in `dir` unless they are there already. */
export function ensureTestCertificates(dir = testTlsDir): void {
  if (!['ca.crt', 'gateway.crt', 'audit.key'].every((file) => existsSync(join(dir, file)))) runCertsScript(['ensure', dir]);
}

function identityFrom(dir: string, file: string, name: string): TlsIdentity {
  return {
    name,
    ca: readFileSync(join(dir, 'ca.crt')),
    cert: readFileSync(join(dir, `${file}.crt`)),
    key: readFileSync(join(dir, `${file}.key`)),
  };
}

/** The TLS identity of a service (`gateway`, `registry`, …) as the services under test know it. */
export function testTls(service: 'gateway' | 'registry' | 'ingestion' | 'dispatcher' | 'audit'): TlsIdentity {
  ensureTestCertificates();
  return identityFrom(testTlsDir, service, service);
}

/** A publisher certificate from the same CA, identity `publisher:<name>`, limited to `orgs` when given. */
export function testPublisherTls(name: string, orgs: string[] = []): TlsIdentity {
  ensureTestCertificates();
  runCertsScript(['publisher', name, orgs.join(','), testTlsDir]);
  return identityFrom(testTlsDir, `publisher-${name}`, `publisher:${name}`);
}

/**
 * A certificate naming `service` but issued by another CA (an impostor), together with the real
 * CA so the impostor still trusts the server it calls.
 */
export function foreignTls(service: 'gateway' | 'registry' | 'ingestion' | 'dispatcher' | 'audit'): TlsIdentity {
  const dir = join(repoRoot, '.data/foreign-certs');
  ensureTestCertificates(dir);
  return { ...identityFrom(dir, service, service), ca: testTls(service).ca };
}
