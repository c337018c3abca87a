#!/usr/bin/env node
// Starts the built app for the end-to-end tests on a throwaway embedded database
// (or on DATABASE_URL when set), seeded with the demo practice.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

const port = process.env.E2E_PORT ?? '3100';
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'production',
  PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? '.data/e2e-pglite',
  AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-0123456789abcdef0123456789',
  APP_URL: `http://127.0.0.1:${port}`,
};
if (!process.env.DATABASE_URL) rmSync(env.PGLITE_DIR, { recursive: true, force: true });
if (!existsSync('.next/BUILD_ID')) {
  console.error('No production build found: run `npx next build` first (npm test does).');
  process.exit(1);
}
// This serves the build as it is: after an edit, `npx playwright test` alone would test the code
// as it was at the last build (`npm test` builds first). Say so rather than pass on old code.
const newest = newestSource(['app', 'lib', 'db', 'content', 'proxy.ts', 'next.config.mjs']);
if (newest && newest.mtimeMs > statSync('.next/BUILD_ID').mtimeMs) {
  console.error(`The production build is older than ${newest.file}: these tests run the code of the last build. Run \`npx next build\` first (npm test does).`);
}
const seed = spawnSync('npx', ['tsx', '--conditions=react-server', 'db/seed-cli.ts'], { stdio: 'inherit', env });
if (seed.status !== 0) process.exit(seed.status ?? 1);
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'node_modules/next/dist/bin/next', 'start', '--port', port, '--hostname', '127.0.0.1'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

/** The most recently changed file under these paths (skipping missing ones). */
function newestSource(paths) {
  let newest = null;
  const visit = (file) => {
    if (!existsSync(file)) return;
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const name of readdirSync(file)) visit(path.join(file, name));
    } else if (!newest || stat.mtimeMs > newest.mtimeMs) {
      newest = { file, mtimeMs: stat.mtimeMs };
    }
  };
  for (const p of paths) visit(p);
  return newest;
}
