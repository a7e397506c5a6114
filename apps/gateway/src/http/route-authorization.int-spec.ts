import { PORTAL_FEATURES, ROLES, roleAtLeast, type Role } from '@hookline/contract';
import type { ServiceProcess } from '@hookline/testing';
import { apiRoutes } from '../app';
import { OPERATOR_KEY, startGatewayStack, type GatewayStack } from '../testing/gateway-stack';
import type { RouteDefinition } from './route';

// The route × caller × portal feature × spelling matrix, generated from the route table
// (`apiRoutes`), against real registry and gateway processes. Every cell answers as the route
// declares: its caller is refused (401 / 403) or let through to validation; every other spelling of
// its path (case, trailing slash, percent-encoding) answers what the canonical path answers or 404.

/** Who calls: an API key of a role, a portal session of a role and features, or the operator. */
interface Caller {
  name: string;
  key: string;
  kind: 'api_key' | 'operator';
  role?: Role;
  /** Portal sessions only; empty = every feature. */
  features?: string[];
}

let stack: GatewayStack;
let gateway: ServiceProcess;
const callers: Caller[] = [];

beforeAll(async () => {
  stack = await startGatewayStack();
  // A gateway whose per-key and per-address budgets do not run out over the matrix's requests.
  gateway = await stack.startGateway({ HOOKLINE_API_RATE_LIMIT_RPS: '100000', HOOKLINE_AUTH_FAILURE_BURST: '100000', HOOKLINE_AUTH_FAILURE_RPS: '100000' });
  const org = await stack.createOrganization();
  callers.push({ name: 'operator', key: OPERATOR_KEY, kind: 'operator' });
  for (const role of ROLES) {
    const created = await stack.api('POST', '/v1/api-keys', { key: org.adminKey, body: { role, owner: `matrix-${role}` } });
    expect(created.status).toBe(201);
    callers.push({ name: `${role} key`, key: created.body.key, kind: 'api_key', role });
  }
  const sessions: { role: Role; features: string[] }[] = [
    ...PORTAL_FEATURES.map((feature) => ({ role: 'admin' as const, features: [feature] })),
    { role: 'admin', features: [] },
    { role: 'viewer', features: [] },
    { role: 'developer', features: ['webhooks', 'deliveries'] },
  ];
  for (const { role, features } of sessions) {
    const created = await stack.api('POST', '/v1/portal-sessions', { key: org.adminKey, body: { role, features } });
    expect(created.status).toBe(201);
    callers.push({ name: `${role} portal session [${features.join(',') || 'all'}]`, key: created.body.token, kind: 'api_key', role, features });
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** What the declaration says this caller gets: refused with a status, or through to the handler. */
function declared(route: RouteDefinition, caller: Caller): 401 | 403 | 'through' {
  if (route.auth === 'none') return 'through';
  if (route.auth === 'operator') return caller.kind === 'operator' ? 'through' : 401;
  if (caller.kind !== 'api_key') return 401;
  if (!roleAtLeast(caller.role ?? '', route.role as Role)) return 403;
  if (caller.features === undefined || route.feature === null) return 'through';
  if (route.feature === 'never') return 403;
  return caller.features.length === 0 || caller.features.includes(route.feature as string) ? 'through' : 403;
}

/** A concrete path: parameters filled with ids that exist nowhere (so no call changes anything). */
const concrete = (route: RouteDefinition) => route.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'type' ? 'matrix.nothing' : `${name === 'id' ? 'zz' : name}_matrix0`));

/** Other spellings of a path: they must answer as the canonical one or 404. */
function variants(path: string): string[] {
  const segments = path.split('/');
  const capitalised = segments.map((s, i) => (i === 2 ? s.charAt(0).toUpperCase() + s.slice(1) : s)).join('/');
  return [path.toUpperCase(), capitalised, `${path}/`, path.replace(/-/, '%2D').replace(/\/v1\//, '/%761/')].filter((v) => v !== path);
}

// A body the declaration refuses (an unknown field): a caller let through gets a 400, never a change.
const MATRIX_BODY = { matrix_probe: true };

async function ask(method: string, path: string, key: string) {
  const writes = method !== 'get';
  const res = await fetch(`${gateway.httpUrl}${path}`, {
    method: method.toUpperCase(),
    headers: { authorization: `Bearer ${key}`, ...(writes ? { 'content-type': 'application/json' } : {}) },
    body: writes ? JSON.stringify(MATRIX_BODY) : undefined,
  });
  const body = await res.json().catch(() => undefined);
  return { status: res.status, code: (body as { error?: { code?: string } } | undefined)?.error?.code };
}

it('every route declares who may call it, and the table covers every portal feature', () => {
  for (const route of apiRoutes) if (route.auth === 'api_key') expect({ route: route.path, feature: route.feature }).not.toEqual({ route: route.path, feature: undefined });
  const used = new Set(apiRoutes.map((r) => r.feature));
  for (const feature of PORTAL_FEATURES) expect(used).toContain(feature);
  expect(apiRoutes.find((r) => r.path === '/v1/stats')?.feature).toBe('webhooks');
});

it('answers every route × caller × spelling cell as the route table declares', async () => {
  const wrong: string[] = [];
  let cells = 0;
  for (const route of apiRoutes) {
    const path = concrete(route);
    for (const caller of callers) {
      const expected = declared(route, caller);
      const canonical = await ask(route.method, path, caller.key);
      cells++;
      const through = canonical.status !== 401 && canonical.status !== 403;
      if ((expected === 'through') !== through || (expected !== 'through' && canonical.status !== expected)) {
        wrong.push(`${route.method.toUpperCase()} ${path} as ${caller.name}: declared ${expected}, answered ${canonical.status} ${canonical.code}`);
      }
      const spelled = variants(path);
      const answers = await Promise.all(spelled.map((variant) => ask(route.method, variant, caller.key)));
      cells += spelled.length;
      answers.forEach((answer, i) => {
        if (answer.status !== canonical.status && answer.status !== 404) {
          wrong.push(`${route.method.toUpperCase()} ${spelled[i]} as ${caller.name}: answered ${answer.status} ${answer.code}, canonical ${canonical.status}`);
        }
      });
    }
  }
  process.stdout.write(`route matrix: ${apiRoutes.length} routes × ${callers.length} callers, ${cells} cells\n`);
  expect(wrong).toEqual([]);
}, 300_000);

it('finding 2 replayed: a portal session limited to webhooks is refused api-keys, settings and the audit log in every spelling', async () => {
  const webhooksOnly = callers.find((c) => c.features?.length === 1 && c.features[0] === 'webhooks');
  const viewer = callers.find((c) => c.role === 'viewer' && c.features?.length === 0);
  for (const [method, path] of [
    ['get', '/V1/API-KEYS'],
    ['get', '/v1/Api-Keys'],
    ['get', '/v1/api-keys/'],
    ['delete', '/V1/API-KEYS/key_x'],
    ['patch', '/V1/SETTINGS'],
    ['get', '/V1/AUDIT-LOGS'],
  ] as const) {
    expect({ path, status: (await ask(method, path, webhooksOnly!.key)).status }).toEqual({ path, status: 404 });
  }
  expect((await ask('get', '/v1/api-keys', webhooksOnly!.key)).status).toBe(403);
  // A viewer session: settings, events and approvals are readable only where the declaration says so.
  expect((await ask('patch', '/V1/SETTINGS', viewer!.key)).status).toBe(404);
  expect((await ask('patch', '/v1/settings', viewer!.key)).status).toBe(403);
});
