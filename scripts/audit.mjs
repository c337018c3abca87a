#!/usr/bin/env node
// npm run audit:deps — `npm audit --omit=dev`: fails on any high or critical advisory in what
// ships (dev tools are left out). When the advisory service cannot be reached (offline or
// a registry mirror without the audit endpoint), it says so plainly and passes: the version
// floors in tests/security/dependencies.test.ts still hold next and react above the
// releases that fixed the known React Server Components and proxy advisories.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = {};
}

const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const reason = (report.error?.summary || run.stderr || 'no report').split('\n').find((l) => l.trim() && !l.includes('Unknown user config')) ?? 'no report';
  console.log(`npm audit: the advisory service could not be reached (${reason.trim()}).`);
  console.log('npm audit: skipped; dependency floors are enforced by tests/security/dependencies.test.ts.');
  process.exit(0);
}

const summary = ['critical', 'high', 'moderate', 'low', 'info'].map((level) => `${counts[level] ?? 0} ${level}`).join(', ');
console.log(`npm audit --omit=dev: ${summary}`);
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
for (const [name, v] of serious) {
  const via = (v.via ?? []).map((x) => (typeof x === 'string' ? x : `${x.title} (${x.url})`)).join('; ');
  console.log(`  ${v.severity.toUpperCase()} ${name} ${v.range}: ${via}`);
}
process.exit(serious.length ? 1 : 0);
