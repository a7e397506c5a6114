import type { Request, Response, Router } from 'express';
import { z } from '@hookline/config';
import { LIMIT_INVALID } from '@hookline/contract';
import type { CursorSeal } from '@hookline/ids';
import { requestContext, type Actor } from '../auth/actor';
import { authenticateRequest, type Authentication } from '../auth/authenticate';
import type { BackendClients } from '../clients';
import { idempotentCall } from '../idempotency/idempotent-call';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { lastKnownKey, type LastKnownAnswers } from '../last-known/last-known-answers';
import { checkIdempotencyKey, requestHash } from '../idempotency/request-hash';
import { authorizeRoute } from '../http/authorize-route';
import { refuseHostileText } from '../http/hostile-text';
import { readJsonBody } from '../http/json-body';
import type { RateLimiter } from '../http/rate-limit';
import { requestCall } from '../http/request-call';
import { cursorList, openCursor, sealCursors } from '../http/sealed-cursors';
import { checkAuthorization, type RouteDefinition, type RouteLabel, type RouteResult } from '../http/route';
import { strictRouter } from '../http/strict-router';
import { issueToInputError } from '../http/zod-errors';

export interface RouteServices {
  clients: BackendClients;
  auth: Authentication;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyStore;
  /** Seals the cursors of list answers and opens those clients send back. */
  cursors: CursorSeal;
  /** Registry reads answered again while the registry is unavailable (routes with `lastKnownWhileUnavailable`). */
  lastKnown?: LastKnownAnswers;
}

const WRITES = new Set(['post', 'patch', 'put', 'delete']);
const NO_FIELDS = z.strictObject({});
/** The registry's codes for the list query fields every list route shares. */
const QUERY_CODES = { limit: LIMIT_INVALID, cursor: 'cursor_invalid' };

/**
 * One express route per declaration, in this order: label → authenticate → rate limit →
 * authorize (role and portal feature of this route) → read body → refuse NUL / lone surrogates → open the cursor → validate → (Idempotency-Key) → handler → send.
 * Every backend call a handler makes carries the request's `call`: trace, cancellation, deadline.
 */
export function mountRoutes(routes: readonly RouteDefinition[], services: RouteServices): Router {
  const router = strictRouter();
  for (const route of orderBySpecificity(routes)) {
    checkAuthorization(route);
    router[route.method](route.path, (req: Request, res: Response) => handle(route, services, req, res));
  }
  return router;
}

async function handle(route: RouteDefinition, services: RouteServices, req: Request, res: Response): Promise<void> {
  res.locals.route = { action: route.action, resourceType: route.resourceType, method: route.method.toUpperCase(), path: route.path } satisfies RouteLabel;
  const call = requestCall(req, res, route.deadlineMs);

  const actor = await authenticateRequest(req, route.auth, services.auth);
  req.actor = actor;
  if (actor.kind !== 'anonymous') services.rateLimiter.take(actor.keyId);
  authorizeRoute(route, actor);

  const rawBody = WRITES.has(route.method) ? await readJsonBody(req) : undefined;
  // NUL and lone surrogates are refused here, once, whatever the route: no backend sees them.
  refuseHostileText(req.params);
  refuseHostileText(req.query);
  if (rawBody !== undefined) refuseHostileText(rawBody);
  const list = cursorList(route, actor);
  const codes = { ...QUERY_CODES, ...route.errorCodes };
  const params = route.params ? validate(route.params, req.params, 'params', codes) : req.params;
  const pages = route.query instanceof z.ZodObject && 'cursor' in route.query.shape;
  const query = validate(route.query ?? NO_FIELDS, pages ? openCursor(req.query, services.cursors, list) : req.query, 'query', codes);
  const body = route.body ? validate(route.body, rawBody ?? {}, 'body', codes) : rawBody === undefined ? undefined : validate(NO_FIELDS, rawBody, 'body', codes);

  const handler = () =>
    route.handler({ body, query, params, actor, context: requestContext(req, actor), call, clients: services.clients, requestId: req.requestId, req, res });
  const { lastKnown } = services;
  const run = route.lastKnownWhileUnavailable && route.method === 'get' && lastKnown ? () => lastKnown.read(lastKnownKey(actor.orgId, route, params, query), handler) : handler;
  const key = WRITES.has(route.method) ? req.get('idempotency-key') : undefined;
  const result =
    key === undefined
      ? await run()
      : await idempotentCall(
          services.idempotency,
          { scope: idempotencyScope(actor), key: checkIdempotencyKey(key), hash: requestHash(route.method, req.path, rawBody), requestId: req.requestId },
          run,
        );
  send(res, sealCursors(result, services.cursors, list));
}

/** Idempotency records belong to the API key that made the request (the operator has one key). */
function idempotencyScope(actor: Actor): string {
  return actor.kind === 'api_key' ? actor.keyId : actor.kind;
}

function validate(schema: z.ZodType, input: unknown, location: 'body' | 'query' | 'params', codes: Record<string, string>): any {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw issueToInputError(parsed.error.issues, input, location, codes);
  return parsed.data;
}

function send(res: Response, result: RouteResult): void {
  res.status(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined) res.end();
  else res.json(result.body);
}

/**
 * Static path segments win over parameters (`/v1/webhooks/event-types` before
 * `/v1/webhooks/:id`), whatever order capabilities register their routes in.
 */
export function orderBySpecificity<T extends { path: string }>(routes: readonly T[]): T[] {
  const ranks = (path: string) => path.split('/').map((segment) => (segment.startsWith(':') ? 1 : 0));
  return [...routes].sort((a, b) => {
    const ra = ranks(a.path);
    const rb = ranks(b.path);
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return ra.length - rb.length;
  });
}
