// One Jest project per Nx project: `jest --selectProjects gateway` runs one, `jest` runs all.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

const moduleNameMapper = { '^@hookline/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' };

const projects = [];
for (const kind of ['libs', 'apps', 'tools']) {
  for (const name of readdirSync(join(__dirname, kind)).sort()) {
    if (!existsSync(join(__dirname, kind, name, 'project.json'))) continue;
    projects.push({
      displayName: name,
      rootDir: __dirname,
      roots: [`<rootDir>/${kind}/${name}`],
      testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
    });
  }
}

module.exports = {
  projects,
  globalSetup: '<rootDir>/tools/test/global-setup.js',
  // Integration suites wait on Kafka group joins and real HTTP; keep a generous default.
  testTimeout: 60_000,
};
