#!/usr/bin/env node
// `npm test`: format check, lint, type-check, then every project's tests in one jest run; ends with a plain
// `N passed, N failed` line. `--jest-only` skips lint and type-check. Extra args go to jest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const jestOnly = args.includes('--jest-only');
const jestArgs = args.filter((a) => a !== '--jest-only');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const bin = (name) => resolve(root, 'node_modules/.bin', name);
let failedSteps = 0;

function step(title, command, commandArgs) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(command, commandArgs, { stdio: 'inherit', env, cwd: root });
  const ok = r.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) failedSteps++;
  return ok;
}

if (!jestOnly) {
  step('format (prettier --check; `npm run format` fixes it)', bin('prettier'), [
    '--check',
    '.',
    '--log-level',
    'warn',
  ]);
  step('lint', bin('nx'), ['run-many', '-t', 'lint', '--output-style=static']);
  step('type-check', bin('nx'), ['run-many', '-t', 'typecheck', '--output-style=static']);
}

mkdirSync(resolve(root, 'tmp'), { recursive: true });
const resultsFile = resolve(root, 'tmp/jest-results.json');
rmSync(resultsFile, { force: true });
step(`tests (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'})`, bin('jest'), [
  '-c',
  'jest.config.js',
  '--ci',
  '--json',
  `--outputFile=${resultsFile}`,
  ...jestArgs,
]);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  for (const suite of results.testResults) {
    if (suite.status === 'failed') console.log(`FAILED: ${suite.name.replace(root + '/', '')}`);
  }
} catch {
  failed += 1; // jest did not even produce results
}
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
