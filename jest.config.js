// Three tiers (see README): unit specs beside the source run in milliseconds with no services;
// integration specs (*.int-spec.ts) and end-to-end specs (test/**/*.e2e-spec.ts) run against a
// real PostgreSQL, Redis and SMTP listener that test/setup/global-setup.ts starts (unless
// DATABASE_URL, REDIS_URL and SMTP_URL are given). Jest runs a project's globalSetup only when
// one of its tests is selected, so unit runs stay fast.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      // `@duban/<name>` → libs/<name>/src, rewritten as SWC compiles (tsconfig `paths`; the build
      // does the same with Nest's compiler). Also for the global setup, which Jest's module mapping misses.
      baseUrl: __dirname,
      paths: { '@duban/*': ['libs/*/src'] },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,apps}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
