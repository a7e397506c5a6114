import fc from 'fast-check';
import { uniqueSuffix } from '@hookline/testing';
import { startTrustStack, type TrustStack } from './support/trust-stack';

// Properties of every operation in /openapi.json, on the whole platform as processes. What goes in
// is what a hostile tenant controls byte by byte: the raw JSON text (duplicate keys, `__proto__` and
// `constructor`, nesting far past the limit, 1 MB strings, NUL, lone surrogates, U+FFFF, emoji,
// non-Latin scripts), numbers at and just past every bound the schema declares, and the path itself
// (case, trailing slash, percent-encoding). Whatever comes in: no 5xx (503 only where documented),
// another spelling of a path answers as the canonical one or 404, and every service process is the
// same process, alive and ready, afterwards. The seed is in every failure message.

const RUNS_PER_OPERATION = Number(process.env.HOOKLINE_FUZZ_RUNS ?? 10);
const SEED = Number(process.env.HOOKLINE_FUZZ_SEED ?? Date.now() % 2 ** 31);
const REPLAY = `(seed ${SEED}: rerun with HOOKLINE_FUZZ_SEED=${SEED})`;

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
};
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = { method: string; path: string; security: Array<Record<string, unknown>>; parameters: Parameter[]; body?: Schema; documented503: boolean };

/** Text no field should take as it is: every class of character the sanitizer and parsers must hold. */
const nastyText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\uffff', '\ufffe', '😀🏳️‍🌈', '日本語', 'العربية', 'ʻŌlelo', 'Ꙭ', '\u202e\u2066', '\r\n', '%00', '../..', ''),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
);
const ONE_MB = 'm'.repeat(1024 * 1024);
const anyText = fc.oneof({ weight: 12, arbitrary: nastyText }, { weight: 1, arbitrary: fc.constantFrom(ONE_MB, `${ONE_MB.slice(1)}\u0000`, '日'.repeat(100_000)) });

/** Numbers at and just past a declared bound, and those every int32/int64/double field meets. */
function boundaryNumbers(schema: Schema): fc.Arbitrary<number> {
  const edges = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 0.5, 5e-324];
  for (const bound of [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum]) if (bound !== undefined) edges.push(bound - 1, bound, bound + 1);
  for (const bound of [schema.maxLength, schema.maxItems]) if (bound !== undefined) edges.push(bound, bound + 1);
  return fc.oneof(fc.constantFrom(...edges), fc.integer());
}

/** A string at and just past its declared length, or hostile text. */
function boundaryString(schema: Schema): fc.Arbitrary<string> {
  const lengths = [schema.minLength, schema.maxLength].filter((n): n is number => n !== undefined);
  const sized = lengths.flatMap((n) => [n, n + 1, Math.max(0, n - 1)]).map((n) => 'é'.repeat(n));
  return sized.length ? fc.oneof(fc.constantFrom(...sized), anyText) : anyText;
}

/** A value shaped by the schema (so the request gets past the outer layers), with edges everywhere. */
function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: anyText });
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valueFor(v, depth)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return boundaryString(schema);
    case 'integer':
    case 'number':
      return boundaryNumbers(schema);
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom<unknown>('true', 0, null));
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: Math.min((schema.maxItems ?? 3) + 1, 12) });
    case 'object':
      if (depth > 3 || !schema.properties) return fc.dictionary(nastyText, nastyText, { maxKeys: 3 });
      return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([name, s]) => [name, valueFor(s, depth + 1)])), { requiredKeys: [] });
    default:
      return fc.oneof(anyText, boundaryNumbers({}), fc.constant(null));
  }
}

/** A value the schema accepts, as far as its shape says (so a request gets to the service behind). */
function validValue(schema: Schema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return validValue(variants[0], name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (/url/.test(name)) return 'http://127.0.0.1:9/property';
      if (/type/.test(name)) return 'transfer.completed';
      return 'Valid value'.padEnd(Math.max(schema.minLength ?? 0, 11), 'x').slice(0, Math.max(schema.maxLength ?? 11, schema.minLength ?? 0));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [validValue(schema.items ?? {}, name)];
    case 'object':
      return schema.properties ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, validValue(v, k)])) : {};
    default:
      return null;
  }
}

