import { roleAtLeast, type Role } from '@hookline/contract';
import { ruleFor } from '@hookline/grpc';
import { auditV1, deadlettersV1, dispatcherV1, ingestionV1, registryV1 } from '@hookline/proto';
import { apiRoutes } from '../app';
import { ANONYMOUS, OPERATOR, type Actor } from '../auth/actor';
import type { RouteDefinition } from './route';

// The gateway's route table and the services' policy table (libs/grpc) say the same thing: every
// RPC a route calls for an end user admits the gateway and that route's callers, and an API-key
// route needs exactly the least role the service's rule needs for the same method.

const DEFINITIONS: Record<string, Record<string, { path: string }>> = {
  registry: registryV1.RegistryServiceService,
  ingestion: ingestionV1.IngestionServiceService,
  dispatcher: dispatcherV1.DispatcherServiceService,
  audit: auditV1.AuditServiceService,
  deadLetters: deadlettersV1.DeadLetterServiceService,
};

class Called extends Error {
  constructor(readonly rpcPath: string) {
    super(rpcPath);
  }
}

/** Clients whose every method records the RPC path and stops the handler there. */
function recordingClients(): any {
  const client = (service: string) =>
    new Proxy({}, { get: (_t, method: string) => () => Promise.reject(new Called(DEFINITIONS[service][method]?.path ?? `${service}.${method}`)) });
  return {
    registry: client('registry'),
    ingestion: client('ingestion'),
    dispatcher: client('dispatcher'),
    audit: client('audit'),
    deadLetters: { dispatcher: client('deadLetters'), ingestion: client('deadLetters'), audit: client('deadLetters') },
  };
}

/** Anything a handler reads from a validated request: empty strings, zero, empty lists. */
const anything: any = new Proxy(
  {},
  { get: (_t, key) => (key === Symbol.iterator ? [][Symbol.iterator] : key === 'limit' ? 20 : key === 'then' ? undefined : key === 'length' ? 0 : '') },
);

/** The first backend RPC the route's handler makes. */
async function firstRpc(route: RouteDefinition, actor: Actor): Promise<string | undefined> {
  const res = { setHeader: () => undefined, locals: {}, on: () => undefined, write: () => true, end: () => undefined, status: () => res };
  try {
    await route.handler({ body: anything, query: anything, params: anything, actor, context: {} as never, call: {} as never, clients: recordingClients(), requestId: 'req_x', req: { get: () => undefined, on: () => undefined } as never, res: res as never });
  } catch (error) {
    if (error instanceof Called) return error.rpcPath;
  }
  return undefined;
}

const byRoute = (route: RouteDefinition) => `${route.method.toUpperCase()} ${route.path}`;

it('every end-user route calls an RPC whose rule admits the gateway for that route’s callers, with the same least role', async () => {
  const disagreements: string[] = [];
  const checked: string[] = [];
  const actingAsItself: string[] = [];
  for (const route of apiRoutes.filter((r) => r.auth !== 'none')) {
    const actor = route.auth === 'operator' ? OPERATOR : { ...ANONYMOUS, kind: 'api_key' as const, keyId: 'key_x', owner: 'x', role: route.role as Role, orgId: 'org_x' };
    const rpc = await firstRpc(route, actor);
    if (rpc === undefined) continue; // answered from the gateway's own state (e.g. the session's description)
    const rule = ruleFor(rpc);
    checked.push(byRoute(route));
    if (!rule) {
      disagreements.push(`${byRoute(route)} → ${rpc}: no rule (the service refuses every caller)`);
      continue;
    }
    if (rule.callers !== 'any' && !rule.callers.includes('gateway')) disagreements.push(`${byRoute(route)} → ${rpc}: the gateway may not call it`);
    if (!rule.endUser) {
      actingAsItself.push(`${byRoute(route)} → ${rpc}`);
      continue;
    }
    if (!rule.endUserMay) {
      disagreements.push(`${byRoute(route)} → ${rpc}: the policy table names no role for it`);
      continue;
    }
    // The operator may call every end-user method (acting on one organization, as its admins do).
    if (route.auth === 'operator') continue;
    if (rule.endUserMay === 'operator') {
      disagreements.push(`${byRoute(route)} (${route.role}) → ${rpc}: the service admits the operator only`);
    } else if (!roleAtLeast(route.role as Role, rule.endUserMay) || !roleAtLeast(rule.endUserMay, route.role as Role)) {
      disagreements.push(`${byRoute(route)} needs ${route.role}, ${rpc} needs ${rule.endUserMay}`);
    }
  }
  expect(disagreements).toEqual([]);
  // Methods other services call too take no end-user context: there the gateway calls as itself,
  // with the org of the authenticated key, and its route's role is the only one. The list is
  // closed: a new route of this kind must be added here on purpose.
  expect(actingAsItself.sort()).toEqual([
    'GET /v1/admin/event-types → /hookline.registry.v1.RegistryService/ListEventTypes',
    'GET /v1/events → /hookline.ingestion.v1.IngestionService/ListEvents',
    'GET /v1/events/:id → /hookline.ingestion.v1.IngestionService/GetEvent',
    'GET /v1/webhooks/event-types → /hookline.registry.v1.RegistryService/ListEventTypes',
    'POST /v1/events → /hookline.ingestion.v1.IngestionService/Publish',
  ]);
  // Nearly every route reaches a service: a table that checked nothing would prove nothing. (The
  // few that do not answer from the gateway's own state: the session's description, the filter test.)
  expect(checked.length).toBeGreaterThanOrEqual(apiRoutes.filter((r) => r.auth !== 'none').length - 4);
});
