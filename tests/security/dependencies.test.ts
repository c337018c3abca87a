// The installed next and react are at or above the releases that fixed the React Server
// Components and proxy (middleware) bypass advisories of 2025-2026. `npm audit --omit=dev`
// (scripts/audit.mjs, run by .ci/run) checks everything else against the live advisory
// database; this test holds the floors even where that database cannot be reached.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const installed = (name: string): string => (JSON.parse(readFileSync(path.resolve(__dirname, '../../node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** -1, 0 or 1 comparing plain x.y.z versions (a pre-release sorts before its release). */
function compare(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('-', 2) as [string, string | undefined];
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) < (y.nums[i] ?? 0) ? -1 : 1;
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return 0;
}

// Each floor is the first release (in our major line) with the fix.
const FLOORS: { pkg: string; min: string; why: string }[] = [
  { pkg: 'next', min: '16.0.7', why: 'CVE-2025-66478 / CVE-2025-55182: RSC "Flight" deserialisation, unauthenticated remote code execution (Dec 2025)' },
  { pkg: 'next', min: '16.0.10', why: 'CVE-2025-55184, CVE-2025-67779 (RSC denial of service), CVE-2025-55183 (server function source exposure) (Dec 2025)' },
  { pkg: 'next', min: '16.1.5', why: 'CVE-2026-23864: RSC denial of service (Jan 2026)' },
  { pkg: 'next', min: '16.2.3', why: 'CVE-2026-23869: denial of service with Server Components (Apr 2026)' },
  { pkg: 'next', min: '16.2.6', why: 'GHSA-267c-6grr-h53f, GHSA-26hh-7cqf-hhc6, GHSA-492v-c6pp-mqqv: middleware/proxy bypasses; GHSA-ffhc-5mcf-pf4q: CSP nonce XSS (May 2026)' },
  { pkg: 'next', min: '16.2.11', why: 'July 2026 security release: proxy bypasses (CVE-2026-64642), SSRF, RSC cache poisoning' },
  { pkg: 'next', min: '16.3.3', why: 'GHSA-2xp9-vwfh-vxw4, GHSA-p293-qw3h-jr36: unauthenticated remote code execution (Aug 2026)' },
  { pkg: 'next', min: '16.4.2', why: 'October 2026 security release (the 16.4 line)' },
  { pkg: 'react', min: '19.3.1', why: 'GHSA-xqc2-xf4c-x3h3 (RSC remote code execution) and GHSA-h3gv-c5rc-p453 (server functions DoS) affect 19.3.0' },
  { pkg: 'react-dom', min: '19.3.1', why: 'released with react; must match it' },
];

describe('dependency floors', () => {
  it.each(FLOORS)('$pkg >= $min ($why)', ({ pkg, min }) => {
    expect(compare(installed(pkg), min), `${pkg} ${installed(pkg)} is below ${min}`).toBeGreaterThanOrEqual(0);
  });

  it('react and react-dom are the same release', () => {
    expect(installed('react-dom')).toBe(installed('react'));
  });

  it('the comparison itself is right', () => {
    expect(compare('16.4.6', '16.4.2')).toBe(1);
    expect(compare('16.4.2', '16.4.2')).toBe(0);
    expect(compare('16.10.0', '16.4.2')).toBe(1);
    expect(compare('16.4.2-canary.1', '16.4.2')).toBe(-1);
    expect(compare('15.9.9', '16.0.7')).toBe(-1);
  });
});
