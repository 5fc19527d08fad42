// The layering `npm run check` holds the code to (dependency-cruiser, https://github.com/sverweij/dependency-cruiser).
// From the bottom up: objects/ (the wire protocol, the pure cores and the Durable Objects' hosts)
// → worker/ (the Hono app, its feature folders and the D1 layer, which also hands the objects
// their stores) → scripts/ (npm start, npm run admin). client/ sees the server only through the
// protocol and through types. Tests and benchmarks may reach anything.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'objects-not-to-worker',
      severity: 'error',
      comment: 'The objects are the lower layer: they get D1 through stores the Worker hands them (worker/index.ts).',
      from: { path: '^objects/' },
      to: { path: '^(worker|scripts|client)/' },
    },
    {
      name: 'server-not-to-client',
      severity: 'error',
      from: { path: '^(objects|worker)/' },
      to: { path: '^client/' },
    },
    {
      name: 'client-only-protocol-and-types',
      severity: 'error',
      comment: 'A browser bundle must not pull in server code: values only from objects/protocol.ts and the shared rules; anything else as types.',
      from: { path: '^client/' },
      to: { path: '^(objects|worker)/', pathNot: '^objects/(protocol|rules/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-cores-run-anywhere',
      severity: 'error',
      comment: 'The pure cores are tested under Node and Deno: no cloudflare:* and no node:* imports.',
      from: { path: '^objects/(protocol|identity|rules/|chat/(logic|timers|rate|transcript|projection|store|notices)|lobby/queue|agent/store)' },
      to: { path: '^(cloudflare|node):', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules/|^dist/|\\.generated\\.d\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
