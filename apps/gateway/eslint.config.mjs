import root from '../../eslint.config.mjs';
import { importDirection } from '../../tools/eslint/import-direction.mjs';

// Inside the gateway, imports run down: app.ts → pipeline/ (mounts every route: authenticate,
// authorize, validate, idempotency, handler) → the capabilities' route folders → http/ (how a
// route is declared, errors, pages, cursors) → auth/, clients.ts, config.ts. idempotency/ and
// last-known/ are steps of the pipeline with their own storage, so they sit between it and
// http/. approvals/ is the JSON of an approval, which webhook, key and settings writes may
// answer; decisions/ (list, approve, reject) renders the approved resource, so it sits above
// them. Each room lists what it may import; everything else of the app is refused.
const ROUTES = ['http'];
const MAY_IMPORT = {
  auth: [],
  db: [],
  http: ['auth', 'clients'],
  idempotency: ['db', 'http'],
  'last-known': ['http'],
  approvals: [...ROUTES],
  'api-keys': [...ROUTES, 'approvals'],
  settings: [...ROUTES, 'approvals'],
  webhooks: [...ROUTES, 'approvals'],
  decisions: [...ROUTES, 'approvals', 'api-keys', 'settings', 'webhooks'],
  'event-types': [...ROUTES],
  admin: [...ROUTES, 'api-keys', 'event-types'],
  'audit-trail': [...ROUTES, 'auth'],
  'audit-logs': [...ROUTES],
  dashboard: [...ROUTES],
  'dead-letters': [...ROUTES],
  deliveries: [...ROUTES],
  events: [...ROUTES],
  health: [...ROUTES],
  'notification-channels': [...ROUTES],
  openapi: [...ROUTES],
  'portal-sessions': [...ROUTES, 'auth'],
  relay: [...ROUTES],
  session: [...ROUTES],
  stats: [...ROUTES, 'auth', 'clients'],
  'wire-profiles': [...ROUTES],
  pipeline: ['auth', 'clients', 'http', 'idempotency', 'last-known'],
};

export default [...root, ...importDirection('gateway', MAY_IMPORT, ['testing', 'app', 'main', 'config', 'clients'])];
