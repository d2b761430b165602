// Two projects: fast unit tests beside the code, and integration tests that
// run against the real Fabric network (started by test/support/global-setup).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] };
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Compiled output and generated network state (Raft keeps *.snap files there,
  // which Jest would otherwise take for its own snapshots).
  modulePathIgnorePatterns: [
    '<rootDir>/.*/dist/',
    '<rootDir>/network/state',
    '<rootDir>/gateway-agent/state',
    '<rootDir>/.demo',
  ],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/network/state'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      setupFiles: ['<rootDir>/test/support/unit-env.ts'],
      testMatch: ['<rootDir>/{chaincode,client,gateway-agent}/src/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{chaincode,client,gateway-agent}/test/integration/**/*.test.ts',
        '<rootDir>/test/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-env.ts'],
    },
  ],
};
