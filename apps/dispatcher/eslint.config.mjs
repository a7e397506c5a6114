import root from '../../eslint.config.mjs';

// Inside the dispatcher, imports run one way, the pipeline's: fan-out → admission → lanes →
// deliver → record → db. model/ (vocabulary) and the root modules metrics, ids and peers may be
// used by all; routing/ and webhook-config/ depend on nothing of the app but peers.ts and model/.
// Each folder lists what it may import; everything else of the app is refused. Tests are exempt.
const LEAF = ['model', 'metrics', 'ids'];
const MAY_IMPORT = {
  model: [],
  routing: ['model', 'peers'],
  'webhook-config': ['model', 'peers'],
  db: [...LEAF],
  record: [...LEAF, 'db', 'peers', 'webhook-config'],
  deliver: [...LEAF, 'record', 'db', 'peers', 'webhook-config'],
  lanes: [...LEAF, 'routing', 'webhook-config'],
  admission: [...LEAF, 'lanes', 'record', 'routing'],
  'fan-out': [...LEAF, 'admission', 'db', 'routing'],
  retry: [...LEAF, 'admission', 'db'],
  'pause-and-disable': [...LEAF, 'db', 'peers', 'record', 'routing'],
  retention: [...LEAF, 'db'],
  stats: [...LEAF, 'db'],
  api: [...LEAF, 'db', 'peers', 'webhook-config'],
  rpc: [...LEAF, 'api', 'stats', 'db'],
};
const ROOM_NAMES = [...Object.keys(MAY_IMPORT), 'testing', 'app', 'main', 'config', 'metrics', 'ids', 'peers'];
const specFiles = ['**/*.spec.ts', '**/*.int-spec.ts', 'src/testing/**'];

const direction = Object.entries(MAY_IMPORT).map(([room, allowed]) => {
  const refused = ROOM_NAMES.filter((name) => name !== room && !allowed.includes(name));
  return {
    files: [`src/${room}/**/*.ts`],
    ignores: specFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: refused.map((name) => ({
            group: [`../${name}`, `../${name}/**`],
            message: `${room}/ may import only ${allowed.length > 0 ? allowed.join(', ') : 'libraries'} of the dispatcher (see apps/dispatcher/eslint.config.mjs).`,
          })),
        },
      ],
    },
  };
});

export default [...root, ...direction];
