// Verifies an audit export offline: `node --import tsx tools/audit/verify-export.ts <export.ndjson> --ca <ca.pem> [--unsigned-through N]`
//
// The export is what GET /v1/audit-logs/export streams (one JSON object per line). Checks, with
// nothing but the file and the deployment CA certificate: every line's hash covers its canonical
// record and the previous line's hash, the sequences follow each other, and every record carries
// a signature, valid over its content, by a certificate the CA issued, whose identity may emit the
// record's kind (gateway: access, registry: change, audit: gap). `--unsigned-through N` accepts
// unsigned records up to sequence N (a chain stored before records were signed: N is
// `signed_from_sequence - 1` from GET /v1/audit-logs/verify). Prints the verdict as JSON; exits 0
// when valid, 1 when not, 2 on a usage error.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCertificates, verifyExport } from '@hookline/contract';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: node --import tsx tools/audit/verify-export.ts <export.ndjson> --ca <ca.pem> [--unsigned-through N]\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { ca: { type: 'string' }, 'unsigned-through': { type: 'string' } } });
} catch (error) {
  usage((error as Error).message);
}
const { positionals, values } = parsed;
if (positionals.length !== 1) usage('name one export file');
if (!values.ca) usage('--ca <ca.pem> is required: the deployment CA certificate (several PEM blocks while the CA rotates)');
const unsignedThrough = values['unsigned-through'] === undefined ? 0 : Number(values['unsigned-through']);
if (!Number.isSafeInteger(unsignedThrough) || unsignedThrough < 0) usage('--unsigned-through must be a non-negative integer');

let cas;
let lines: string[];
try {
  cas = parseCertificates(readFileSync(values.ca));
  lines = readFileSync(positionals[0], 'utf8').split('\n');
} catch (error) {
  usage((error as Error).message);
}
if (cas.length === 0) usage(`${values.ca} holds no PEM certificate`);

const verdict = verifyExport(lines, { cas, unsignedThrough });
process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
process.exit(verdict.valid ? 0 : 1);
