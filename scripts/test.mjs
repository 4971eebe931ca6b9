#!/usr/bin/env node
// `npm test`: every suite, in order, with one closing line for the whole run.
//   1. unit tests (pure rules)
//   2. API tests on embedded PGlite
//   3. the same API tests on a PostgreSQL server, when TEST_DATABASE_URL is set (CI sets it, and then
//      a PostgreSQL run is required: CI fails if it cannot run)
//   4. build the web app, then the browser tests (Debian's chromium, headless)
// Extra arguments go to every vitest run (e.g. `npm test -- --reporter=verbose`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const extra = process.argv.slice(2);
const pgUrl = process.env.TEST_DATABASE_URL;
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-test-'));
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];

if (process.env.CI && !pgUrl) {
  console.error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL API run is required in CI.');
  process.exit(1);
}

function run(label, args, env) {
  console.log(`\n=== ${label} ===`);
  const outputFile = path.join(resultsDir, `${label.replace(/\W+/g, '-')}.json`);
  const res = spawnSync(process.execPath, [vitest, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let counted = false;
  if (fs.existsSync(outputFile)) {
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    counted = report.numTotalTests > 0;
  }
  if (res.status !== 0 || !counted) failedSuites.push(label);
}

function build() {
  console.log('\n=== build web app ===');
  const res = spawnSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (res.status !== 0) failedSuites.push('build web app');
  return res.status === 0;
}

run('unit', ['--project', 'unit']);
run('api (PGlite)', ['--project', 'api'], { TEST_DATABASE_URL: '' });
if (pgUrl) run('api (PostgreSQL)', ['--project', 'api'], { TEST_DATABASE_URL: pgUrl });
else console.log('\n(skipping the PostgreSQL API run: set TEST_DATABASE_URL=postgres://… to include it)');
if (build()) run('e2e (chromium)', ['--project', 'e2e']);

fs.rmSync(resultsDir, { recursive: true, force: true });
console.log('');
if (failedSuites.length) console.log(`Failed suites: ${failedSuites.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSuites.length ? 1 : 0);
