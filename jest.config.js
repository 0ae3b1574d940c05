/**
 * Three projects: the pure core (node), the app (jsdom, mocked Taro) and the server (node), all compiled by swc.
 * Server suites run each file against PGlite and against the PostgreSQL at 127.0.0.1:5432.
 * @type {import('jest').Config}
 */
/** These packages ship ESM only: swc turns them into CommonJS like our own code. */
const ESM_ONLY = '/node_modules/(?!(typebox|kysely|@noble/hashes)/)'

module.exports = {
  projects: [
    {
      displayName: 'core',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/core'],
      testMatch: ['**/*.test.ts'],
      transform: {
        '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }],
        '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2020' }, module: { type: 'commonjs' } }],
      },
      transformIgnorePatterns: [ESM_ONLY],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/client'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: {
        '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }],
        '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2020' }, module: { type: 'commonjs' } }],
      },
      transformIgnorePatterns: [ESM_ONLY],
      globals: { API_BASE_URL: '' },
      moduleNameMapper: {
        // Styles first: a stylesheet imported through the @/ alias is still a stylesheet.
        '\\.(css|scss|sass|less)$': '<rootDir>/tests/__mocks__/style.ts',
        // Pictures are files the build copies; a test tells them apart by where they are used.
        '\\.(png|jpe?g|gif|svg)$': '<rootDir>/tests/__mocks__/file.ts',
        '^@/(.*)$': '<rootDir>/src/$1',
        // NutUI's per-component styles are imported as ".../style/css", without an extension.
        '^@nutui/nutui-react-taro/dist/.*$': '<rootDir>/tests/__mocks__/style.ts',
        '^@nutui/nutui-react-taro$': '<rootDir>/tests/__mocks__/nutui.tsx',
        '^@tarojs/components$': '<rootDir>/tests/__mocks__/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/tests/__mocks__/taro.ts',
      },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/server'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/tests/server/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/server/helpers/global-teardown.ts',
      transform: {
        '^.+\\.(t|mj|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
      transformIgnorePatterns: [ESM_ONLY],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
  ],
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker; server suites mostly wait on PostgreSQL, so two overlap well.
  maxWorkers: 2,
}
