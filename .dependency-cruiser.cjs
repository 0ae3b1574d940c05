// The layer rules of docs/architecture.md, checked by `npm run architecture` (part of `npm test`):
//   client: pages → stores, components, navigation;  stores → services, core;  core → nothing of ours
//   server: routes → services;  services → repositories, core;  repositories → the database layer (and core's types)
// Imports that broke a rule when it was written down are listed in .dependency-cruiser-known-violations.json
// (`npm run architecture:baseline` rewrites it): they are the work left, a new one fails the check, and the list
// only ever shrinks.
const PAGES = '^src/(pages|packages/[^/]+/pages)/'
const SERVER_MODULE = '^server/src/modules/[^/]+/'

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is shared by the phone and the server: it imports only itself (and no platform).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/'] },
    },
    {
      name: 'contract-is-schemas-over-core',
      comment: "src/contract holds the API's shapes (TypeBox): it builds on core's vocabulary and nothing else of ours.",
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: ['^src/contract/', '^src/core/', '^node_modules/', '^typebox$'] },
    },
    {
      name: 'client-takes-only-types-from-contract',
      comment: 'The app names the contract\'s types but never loads its schemas: TypeBox stays out of the mini-program bundle.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/contract/' },
      to: { path: '^src/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pages-use-stores-and-components',
      comment: 'A page shows what stores hold and calls their actions; rules live in core behind a store, calls in services behind a store.',
      severity: 'error',
      from: { path: PAGES },
      to: { path: ['^src/services/', '^server/'] },
    },
    {
      name: 'pages-take-rules-from-stores',
      comment: "A page may name core's types (the vocabulary it shows), but runs no rule of core's itself.",
      severity: 'error',
      from: { path: PAGES },
      to: { path: '^src/core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'stores-use-services-and-core',
      comment: 'A store holds state and use cases; it reaches the world through services and the rules through core, never a page.',
      severity: 'error',
      from: { path: '^src/stores/' },
      to: { path: ['^src/(pages|components)/', '^src/packages/', '^server/'] },
    },
    {
      name: 'client-never-imports-server',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-uses-only-core-of-the-app',
      comment: 'The server shares the rules (#core/…) and the API contract (#contract/…), never the phone\'s stores, pages or services.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/contract/'] },
    },
    {
      name: 'routes-use-services',
      comment: 'A route checks its input, calls a use case and shapes the answer: no SQL, no repository.',
      severity: 'error',
      from: { path: `${SERVER_MODULE}routes` },
      to: { path: [`${SERVER_MODULE}repo`, '^server/src/db/'] },
    },
    {
      name: 'services-use-repositories-and-core',
      comment: 'A use case reads like the business: data through repositories, rules from core, no query builder of its own.',
      severity: 'error',
      from: { path: `${SERVER_MODULE}service` },
      to: { path: [`${SERVER_MODULE}routes`, '^server/src/db/(database|schema)'] },
    },
    {
      name: 'repositories-use-the-database-only',
      comment: 'A repository turns rows into records; it calls no use case, route or other module.',
      severity: 'error',
      from: { path: `${SERVER_MODULE}repo` },
      to: { path: `${SERVER_MODULE}(routes|service)` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(scss|css)$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
}
