// One app's import direction as lint rules: each folder of src/ (a room) lists the rooms it may
// import; every other room of the app is refused to it, so an import that runs back up, or a
// circle between rooms, fails lint. Root modules (config, app, main, ...) are rooms too. Tests and
// test harnesses are exempt: they may reach any room. See apps/registry/eslint.config.mjs.
const specFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.spec.tsx', 'src/testing/**'];

export function importDirection(app, mayImport, rootModules = []) {
  const rooms = [...new Set([...Object.keys(mayImport), ...rootModules])];
  return Object.entries(mayImport).map(([room, allowed]) => {
    const refused = rooms.filter((name) => name !== room && !allowed.includes(name));
    const message = `${room}/ may import only ${allowed.length > 0 ? allowed.join(', ') : 'libraries'} of the ${app} (see apps/${app}/eslint.config.mjs).`;
    return {
      files: [`src/${room}/**/*.ts`, `src/${room}/**/*.tsx`],
      ignores: specFiles,
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: refused.map((name) => ({ group: [`../${name}`, `../${name}/**`, `../../${name}`, `../../${name}/**`], message })) },
        ],
      },
    };
  });
}
