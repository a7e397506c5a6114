import { compileErrors, validate } from '@readme/openapi-parser';
import { startGatewayStack, type GatewayStack, type Organization } from '../testing/gateway-stack';

// What API clients and webhook receivers read in /openapi.json and /docs, against a real
// registry (loaded with the example catalog) and gateway.

let stack: GatewayStack;
let org: Organization;
let viewerKey: string;
let document: any;

beforeAll(async () => {
  stack = await startGatewayStack();
  org = await stack.createOrganization();
  viewerKey = await org.keyFor('viewer');
  document = await (await fetch(`${stack.gateway.httpUrl}/openapi.json`)).json();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Every event type of the catalog, walking the list page by page. */
async function catalogTypes(limit: number): Promise<string[]> {
  const types: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await stack.api('GET', `/v1/webhooks/event-types?${query}`, { key: viewerKey });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    types.push(...res.body.data.map((t: { type: string }) => t.type));
    cursor = res.body.next_cursor;
  } while (cursor);
  return types;
}

describe('the webhooks section', () => {
  it('stays a valid OpenAPI 3.1 document with a webhook for every event type of the catalog', async () => {
    const result = await validate(structuredClone(document));
    if (!result.valid) throw new Error(compileErrors(result));
    const types = await catalogTypes(100);
    expect(types).toEqual(expect.arrayContaining(['transfer.completed', 'hookline.delivery.exhausted']));
    expect(Object.keys(document.webhooks).sort()).toEqual([...types].sort());
  });

  it("documents each type's payload: the envelope plus the type's own data schema", async () => {
    const catalog = (await stack.api('GET', '/v1/webhooks/event-types?limit=100', { key: viewerKey })).body.data;
    const completed = catalog.find((t: { type: string }) => t.type === 'transfer.completed');
    const body = document.webhooks['transfer.completed'].post.requestBody.content['application/json'].schema;
    expect(body.allOf[0]).toEqual({ $ref: '#/components/schemas/WebhookEvent' });
    expect(body.allOf[1].properties.type).toEqual({ const: 'transfer.completed' });
    expect(body.allOf[1].properties.data).toEqual(completed.schema);
    expect(document.components.schemas.WebhookEvent.required).toEqual(['id', 'object', 'type', 'source', 'time', 'is_test']);
  });

  it('documents the headers a receiver gets and what each kind of answer does', () => {
    const operation = document.webhooks['transfer.completed'].post;
    const headers = Object.fromEntries(operation.parameters.map((p: { name: string; in: string }) => [p.name, p]));
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'hookline-event-type', 'traceparent']));
    for (const p of operation.parameters) expect(p.in).toBe('header');
    const signature = new RegExp(headers['webhook-signature'].schema.pattern);
    for (const value of ['v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=', 'v1a,aGVsbG8=', 'v1e,aGVsbG8= v1,aGk=']) expect(value).toMatch(signature);
    expect('v2,abc').not.toMatch(signature);
    expect(headers['webhook-signature'].description).toMatch(/v1e.*IEEE P1363.*not DER/);
    expect(Object.keys(operation.responses).sort()).toEqual(['2XX', '410', '429', 'default']);
    expect(operation.responses['410'].description).toMatch(/disabled/);
    expect(operation.responses['429'].description).toMatch(/Retry-After/);
  });

  it('explains ECDSA signatures (IEEE P1363, not DER) with verification code for Node, Python and Go', () => {
    const text: string = document.info.description;
    expect(text).toMatch(/IEEE P1363/);
    expect(text).toMatch(/not ASN\.1 DER/);
    for (const fence of ['```js', '```python', '```go']) expect(text).toContain(fence);
  });
});

/** A schema with its `#/components/schemas/…` reference followed. */
function resolved(schema: any): any {
  const name = typeof schema?.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
  return name ? document.components.schemas[name] : schema;
}

