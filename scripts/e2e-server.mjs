#!/usr/bin/env node
// Starts the built app for the end-to-end tests on a throwaway embedded database
// (or on DATABASE_URL when set), seeded with the demo practice.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
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
const seed = spawnSync('npx', ['tsx', '--conditions=react-server', 'db/seed-cli.ts'], { stdio: 'inherit', env });
if (seed.status !== 0) process.exit(seed.status ?? 1);
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'node_modules/next/dist/bin/next', 'start', '--port', port, '--hostname', '127.0.0.1'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
