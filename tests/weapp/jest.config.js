/**
 * The weapp suite: the production `dist/weapp` build in WeChat's simulator (miniprogram-simulate 1.6.2), which
 * needs jest 29 + jsdom 29 (installed as the aliases jest29 / jest-environment-jsdom29), so it is kept apart
 * from the jest 30 projects of jest.config.js. Run with `npm run test:weapp` after `npm run build:weapp`.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/tests/weapp'],
  testMatch: ['**/*.weapp.test.js'],
  testEnvironment: require.resolve('jest-environment-jsdom29'),
  // The build is already plain ES2020 and our harness is CommonJS: nothing to transform.
  transform: {},
  globalSetup: '<rootDir>/tests/weapp/harness/global-setup.js',
  globalTeardown: '<rootDir>/tests/weapp/harness/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/tests/weapp/harness/fail-on-console-error.js'],
  testTimeout: 60000,
  maxWorkers: 2,
  // The app keeps timers (sync backoff, countdowns) that a page's unload does not stop in the simulator.
  forceExit: true,
}