/** A valid body with exactly one field (at any depth, array elements included) made hostile. */
function oneFieldHostile(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' && schema.properties && depth < 4) {
    const names = Object.keys(schema.properties);
    if (!names.length) return fc.constant({});
    return fc.constantFrom(...names).chain((name) =>
      oneFieldHostile(schema.properties![name], depth + 1).map((hostile) => ({ ...(validValue(schema) as object), [name]: hostile })),
    );
  }
  if (type === 'array' && depth < 4) return oneFieldHostile(schema.items ?? {}, depth + 1).map((hostile) => [validValue(schema.items ?? {}), hostile]);
  return fc.oneof(nastyText, valueFor(schema, depth));
}

/** How the JSON text is bent: as it is, a key twice, a prototype key, or one field nested past the limit. */
const bending = fc.oneof(
  fc.constant({ kind: 'plain' as const }),
  fc.record({ kind: fc.constant('duplicate' as const), value: fc.oneof(nastyText.map((s) => JSON.stringify(s)), fc.constantFrom('{"__proto__":{"admin":true}}', '1e999', '[]')) }),
  fc.record({ kind: fc.constant('prototype' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: fc.constantFrom('{"polluted":true}', '{"prototype":{"x":1}}', '"x"', 'null') }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 31, max: 5_000 }), open: fc.constantFrom('[', '{"a":') }),
);

type Bend = typeof bending extends fc.Arbitrary<infer B> ? B : never;

/** The request body as raw text: JSON.stringify cannot write duplicate keys or a `__proto__` key. */
function rawJson(value: unknown, bend: Bend): string {
  const text = JSON.stringify(value) ?? 'null';
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !text.startsWith('{')) return text;
  const first = Object.keys(value as object)[0];
  const inside = text === '{}' ? '' : `,${text.slice(1, -1)}`;
  switch (bend.kind) {
    case 'duplicate':
      return first ? `${text.slice(0, -1)},${JSON.stringify(first)}:${bend.value}}` : `{"name":"a","name":${bend.value}}`;
    case 'prototype':
      return `{${JSON.stringify(bend.key)}:${bend.value}${inside}}`;
    case 'deep': {
      const close = bend.open === '[' ? ']' : '}';
      return `{${JSON.stringify(first ?? 'data')}:${bend.open.repeat(bend.depth)}1${close.repeat(bend.depth)}${inside}}`;
    }
    default:
      return text;
  }
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

