/**
 * Two projects: the app and the pure core (jsdom, swc, mocked Taro), and the server (node, swc).
 * Server suites run each file against PGlite and against the PostgreSQL at 127.0.0.1:5432.
 * @type {import('jest').Config}
 */
module.exports = {
  projects: [
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/core', '<rootDir>/tests/client'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: {
        '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }],
      },
      globals: { API_BASE_URL: '' },
      moduleNameMapper: {
        '^@/(.*)$': '<rootDir>/src/$1',
        // NutUI's per-component styles are imported as ".../style/css", without an extension.
        '^@nutui/nutui-react-taro/dist/.*$': '<rootDir>/tests/__mocks__/style.ts',
        '^@nutui/nutui-react-taro$': '<rootDir>/tests/__mocks__/nutui.tsx',
        '\\.(css|scss|sass|less)$': '<rootDir>/tests/__mocks__/style.ts',
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
      transform: {
        '^.+\\.(t|mj|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
      // typebox and kysely ship ESM only: let swc turn it into CommonJS like our own code.
      transformIgnorePatterns: ['/node_modules/(?!(typebox|kysely)/)'],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
  ],
  testTimeout: 60000,
}
