#!/usr/bin/env node
// npm test — every test: unit + integration (vitest, real database), then a
// production build and the end-to-end journeys (Playwright, Chromium).
// Pass --no-e2e to skip the browser part, e.g. for a quick loop while coding.
// Ends with one plain "N passed, N failed" line summing both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const reports = '.data/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

const step = (title, cmd, cmdArgs, extraEnv = {}) => {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(`  ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
};
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const finish = (ok) => {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
};

let ok = step('unit + integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]);
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else if (!ok) totals.failed += 1;
if (!ok) finish(false);

if (!args.includes('--no-e2e')) {
  if (!step('production build (next build)', 'npx', ['next', 'build'], { NODE_ENV: 'production' })) {
    totals.failed += 1;
    finish(false);
  }
  ok = step('end-to-end tests (playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` });
  const e2e = readJson(`${reports}/playwright.json`);
  if (e2e) {
    totals.passed += e2e.stats.expected + e2e.stats.flaky;
    totals.failed += e2e.stats.unexpected;
    totals.skipped += e2e.stats.skipped;
  } else if (!ok) totals.failed += 1;
}
finish(ok);
