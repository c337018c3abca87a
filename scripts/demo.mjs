#!/usr/bin/env node
// npm run demo — install what is missing, build the app for production (the first time, and
// again only when the sources change), prepare the embedded database (migrations, content,
// demo practice on first run), print the demo logins, serve the build on every network
// interface so that a phone on the same network can open it.
//
// The build is the one `next build` makes for `npm test` too (same command, NODE_ENV=production,
// in .next; APP_URL, AUTH_SECRET and PORT are read when the server runs, not baked in). Next to
// it, .next/loadline-demo-build.json records a hash of the sources it was built from and its
// BUILD_ID: any other build (npm test, a manual `next build`) changes the BUILD_ID, so the demo
// rebuilds rather than trust a build whose sources it does not know. `npm run dev` writes to
// .next/dev and does not touch it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
const STAMP = '.next/loadline-demo-build.json';
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
// Next's own CLI, run by this Node (no npx in between, so signals reach it directly).
const NEXT = path.join('node_modules', 'next', 'dist', 'bin', 'next');

const run = (cmd, args, env = process.env) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/next')) {
  console.log('Installing dependencies (first run only)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

// ---- The sources a build depends on ------------------------------------------------------
// Everything except what only tests, tooling and docs read. Git's list when this is a clone
// (tracked files plus new ones that are not ignored), otherwise a walk of the folder.
const NOT_BUILT = /^(tests|e2e|bench|scripts|\.ci|\.github|test-results|playwright-report|screenshots|backups)\/|^[^/]+\.md$|^(playwright|vitest)\.config\.ts$|^(eslint\.config\.mjs|drizzle\.config\.ts)$/;
const SKIP_DIRS = new Set(['node_modules', '.next', '.data', '.git']);

function sourceFiles() {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
    return [...new Set(out.split('\0').filter(Boolean))];
  } catch {
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (SKIP_DIRS.has(entry.name)) continue;
        const rel = dir === '.' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(rel);
        else if (entry.isFile()) files.push(rel);
      }
    };
    walk('.');
    return files;
  }
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of sourceFiles().filter((f) => !NOT_BUILT.test(f)).sort()) {
    hash.update(file).update('\0');
    hash.update(existsSync(file) ? readFileSync(file) : '(deleted)').update('\0');
  }
  return hash.digest('hex');
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const buildId = () => (existsSync('.next/BUILD_ID') ? readFileSync('.next/BUILD_ID', 'utf8').trim() : null);

/** Runs `next build` with its output shown, and a line every 20 s while it says nothing. */
function build() {
  return new Promise((resolve) => {
    const since = Date.now();
    let quietSince = Date.now();
    const child = spawn(process.execPath, [NEXT, 'build'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    const relay = (stream) => (chunk) => {
      quietSince = Date.now();
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    const ticker = setInterval(() => {
      if (Date.now() - quietSince >= 20_000) {
        console.log(`  … still building (${Math.round((Date.now() - since) / 1000)} s so far)`);
        quietSince = Date.now();
      }
    }, 5_000);
    const stop = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
    child.on('exit', (code, signal) => {
      clearInterval(ticker);
      for (const s of ['SIGINT', 'SIGTERM']) process.off(s, stop);
      if (signal) process.exit(1); // stopped (Ctrl+C): no build, and nothing to report
      resolve(code === 0);
    });
  });
}

// ---- Build when needed ---------------------------------------------------------------------
const hashStarted = Date.now();
const sources = sourceHash();
const stamp = readJson(STAMP);
const current = buildId();
if (current && stamp?.sources === sources && stamp?.buildId === current) {
  console.log(`Using the production build in .next (sources unchanged, checked in ${seconds(hashStarted)}).`);
} else {
  const why = !current ? 'no build yet' : stamp?.buildId !== current ? 'the build in .next was made by another command' : 'the sources changed';
  console.log(`\n▶ Building Loadline for production (${why}). This takes a minute or two (about 75 s the first time on a 2-core machine); later runs start in seconds.\n`);
  const buildStarted = Date.now();
  if (!(await build())) {
    console.error('\nThe production build failed (see above). Fix the error and run `npm run demo` again.');
    process.exit(1);
  }
  // Hashed again: the sources as they are now are the ones the next run compares with.
  writeFileSync(STAMP, `${JSON.stringify({ sources: sourceHash(), buildId: buildId(), builtAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`\n✓ Built in ${seconds(buildStarted)}.\n`);
}

// ---- Database and secret -------------------------------------------------------------------
// A production server needs AUTH_SECRET: the demo uses the one development keeps in .data
// (made once), so sessions survive restarts and carry over between `npm run demo` and `npm run dev`.
if (!process.env.AUTH_SECRET) {
  const file = path.join('.data', 'dev-auth-secret');
  if (!existsSync(file)) {
    mkdirSync('.data', { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, 'utf8').trim();
}
if (!process.env.DATABASE_URL) console.log(`Using the embedded database in ${process.env.PGLITE_DIR ?? '.data/pglite'} (set DATABASE_URL to use PostgreSQL).`);
run('npx', ['tsx', '--conditions=react-server', 'db/seed-cli.ts']);

// ---- Serve ---------------------------------------------------------------------------------
const networkAddresses = Object.values(os.networkInterfaces())
  .flat()
  .filter((a) => a && (a.family === 'IPv4' || a.family === 4) && !a.internal)
  .map((a) => a.address);
const serverEnv = { ...process.env, NODE_ENV: 'production', PORT: port };
console.log(`\nStarting Loadline (production build) on port ${port} …`);
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, NEXT, 'start', '--hostname', host, '--port', port], { stdio: 'inherit', env: serverEnv });
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

// Say where to open it once it answers.
const probe = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
for (let i = 0; i < 240; i++) {
  await new Promise((r) => setTimeout(r, 250));
  const ok = await fetch(`http://${probe.includes(':') ? `[${probe}]` : probe}:${port}/api/health`).then((r) => r.ok, () => false);
  if (!ok) continue;
  const lines = [`\n✓ Loadline is ready (${seconds(started)} after npm run demo).`, `  On this computer:   http://localhost:${port}`];
  if (host === '0.0.0.0' || host === '::') {
    for (const address of networkAddresses) lines.push(`  On your network:    http://${address}:${port}   (a phone on the same Wi-Fi; links and handouts follow the address you open)`);
  }
  lines.push('  Stop with Ctrl+C.\n');
  console.log(lines.join('\n'));
  break;
}
