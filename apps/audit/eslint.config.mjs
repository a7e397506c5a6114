import root from '../../eslint.config.mjs';
import { importDirection } from '../../tools/eslint/import-direction.mjs';

// Inside audit, imports run down: rpc and retention → query → store → db → chain. chain/ (the
// hash chain, its walks and the retention checkpoint's signature) is pure and depends on nothing;
// store/ appends what the consumer reads; query/ reads and verifies; retention/ verifies before it
// prunes, so it sits above query/. Each room lists what it may import; the rest is refused.
const MAY_IMPORT = {
  chain: [],
  db: ['chain'],
  store: ['chain', 'db'],
  query: ['chain', 'db', 'store'],
  retention: ['chain', 'query'],
  rpc: ['chain', 'query'],
};

export default [...root, ...importDirection('audit', MAY_IMPORT, ['app', 'main', 'config'])];
