// Lint: typescript-eslint's recommended rules, plus the layering rule of DESIGN.md:
// src/core is pure and shared by client and server, so it imports nothing from Taro, React, MobX, Node or server/.
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const globals = require('globals')
const { builtinModules } = require('node:module')

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`])

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-results/**', 'bench/results/**', '.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The weapp suite is plain CommonJS run by jest 29 (tests/weapp/jest.config.js).
    files: ['tests/weapp/**/*.js'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'src/core 必须是纯函数：不能依赖 Node 内置模块' })),
        patterns: [
          { group: ['@tarojs/*', 'react', 'react-dom', 'react/*', 'mobx', 'mobx-*', '@nutui/*'], message: 'src/core 必须是纯函数：不能依赖 Taro、React、MobX 或界面库' },
          { group: ['**/server/**', '../../server/*', '**/stores/**', '**/services/**', '**/pages/**'], message: 'src/core 不能依赖 server/ 或界面层' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '规则不读系统时钟：请把 now 作为参数传入' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '规则不读系统时钟：请把 now 作为参数传入' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '规则必须可重复：随机数请作为参数传入' },
      ],
    },
  },
)
