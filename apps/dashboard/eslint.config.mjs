import root from '../../eslint.config.mjs';
import { importDirection } from '../../tools/eslint/import-direction.mjs';

// Inside the dashboard, imports run down: main.tsx → routes.tsx → pages (one folder per part of
// the API) → auth/, stats/ and ui/ → api/. api/ is the ground: the typed REST client, the key it
// carries (session.ts) and the queries pages share (the event-type catalog, the settings). A page
// may show another's table (a webhook shows its deliveries), never the other way round. Each room
// lists what it may import; everything else of the app is refused.
const MAY_IMPORT = {
  api: [],
  ui: ['api'],
  auth: ['api', 'ui'],
  stats: ['api', 'ui'],
  layout: ['api', 'auth', 'ui'],
  'api-keys': ['api', 'ui'],
  audit: ['api', 'ui'],
  approvals: ['api', 'auth', 'ui'],
  settings: ['api', 'auth', 'ui'],
  deliveries: ['api', 'auth', 'ui'],
  events: ['api', 'deliveries', 'ui'],
  webhooks: ['api', 'auth', 'deliveries', 'stats', 'ui'],
};

export default [...root, ...importDirection('dashboard', MAY_IMPORT, ['routes', 'main'])];