describe('named schemas', () => {
  it('names every resource, list envelope and the error under components/schemas, so generated clients get `Webhook`, not `GetWebhook200Response`', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Webhook', 'WebhookList', 'CreatedWebhook', 'Delivery', 'DeliveryList', 'DeliveryWithAttempts', 'Attempt', 'Event', 'EventList', 'EventType',
        'EventTypeList', 'ApiKey', 'ApiKeyList', 'CreatedApiKey', 'PortalSession', 'CreatedPortalSession', 'Approval', 'ApprovalList', 'AuditRecord',
        'AuditRecordList', 'Stats', 'Settings', 'Error', 'WebhookEvent',
      ]),
    );
    const inline: string[] = [];
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (schema && !schema.$ref) inline.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(inline).toEqual([]);
    // Nested resources are references too: a delivery's attempts, a list's items.
    expect(document.components.schemas.DeliveryWithAttempts.properties.attempts.items).toEqual({ $ref: '#/components/schemas/Attempt' });
    expect(document.components.schemas.WebhookList.properties.data.items).toEqual({ $ref: '#/components/schemas/Webhook' });
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
  });
});

describe('integer bounds', () => {
  it('every integer field of the document has a real range: nothing below 0, nothing past 2^53 − 1', () => {
    const unbounded: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'integer' && !(typeof schema.minimum === 'number' && schema.minimum >= 0 && typeof schema.maximum === 'number' && schema.maximum <= Number.MAX_SAFE_INTEGER)) {
        unbounded.push(`${path} ${JSON.stringify({ minimum: schema.minimum, maximum: schema.maximum })}`);
      }
      for (const [key, value] of Object.entries(schema)) walk(value, `${path}/${key}`);
    };
    walk(document.paths, '');
    walk(document.components.schemas, '#/components/schemas');
    expect(unbounded).toEqual([]);
  });
});

describe('pagination on every list', () => {
  it('every list endpoint of the document accepts limit (1–100) and cursor', () => {
    const lists: string[] = [];
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        const schema = resolved(operation.responses?.['200']?.content?.['application/json']?.schema);
        if (schema?.properties?.object?.const !== 'list') continue;
        lists.push(`${method} ${path}`);
        const names = Object.fromEntries(operation.parameters.map((p: { name: string; schema: unknown }) => [p.name, p.schema]));
        expect({ list: `${method} ${path}`, limit: names.limit, cursor: Boolean(names.cursor) }).toEqual({
          list: `${method} ${path}`,
          limit: expect.objectContaining({ minimum: 1, maximum: 100 }),
          cursor: true,
        });
      }
    }
    expect(lists).toEqual(expect.arrayContaining(['get /v1/webhooks/event-types', 'get /v1/webhooks', 'get /v1/admin/event-types']));
  });

  it('the event-type catalog pages with limit and cursor and walks back with prev_cursor', async () => {
    const all = await catalogTypes(100);
    expect(await catalogTypes(2)).toEqual(all);
    const first = (await stack.api('GET', '/v1/webhooks/event-types?limit=2', { key: viewerKey })).body;
    const second = (await stack.api('GET', `/v1/webhooks/event-types?limit=2&cursor=${first.next_cursor}`, { key: viewerKey })).body;
    const back = (await stack.api('GET', `/v1/webhooks/event-types?limit=2&cursor=${second.prev_cursor}`, { key: viewerKey })).body;
    expect(back.data).toEqual(first.data);
  });

  it('refuses a bad limit or cursor on the catalog with 400 naming the parameter', async () => {
    const limit = await stack.api('GET', '/v1/webhooks/event-types?limit=0', { key: viewerKey });
    expect(limit.status).toBe(400);
    expect(limit.body.error.param).toBe('limit');
    const cursor = await stack.api('GET', '/v1/webhooks/event-types?cursor=zzz', { key: viewerKey });
    expect(cursor.status).toBe(400);
    expect(cursor.body.error).toMatchObject({ code: 'cursor_invalid', param: 'cursor' });
  });
});

describe('/docs', () => {
  it('is Swagger UI served from this gateway only: page, script and style from its own origin', async () => {
    const res = await fetch(`${stack.gateway.httpUrl}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/connect-src 'self'/);
    for (const asset of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])) {
      const answer = await fetch(new URL(asset, `${stack.gateway.httpUrl}/docs`));
      expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
      if (asset.endsWith('swagger-ui-bundle.js')) expect(await answer.text()).toContain('SwaggerUIBundle');
    }
    const init = await (await fetch(`${stack.gateway.httpUrl}/docs/assets/init.js`)).text();
    expect(init).toContain("new URL('openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });

  it('serves no other file of the package', async () => {
    const res = await fetch(`${stack.gateway.httpUrl}/docs/assets/package.json`);
    expect(res.status).toBe(404);
  });
});
