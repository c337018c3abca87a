import os from 'node:os';
import { withSerwist } from '@serwist/turbopack';

/** @type {import('next').NextConfig} */

// Headers for every response, static files included. Pages also get a per-request CSP
// nonce and Cache-Control from proxy.ts (lib/http/security-headers.ts).
const baseHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  ...(process.env.NODE_ENV === 'production' ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

// `npm run dev` opened from 127.0.0.1 or from a phone at this machine's network address:
// Next.js serves its dev resources (/_next/*, the HMR socket) only to the hosts listed here
// besides localhost; without them pages never hydrate ("Blocked cross-origin request").
// Development only; read when the dev server starts.
function localDevHosts() {
  const hosts = new Set(['127.0.0.1']);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if ((a.family === 'IPv4' || a.family === 4) && !a.internal) hosts.add(a.address);
  }
  const name = os.hostname().toLowerCase();
  if (/^[a-z0-9.-]+$/.test(name)) hosts.add(name).add(`${name}.local`);
  return [...hosts];
}

const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', '@react-pdf/renderer', '@resvg/resvg-js'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  allowedDevOrigins: localDevHosts(),
  // The dev badge sat over the portal's bottom navigation on phones (and a corner covers the
  // header's links): hidden. Build and runtime errors are still shown in development.
  devIndicators: false,
  // PROFILE_BUILD=1 npx next build: server code left unminified, so a CPU profile of the app
  // (BENCH_NODE_ARGS=--cpu-prof, scripts/bench.mjs) names our functions and drizzle's.
  ...(process.env.PROFILE_BUILD ? { experimental: { serverMinification: false } } : {}),
  async headers() {
    return [{ source: '/:path*', headers: baseHeaders }];
  },
};

// withSerwist: esbuild stays outside the server bundle; it builds the portal's service worker
// (app/serwist/[path]/route.ts).
export default withSerwist(nextConfig);
