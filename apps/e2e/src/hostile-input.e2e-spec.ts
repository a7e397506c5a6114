import fc from 'fast-check';
import { Client } from 'pg';
import { uniqueSuffix, waitFor } from '@hookline/testing';
import { startTrustStack, type TrustStack } from './support/trust-stack';

// Property-based fuzz over every operation the gateway publishes in /openapi.json: NUL, lone
// surrogates, control characters, overlong strings, wrong types and huge numbers in every body
// field, path and query parameter. No answer may be a 5xx, every service must stay ready, and
// every call must reach the audit trail.

const RUNS_PER_OPERATION = 24;
const FUZZ_SEED = Number(process.env.HOOKLINE_FUZZ_SEED ?? Date.now() % 2 ** 31);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: Schema | boolean;
};
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = { method: string; path: string; security: Array<Record<string, unknown>>; parameters: Parameter[]; body?: Schema };

const hostileChar = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\ufeff', '"', '\\', '%', '/'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const hostileStrings = (overlong: number) =>
  fc.oneof(
    fc.string({ unit: hostileChar, maxLength: 24 }),
    fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '\r\nx-injected: 1', '%00', '../../etc/passwd', "' or 1=1 --", '日本語-key', '😀', '', ' '),
    fc.constantFrom('x'.repeat(overlong > 4_097 ? 4_097 : 250), 'y'.repeat(overlong), '\u0000'.repeat(overlong / 5)),
    fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`),
  );
/** In bodies, strings far past every field's limit; in URLs, past the limits but within what HTTP servers accept. */
const hostileString = hostileStrings(300_000);
const hostileUrlString = hostileStrings(1_000);
const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 2 ** 31, -(2 ** 31) - 1, 4294967296, 0.5, -1, 0, 1e-320),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const wrongType = fc.constantFrom<unknown>(null, true, false, [], {}, [null], { nested: { deeper: [1, '\u0000'] } }, '123', '1e999');
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, hugeNumber, wrongType);

/** A value that fits the schema's shape (so validation gets past the outer layers), or not. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 1, arbitrary: hostileValue }, { weight: 2, arbitrary: typedValue(schema ?? {}, depth) });
}

function typedValue(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => typedValue(v, depth)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return fc.oneof(hostileString, fc.string({ maxLength: 40 }));
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 200 }), hugeNumber);
    case 'number':
      return hugeNumber;
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 });
    case 'object':
      if (depth > 3) return fc.constant({});
      if (schema.properties) return objectFor(schema.properties, depth + 1);
      return fc.dictionary(hostileString, hostileValue, { maxKeys: 4 });
    default:
      return hostileValue;
  }
}

function objectFor(properties: Record<string, Schema>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, valueFor(schema, depth)]));
  return fc.record(fields, { requiredKeys: [] });
}

/** Percent-encodes any string, lone surrogates included (as the bytes WTF-8 would give them). */
function encode(text: string): string {
  let out = '';
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      const code = char.charCodeAt(0);
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        security: op.security ?? document.security ?? [],
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

let stack: TrustStack;

beforeAll(async () => {
  stack = await startTrustStack();
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

it('answers every operation of /openapi.json with no 5xx under hostile input, stays ready, and audits every call', async () => {
  const document = await (await fetch(`${stack.gatewayUrl}/openapi.json`)).json();
  const operations = operationsOf(document);
  expect(operations.length).toBeGreaterThanOrEqual(30);

  const org = await stack.api('POST', '/v1/admin/organizations', { key: stack.operatorKey, body: { name: `Fuzz org ${uniqueSuffix()}` } });
  expect(org.status).toBe(201);
  const adminKey: string = org.body.api_key.key;
  const webhook = await stack.api('POST', '/v1/webhooks', { key: adminKey, body: { name: 'Fuzzed hook', url: 'http://127.0.0.1:9/hook' } });
  expect(webhook.status).toBe(201);
  const realIds = [webhook.body.id as string, org.body.organization.id as string];

  const requestIds: string[] = [];
  const serverErrors: string[] = [];
  /** Answers that did not come from the API (e.g. the HTTP parser refusing a request line). */
  const unanswered: string[] = [];
  let cases = 0;

  for (const operation of operations) {
    const pathParams = operation.parameters.filter((p) => p.in === 'path');
    const queryParams = operation.parameters.filter((p) => p.in === 'query');
    const key = operation.security.some((s) => 'operatorKey' in s) ? stack.operatorKey : operation.security.length ? adminKey : undefined;
    const request = fc.record({
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(hostileUrlString, fc.constantFrom(...realIds), fc.string({ maxLength: 30 }))]))),
      query: fc.record(
        Object.fromEntries(
          queryParams.map((p) => [p.name, fc.oneof(hostileUrlString, hugeNumber.map(String), typedValue(p.schema ?? {}, 0).map((v) => (typeof v === 'string' ? v : String(JSON.stringify(v))).slice(0, 100)))]),
        ),
        { requiredKeys: [] },
      ),
      body: operation.body
        ? fc.oneof({ weight: 6, arbitrary: typedValue(operation.body, 0) }, { weight: 1, arbitrary: hostileValue })
        : operation.method === 'GET'
          ? fc.constant(undefined) // a GET carries no body over fetch
          : fc.option(hostileValue, { freq: 3 }),
      idempotencyKey: fc.option(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'k')), { freq: 2 }),
    });

    await fc.assert(
      fc.asyncProperty(request, async ({ path, query, body, idempotencyKey }) => {
        cases++;
        let url = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(String((path as Record<string, unknown>)[name])));
        const search = Object.entries(query as Record<string, string>).map(([k, v]) => `${encode(k)}=${encode(v)}`);
        if (search.length) url += `?${search.join('&')}`;
        const headers: Record<string, string> = {};
        if (key) headers.authorization = `Bearer ${key}`;
        if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
        let payload: string | undefined;
        if (body !== null && body !== undefined) {
          payload = JSON.stringify(body);
          headers['content-type'] = 'application/json';
        }
        let res: Response;
        let text: string;
        try {
          res = await fetch(`${stack.gatewayUrl}${url}`, { method: operation.method, headers, body: payload });
          text = await res.text();
        } catch (error) {
          serverErrors.push(`${operation.method} ${url.slice(0, 200)} → no answer: ${String(error)}`);
          return false;
        }
        const requestId = res.headers.get('request-id');
        if (requestId) requestIds.push(requestId);
        else unanswered.push(`${operation.method} ${url.slice(0, 200)} (${url.length} chars) → ${res.status} without a request id`);
        if (res.status >= 500) serverErrors.push(`${operation.method} ${url.slice(0, 200)} → ${res.status} ${text.slice(0, 300)} (body ${String(payload).slice(0, 200)})`);
        return res.status < 500;
      }),
      { numRuns: RUNS_PER_OPERATION, seed: FUZZ_SEED, endOnFailure: true },
    ).catch(() => undefined); // every 5xx is collected above and asserted once, with all operations run
  }

  // Figures for the CI log.
  process.stdout.write(`hostile-input fuzz: ${operations.length} operations, ${cases} cases, ${serverErrors.length} 5xx (seed ${FUZZ_SEED})\n`);
  expect(serverErrors).toEqual([]);
  expect(await stack.allReady()).toBe(true);
  for (const service of stack.services) expect({ service: service.name, exitCode: service.child.exitCode }).toEqual({ service: service.name, exitCode: null });

  // Every call is in the audit trail (access records carry the request id each response showed).
  expect(unanswered).toEqual([]);
  expect(requestIds.length).toBe(cases);
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    let missing: string[] = [];
    await waitFor(
      async () => {
        const { rows } = await db.query<{ request_id: string }>("select distinct request_id from audit.audit_record where kind = 'access' and request_id = any($1)", [requestIds]);
        const stored = new Set(rows.map((r) => r.request_id));
        missing = requestIds.filter((id) => !stored.has(id));
        return missing.length === 0;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'every fuzzed call in the audit trail' },
    ).catch(() => undefined);
    expect({ audited: requestIds.length - missing.length, calls: requestIds.length }).toEqual({ audited: requestIds.length, calls: requestIds.length });
  } finally {
    await db.end();
  }
}, 600_000);
