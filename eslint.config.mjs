import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Who may import whom: apps -> libs; platform libs -> util and contract libs; contract libs ->
// util libs, and the proto lib depends on nothing; testing libs only from specs. No app imports another app.
const boundaries = (testing) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'scope:proto', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...testing] },
      { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:util', ...testing] },
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:platform', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:platform', 'type:testing'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:platform', ...testing] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:contract', 'type:platform', 'type:testing'] },
    ],
  },
];
const specFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**/*.ts'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'libs/proto/src/gen/**', '.nx/**', 'tools/**', 'deploy/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    files: specFiles,
    rules: { '@nx/enforce-module-boundaries': boundaries(['type:testing']) },
  },
  {
    // The SDK is installed on its own, outside this repository: what it ships imports no other Hookline lib.
    files: ['libs/sdk/src/**/*.ts'],
    ignores: specFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@hookline/*'], message: '@hookline/sdk ships alone: it may not import another Hookline lib.' }] }] },
  },
];
