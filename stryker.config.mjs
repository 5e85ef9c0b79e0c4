// Mutation testing of the engine's core files (issue 10.12): `npm run mutation` (a dev command,
// not in CI: slow on 2 cores). One file at a time, with the tests that aim at it:
//   MUTATE=lib/worker/event-worker.ts npm run mutation
// Report: reports/mutation/mutation.html; surviving mutants judged equivalent are listed in README "Tests".
const core = (name) => `dist/test/core/${name}.test.js`;
const targets = {
  'lib/emission/emission-pipeline.ts': ['emission', 'canonical-form', 'mutation-holes'],
  'lib/emission/canonical-form.ts': ['canonical-form'],
  'lib/outbox/outbox-store.ts': ['relay', 'relay-lease', 'relay-continuity', 'mutation-holes'],
  'lib/outbox/relay.ts': ['relay', 'relay-lease', 'relay-continuity', 'mutation-holes'],
  'lib/worker/event-worker.ts': ['worker', 'worker-faults', 'mutation-holes'],
  'lib/catalog/consistency.ts': ['catalog', 'mutation-holes'],
  'lib/testing/chai-plugin.ts': ['chai-plugin', 'mutation-holes'],
};
const chosen = process.env.MUTATE ? process.env.MUTATE.split(',') : Object.keys(targets);
for (const file of chosen) if (!targets[file]) throw new Error(`MUTATE=${file}: not one of ${Object.keys(targets).join(', ')}`);

export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  buildCommand: 'npx tsc -p tsconfig.json',
  mochaOptions: { config: '.mocharc.json', spec: [...new Set(chosen.flatMap((f) => targets[f].map(core)))] },
  mutate: chosen,
  ignorePatterns: ['dist', 'data', '.stryker-tmp', 'reports'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // A mutant that stalls the pipeline stalls its test: detected, no need to wait long for it.
  timeoutMS: 3000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
