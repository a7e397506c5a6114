import type { Request, Response } from 'express';
import type { z } from '@hookline/config';
import type { Actor, Role } from '../auth/actor';
import type { AuthScheme } from '../auth/authenticate';
import type { BackendClients } from '../clients';
import { PORTAL_FEATURES, type PortalFeature } from '@hookline/contract';
import type { commonV1 } from '@hookline/proto';
import type { RequestCall } from './request-call';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Which portal sessions may use a route: those showing one feature, all (`null`), or none (`never`). */
export type PortalAccess = PortalFeature | null | 'never';

/** What every API response's `res.locals.route` holds, for access audit records and metrics. */
export interface RouteLabel {
  action: string;
  resourceType: string;
  method: string;
  path: string;
}

/** What a handler answers; the route layer sends it (and stores it for Idempotency-Key replays). */
export interface RouteResult {
  status: number;
  /** Omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  actor: Actor;
  /** Request metadata for the registry and other services (actor, request id, ip, user agent). */
  context: commonV1.RequestContext;
  /** Pass to every backend call: `{ traceparent, signal, deadline }` of this request. */
  call: RequestCall;
  clients: BackendClients;
  requestId: string;
  req: Request;
  res: Response;
}

export interface ResponseSpec {
  description: string;
  /** Documents the response in the OpenAPI document; not enforced at run time. */
  schema?: z.ZodType;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  method: HttpMethod;
  /** Express path, e.g. `/v1/webhooks/:id`. */
  path: string;
  summary: string;
  description?: string;
  /** What the call does, for access audit records and the OpenAPI operationId, e.g. `webhook.create`. */
  action: string;
  /** The kind of resource acted on, e.g. `webhook`; also the OpenAPI tag. */
  resourceType: string;
  auth: AuthScheme;
  /** Least role an API key needs (`api_key` routes only; the operator may do everything). */
  role?: Role;
  /**
   * The customer-portal feature this route belongs to (`api_key` routes only, required): a portal
   * session limited to other features is refused it. `null` = open to every session (the session's
   * own description); `never` = no portal session at all (managing portal sessions).
   */
  feature?: PortalAccess;
  /** Strict zod objects: they validate the request and generate the OpenAPI document. */
  body?: B;
  query?: Q;
  params?: P;
  /**
   * Rule codes per field, so a REST client sees the same `code` the registry would answer:
   * `{ name: 'name_invalid', 'event_types:too_small': 'event_types_empty' }`. Keys are the
   * param path with indices as `[]`, optionally `:<zod issue code>`. Missing and unknown fields
   * always answer `missing_field` / `unknown_field`.
   */
  errorCodes?: Record<string, string>;
  /**
   * A GET whose answer comes from the registry alone: while the registry is unavailable, the last
   * answer this gateway gave the same organization for the same request is served again, marked
   * `Hookline-Last-Known-At` (see last-known/), so the dashboard's read views survive a restart.
   */
  lastKnownWhileUnavailable?: boolean;
  /** How long the whole request may take (ms; default 30 s): no backend call outlives it. */
  deadlineMs?: number;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>>) => Promise<RouteResult>;
}

/** A declared route, type-erased so routes of every capability fit in one list. */
export interface RouteDefinition extends Omit<RouteSpec<any, any, any>, 'handler'> {
  handler: (ctx: RouteContext<any, any, any>) => Promise<RouteResult>;
}

/**
 * Declares one REST route. The same zod schemas validate the request and describe it in
 * `/openapi.json`; `action` and `resourceType` label it for audit and metrics.
 */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<B, Q, P>): RouteDefinition {
  checkAuthorization(spec);
  return spec as RouteDefinition;
}

/**
 * Authorization is part of the declaration, checked when the route table is built: a route that
 * does not say who may call it stops the gateway at start-up instead of being open by omission.
 */
export function checkAuthorization(route: Pick<RouteDefinition, 'method' | 'path' | 'auth' | 'role' | 'feature'>): void {
  const name = `route ${route.method.toUpperCase()} ${route.path}`;
  if (route.auth === 'api_key') {
    if (!route.role) throw new Error(`${name} needs a role`);
    if (route.feature === undefined) throw new Error(`${name} needs a portal feature (null when every portal session may use it)`);
    if (route.feature !== null && route.feature !== 'never' && !(PORTAL_FEATURES as readonly string[]).includes(route.feature)) {
      throw new Error(`${name} names an unknown portal feature ${route.feature}`);
    }
  } else if (route.role !== undefined || route.feature !== undefined) {
    throw new Error(`${name}: role and portal feature apply to api_key routes only`);
  }
}
