/**
 * Jest, in three projects so that the counts say what they prove:
 * - add-on:  the add-on itself — unit tests of the TypeScript core and services, the built dist/Code.js against the
 *            sandbox (integration), and the sidebar in Chromium (browser);
 * - fakes:   the Apps Script fakes behave like Apps Script;
 * - sandbox: the sandbox OData server behaves like the OData server it stands for.
 * One sandbox child process serves all of them (globalSetup); test/support/count-reporter.js prints the counts
 * per project before Jest's own summary.
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60000,
  // A browser test that fails while starting its workbench must not keep CI waiting on a child process: Jest still
  // warns about the open handle, but exits.
  forceExit: true,
  reporters: ['<rootDir>/test/support/count-reporter.js', 'default'],
  projects: [
    {
      ...shared,
      displayName: 'add-on',
      testMatch: ['<rootDir>/test/{unit,integration,browser}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/fakes/'],
    },
    { ...shared, displayName: 'fakes', testMatch: ['<rootDir>/test/unit/fakes/**/*.test.ts'] },
    { ...shared, displayName: 'sandbox', testMatch: ['<rootDir>/test/sandbox/**/*.test.ts'] },
  ],
};
