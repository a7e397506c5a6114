import root from '../../eslint.config.mjs';
import { importDirection } from '../../tools/eslint/import-direction.mjs';

// Inside the registry, imports run down: rpc → use cases → the vocabulary and the store.
// common/ (request scope, clock, deps) and db/ (entities, units of work, pages) are the ground;
// model/ holds what a webhook and an approval are (types and pure functions, no I/O). Asking for
// an approval (request-approval/, with principals/: whom a request acts for) sits below every
// capability that may need one, so webhooks/, api-keys/ and settings/ call down into it;
// deciding approvals (decisions/) sits above them, since approving applies their changes.
// Getting an organization is low (settings read it); creating one (new-organization/) is above
// api-keys/, since it issues the first admin key. dispatcher-api/ answers the dispatcher's
// internal calls. Each room lists what it may import; everything else of the app is refused.
const GROUND = ['common', 'db'];
const MAY_IMPORT = {
  common: [],
  db: ['common'],
  model: [...GROUND],
  secrets: [...GROUND, 'model'],
  outbox: [...GROUND],
  principals: [...GROUND],
  organizations: [...GROUND],
  'event-types': [...GROUND, 'outbox'],
  'request-approval': [...GROUND, 'model', 'outbox', 'principals', 'secrets'],
  settings: [...GROUND, 'model', 'outbox', 'organizations', 'request-approval'],
  webhooks: [...GROUND, 'model', 'outbox', 'secrets', 'event-types', 'request-approval', 'settings'],
  'api-keys': [...GROUND, 'model', 'outbox', 'principals', 'request-approval', 'settings'],
  'portal-sessions': [...GROUND, 'outbox', 'principals'],
  'wire-profiles': [...GROUND, 'model', 'outbox', 'event-types'],
  'new-organization': [...GROUND, 'outbox', 'organizations', 'api-keys'],
  decisions: [...GROUND, 'model', 'outbox', 'principals', 'settings', 'api-keys', 'webhooks'],
  'dispatcher-api': [...GROUND, 'model', 'webhooks', 'wire-profiles'],
  'domain-metrics': [],
  rpc: [...GROUND, 'model', 'organizations', 'event-types', 'settings', 'webhooks', 'api-keys', 'portal-sessions', 'wire-profiles', 'new-organization', 'decisions', 'dispatcher-api'],
};

export default [...root, ...importDirection('registry', MAY_IMPORT, ['testing', 'app', 'main', 'config'])];
