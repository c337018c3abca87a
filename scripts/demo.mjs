#!/usr/bin/env node
// npm run demo — install what is missing, prepare the embedded database (migrations,
// content, demo practice on first run), print the demo logins, start the app.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/next')) {
  console.log('Installing dependencies (first run only)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}
if (!process.env.DATABASE_URL) console.log(`Using the embedded database in ${process.env.PGLITE_DIR ?? '.data/pglite'} (set DATABASE_URL to use PostgreSQL).`);
run('npx', ['tsx', '--conditions=react-server', 'db/seed-cli.ts']);
const port = process.env.PORT ?? '3000';
console.log(`\nStarting Loadline at http://localhost:${port} …\n`);
const child = spawn('npx', ['next', 'dev', '--port', port], { stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