/** Other spellings of a concrete path. */
function spellings(path: string): string[] {
  const segments = path.split('/');
  return [
    path.toUpperCase(),
    segments.map((s, i) => (i === 2 ? s.toUpperCase() : s)).join('/'),
    `${path}/`,
    path.replace(/\/v1\//, '/%76%31/'),
    path.replace(/\/v1\//, '/v1//'),
    path.replace(/([a-z])/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  ].filter((p) => p !== path);
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
        documented503: Boolean(op.responses?.['503']),
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

it('holds for every operation of /openapi.json: no 5xx, every spelling of a path answers as the canonical one or 404, every service process alive', async () => {
  const document = await (await fetch(`${stack.gatewayUrl}/openapi.json`)).json();
  const operations = operationsOf(document);
  expect(operations.length).toBeGreaterThanOrEqual(30);
  const pids = stack.services.map((s) => ({ service: s.name, pid: s.child.pid }));

  const org = await stack.api('POST', '/v1/admin/organizations', { key: stack.operatorKey, body: { name: `Properties org ${uniqueSuffix()}` } });
  expect(org.status).toBe(201);
  const adminKey: string = org.body.api_key.key;
  const webhook = await stack.api('POST', '/v1/webhooks', { key: adminKey, body: { name: 'Property hook', url: 'http://127.0.0.1:9/hook' } });
  expect(webhook.status).toBe(201);
  const realIds: Record<string, string> = { id: webhook.body.id, type: 'transfer.completed' };
  const keyFor = (operation: Operation) => (operation.security.some((s) => 'operatorKey' in s) ? stack.operatorKey : operation.security.length ? adminKey : undefined);

  const broken: string[] = [];
  let cases = 0;
  const send = async (operation: Operation, url: string, body?: string, idempotencyKey?: string) => {
    const key = keyFor(operation);
    const headers: Record<string, string> = {};
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    cases++;
    try {
      const res = await fetch(`${stack.gatewayUrl}${url}`, { method: operation.method, headers, body });
      const text = await res.text();
      if (res.status >= 500 && !(res.status === 503 && operation.documented503)) {
        broken.push(`${operation.method} ${url.slice(0, 160)} → ${res.status} ${text.slice(0, 200)} (body ${String(body).slice(0, 160)})`);
      }
      return res.status;
    } catch (error) {
      broken.push(`${operation.method} ${url.slice(0, 160)} → no answer: ${String(error)}`);
      return 0;
    }
  };

  // Finding 1 replayed before any random case: a tenant's non-ASCII event type must not reach a
  // service's error metadata raw (it killed the registry, and with it `npm start`).
  const byKey = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)!;
  for (const eventType of ['\uffff', 'é', '😀', 'тип.событие']) {
    await send(byKey('POST', '/v1/webhooks'), '/v1/webhooks', JSON.stringify({ name: 'Finding one hook', url: 'http://127.0.0.1:9/one', event_types: [eventType] }));
    await send(byKey('PATCH', '/v1/webhooks/{id}'), `/v1/webhooks/${realIds.id}`, JSON.stringify({ event_types: [eventType] }));
  }

  for (const operation of operations) {
    // The path in every spelling, with the ids that exist: the canonical answer or 404.
    const canonicalPath = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => realIds[name] ?? realIds.id);
    const safe = operation.method === 'GET';
    const probeBody = safe ? undefined : '{"property_probe":true}';
    const canonical = await send(operation, canonicalPath, probeBody);
    for (const variant of spellings(canonicalPath)) {
      const status = await send(operation, variant, probeBody);
      if (status !== canonical && status !== 404) broken.push(`${operation.method} ${variant} → ${status}, canonical ${canonicalPath} → ${canonical}`);
    }

    const pathParams = operation.parameters.filter((p) => p.in === 'path');
    const queryParams = operation.parameters.filter((p) => p.in === 'query');
    const request = fc.record({
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(fc.constant(realIds[p.name] ?? realIds.id), nastyText, fc.constant('x'.repeat(2_000)))]))),
      query: fc.record(
        Object.fromEntries(queryParams.map((p) => [p.name, fc.oneof(valueFor(p.schema ?? {}), nastyText).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').slice(0, 2_000))])),
        { requiredKeys: [] },
      ),
      body: operation.body ? fc.oneof(oneFieldHostile(operation.body), valueFor(operation.body)) : fc.constant(undefined),
      bend: bending,
      idempotencyKey: fc.option(fc.constantFrom('k', 'k'.repeat(255), 'k'.repeat(256), 'cl\u00e9', 'a\tb'), { freq: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ path, query, body, bend, idempotencyKey }) => {
        let url = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(String((path as Record<string, unknown>)[name])));
        const search = Object.entries(query as Record<string, string>).map(([k, v]) => `${encode(k)}=${encode(v)}`);
        if (search.length) url += `?${search.join('&')}`;
        const payload = operation.method === 'GET' ? undefined : rawJson(body ?? {}, bend);
        const before = broken.length;
        await send(operation, url, payload, idempotencyKey ?? undefined);
        return broken.length === before;
      }),
      { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
    ).catch(() => undefined); // every failure is collected above and asserted once, with all operations run
  }

  process.stdout.write(`api properties: ${operations.length} operations, ${cases} requests, ${broken.length} broken ${REPLAY}\n`);
  expect({ seed: SEED, broken }).toEqual({ seed: SEED, broken: [] });
  // The same processes, alive and ready: nothing exited and came back.
  for (const service of stack.services) {
    expect({ service: service.name, pid: service.child.pid, exitCode: service.child.exitCode, seed: SEED }).toEqual({
      service: service.name,
      pid: pids.find((p) => p.service === service.name)?.pid,
      exitCode: null,
      seed: SEED,
    });
    expect(() => process.kill(service.child.pid as number, 0)).not.toThrow();
  }
  expect({ ready: await stack.allReady(), seed: SEED }).toEqual({ ready: true, seed: SEED });
}, 900_000);
