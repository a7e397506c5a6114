import root from '../../eslint.config.mjs';
import { importDirection } from '../../tools/eslint/import-direction.mjs';

// Inside ingestion, imports run down: rpc → publish and query → db → events. archive/ (the
// consumer that stores the topic and the retention job) stands beside publish/ and query/ and
// knows neither. bench/ drives a whole instance through the test harness, so it alone may use
// testing/. Each room lists what it may import; everything else of the app is refused.
const MAY_IMPORT = {
  events: [],
  db: ['events'],
  publish: ['db', 'events'],
  query: ['db', 'events'],
  archive: ['db', 'events'],
  rpc: ['db', 'events', 'publish', 'query'],
  bench: ['testing'],
};

export default [...root, ...importDirection('ingestion', MAY_IMPORT, ['testing', 'app', 'main', 'config'])];
