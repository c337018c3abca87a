#!/usr/bin/env node
// npm run test:faults — database faults against the built app on PostgreSQL (CI runs it
// after the PostgreSQL vitest pass; needs `next build` first and a local server).
//  1. Restart: PostgreSQL is restarted while three clients read pages, poll /api/health and
//     log pain through the real server action. During the outage every request must end
//     quickly and cleanly (the friendly error page, a retryable 503, or an action error
//     without a stack trace), the app must recover without being restarted, and every
//     write the app acknowledged must be in the database afterwards. Prints the recovery time.
//  2. Slow queries: a page whose query waits on a locked table is cut by statement_timeout
//     (DB_STATEMENT_TIMEOUT_MS) and answers with the error page instead of hanging, and a
//     `select pg_sleep(…)` through the app's own db client (db/client.ts) is cancelled.
// Environment: FAULT_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres),
// FAULT_STOP_CMD and FAULT_START_CMD (default: pg_ctlcluster stop / start of the local cluster,
// 2 s apart, so the outage is long enough to be felt yet short), FAULT_PORT (3700).
// The app and its throwaway database are removed at the end, whatever happens.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const serverUrl = process.env.FAULT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const host = new URL(serverUrl).hostname;
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`FAULT_DATABASE_URL must be a local server, not ${host}`);
const cluster = () => `pg_ctlcluster --skip-systemctl-redirect ${readdirSync('/etc/postgresql')[0]} main`;
const stopCmd = process.env.FAULT_STOP_CMD ?? `${cluster()} stop`;
const startCmd = process.env.FAULT_START_CMD ?? `${cluster()} start`;
const OUTAGE_MS = 2000;
const port = Number(process.env.FAULT_PORT ?? 3700);
const base = `http://127.0.0.1:${port}`;
const STATEMENT_TIMEOUT_MS = 2000;
const REQUEST_LIMIT_MS = 15_000; // anything slower counts as a hang
const dbName = `loadline_fault_${process.pid}`;
const dbUrl = (() => { const u = new URL(serverUrl); u.pathname = `/${dbName}`; return u.toString(); })();
const env = {
  ...process.env,
  NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: dbUrl, DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  AUTH_SECRET: 'fault-test-secret-0123456789abcdef0123456789', APP_URL: base,
};

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${message}`); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
let server;

async function main() {
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
  console.log(`▶ fault test: database ${dbName}, app on ${base}`);
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  const seed = spawnSync('npx', ['tsx', '--conditions=react-server', 'db/seed-cli.ts'], { cwd: root, env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr}`);

  server = spawn('npx', ['next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], { cwd: root, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let serverLog = '';
  server.stderr.on('data', (d) => { serverLog += d; });
  for (let i = 0; ; i++) {
    if ((await get('/api/health').catch(() => ({ status: 0 }))).status === 200) break;
    if (i > 120) throw new Error(`the app did not start:\n${serverLog}`);
    await sleep(500);
  }
  const pid = await serverPid();
  const session = await signIn('maria@patients.example', 'loadline-demo');
  const logPainId = actionId('lib/actions/entries/log-pain.ts', 'logPainAction');

  // ---------------------------------------------------------------- 1. restart
  console.log('▶ restart PostgreSQL under load');
  const first = await logPain(session, logPainId, `fault-warmup-${randomUUID()}`);
  check(first.acked, `a write is acknowledged before the fault (${first.status})`);
  const log = [];
  const acked = [];
  let running = true;
  const client = async (n) => {
    for (let i = 0; running; i++) {
      const kind = ['health', 'page', 'write'][(i + n) % 3];
      const started = Date.now();
      let r;
      if (kind === 'health') r = await timed(() => get('/api/health'));
      else if (kind === 'page') r = await timed(() => get('/portal', session));
      else {
        const k = `fault-${n}-${i}-${randomUUID().slice(0, 8)}`;
        r = await timed(() => logPain(session, logPainId, k));
        if (r.acked) acked.push(k);
      }
      log.push({ kind, at: started, ms: Date.now() - started, ...r });
      await sleep(50);
    }
  };
  const clients = [0, 1, 2].map(client);
  await sleep(2000);
  const restartAt = Date.now();
  try {
    execSync(stopCmd, { stdio: 'inherit' });
    await sleep(OUTAGE_MS);
  } finally {
    execSync(startCmd, { stdio: 'inherit' });
  }
  const restartDone = Date.now();
  // Keep the load on until writes have worked again for 3 s (at most 60 s).
  while (Date.now() - restartAt < 60_000) {
    const lastOkWrite = log.filter((e) => e.kind === 'write' && e.acked).at(-1);
    if (lastOkWrite && lastOkWrite.at > restartDone + 3000) break;
    await sleep(250);
  }
  running = false;
  await Promise.all(clients);

  const during = log.filter((e) => e.at >= restartAt);
  const failed = during.filter((e) => !e.ok);
  const firstOk = (kind) => log.find((e) => e.kind === kind && e.at >= restartAt && e.ok && log.some((f) => !f.ok && f.at >= restartAt && f.at < e.at));
  const recovered = ['health', 'page', 'write'].map((k) => firstOk(k) ?? log.filter((e) => e.kind === k && e.at >= restartDone && e.ok)[0]);
  const recoveryMs = Math.max(...recovered.map((e) => (e ? e.at + e.ms - restartAt : Infinity)));
  console.log(`  ${log.length} requests, ${failed.length} failed during the outage; PostgreSQL was stopped and started again in ${restartDone - restartAt} ms`);
  console.log(`  failures by kind: ${JSON.stringify(countBy(failed, (e) => `${e.kind} ${e.status}`))}`);
  check(failed.length > 0, 'the restart was felt (some requests failed while PostgreSQL was down)');
  check(log.every((e) => e.ms < REQUEST_LIMIT_MS), `no request hung (slowest ${Math.max(...log.map((e) => e.ms))} ms, limit ${REQUEST_LIMIT_MS} ms)`);
  check(failed.filter((e) => e.kind === 'health').every((e) => e.status === 503 && e.retryAfter), 'health checks during the outage answered 503 with Retry-After');
  // A page whose shell was already streamed keeps its 200 status; either way it must be the error page.
  check(failed.filter((e) => e.kind === 'page').every((e) => e.friendly), 'pages during the outage showed the friendly error page');
  check(failed.every((e) => !e.stack), 'no response carried a stack trace or internal detail');
  check(failed.filter((e) => e.kind === 'write').every((e) => e.status === 0 ? false : !e.acked), 'writes during the outage were refused, not half-acknowledged');
  check(Number.isFinite(recoveryMs), `the app recovered without a restart: health, pages and writes all worked again ${(recoveryMs / 1000).toFixed(1)} s after the restart began`);
  check((await serverPid()) === pid, 'the same app process served before and after');
  const db = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const keys = [...acked, first.acked ? first.key : null].filter(Boolean);
    const rows = await db`select idempotency_key from pain_reports where idempotency_key in ${db(keys)}`;
    check(rows.length === keys.length, `every acknowledged write is stored (${rows.length} of ${keys.length})`);

    // -------------------------------------------------------------- 2. slow queries
    console.log('▶ statement_timeout');
    const locker = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      await locker.begin(async (tx) => {
        await tx`lock table patients in access exclusive mode`;
        const started = Date.now();
        const page = await timed(() => get('/portal', session), 20_000);
        const took = Date.now() - started;
        // The lock is still held here, so a page that answered at all had its query cancelled: the
        // check is what happened, not how fast (a busy machine may take seconds to get there).
        // (scripts/faults/slow-query.ts below checks that the cancelling is statement_timeout's.)
        check(page.friendly && !page.stack, `a page stuck behind a locked table answered with the error page while the lock was held (HTTP ${page.status}, ${took} ms; statement_timeout ${STATEMENT_TIMEOUT_MS} ms)`);
        check(await browserShowsErrorPage(session), 'in a browser, the page shows the friendly error message with a retry button');
        const health = await timed(() => get('/api/health'));
        check(health.status === 200, 'the health check, which does not touch that table, still answered 200');
        throw new Error('rollback');
      }).catch((e) => { if (e.message !== 'rollback') throw e; });
    } finally {
      await locker.end();
    }
    const after = await timed(() => get('/portal', session));
    check(after.ok, 'once the lock was gone the page loaded again');
    const slow = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/faults/slow-query.ts'], { cwd: root, env, encoding: 'utf8' });
    console.log(slow.stdout.trim().split('\n').map((l) => `  ${l}`).join('\n'));
    check(slow.status === 0, `select pg_sleep(10) through db/client.ts was cancelled by statement_timeout${slow.status ? `: ${slow.stderr}` : ''}`);
  } finally {
    await db.end();
  }
  console.log(`\nrestart recovery: ${(recoveryMs / 1000).toFixed(1)} s; ${acked.length + (first.acked ? 1 : 0)} acknowledged writes, all stored`);
}

/** Opens /portal in Chromium (the lock is held by the caller): the error boundary's text must show. */
async function browserShowsErrorPage(session) {
  const { chromium } = await import('@playwright/test');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext();
    const [name, ...value] = session.split('=');
    await context.addCookies([{ name, value: value.join('='), url: base, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${base}/portal`, { timeout: REQUEST_LIMIT_MS }).catch(() => null);
    await page.getByRole('button', { name: 'Try again' }).waitFor({ timeout: REQUEST_LIMIT_MS });
    const text = await page.locator('body').innerText();
    return /Could not load this page|Something went wrong/.test(text) && !STACK.test(text);
  } catch {
    return false;
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- HTTP helpers
async function timed(fn, limit = REQUEST_LIMIT_MS) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limit);
  try {
    return await fn(controller.signal);
  } catch (error) {
    return { ok: false, status: 0, error: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const STACK = /\n\s+at [^\n]+:\d+:\d+|node_modules\/|ECONNREFUSED|57P01|postgres\.js|Failed query/;

async function get(pathname, session) {
  const res = await fetch(base + pathname, { headers: session ? { cookie: session } : {}, redirect: 'manual' });
  const body = await res.text();
  // Our error text, or Next's error document / streamed error row, which render the app's
  // error boundary (app/error.tsx) in the browser; the browser check below sees that text.
  const friendly = /Something went wrong|Could not load this page|id="__next_error__"|E\{\\?"digest\\?":/.test(body);
  if (process.env.FAULT_DEBUG && (res.status !== 200 || friendly)) console.log(`DEBUG ${pathname} ${res.status}: ${body.replace(/\s+/g, ' ').slice(-1500)}`);
  return { ok: res.status === 200 && !friendly, status: res.status, retryAfter: res.headers.get('retry-after'), friendly, stack: STACK.test(body) };
}

async function logPain(session, id, key) {
  const res = await fetch(`${base}/portal/log`, {
    method: 'POST',
    headers: { cookie: session, 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin: base },
    body: JSON.stringify([null, { idempotencyKey: key, score: '4', notes: 'fault test' }]),
    redirect: 'manual',
  });
  const body = await res.text();
  const acked = res.status === 200 && /"ok":true/.test(body) && /"duplicate":false/.test(body);
  return { ok: acked, acked, key, status: res.status, stack: STACK.test(body) };
}

/** Signs in through Auth.js's own endpoints, as the browser does, and returns the cookie header. */
async function signIn(email, password) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; '), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base }),
    redirect: 'manual',
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return session;
}

function actionId(filename, exportedName) {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8'));
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
  if (!found) throw new Error(`server action ${exportedName} not in the build`);
  return found[0];
}

async function serverPid() {
  const out = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }).stdout;
  return /pid=(\d+)/.exec(out)?.[1] ?? null;
}

const countBy = (xs, f) => xs.reduce((acc, x) => ({ ...acc, [f(x)]: (acc[f(x)] ?? 0) + 1 }), {});

// ---------------------------------------------------------------- run and clean up
let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`fault test could not run: ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  if (server?.pid) {
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  for (let i = 0; i < 20; i++) {
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      break;
    } catch {
      await sleep(500); // the server may still be coming back
    }
  }
  await admin.end({ timeout: 5 });
}
if (failures.length) {
  console.error(`\nfault test: ${failures.length} check(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  exitCode = 1;
}
console.log(exitCode === 0 ? 'fault test passed' : 'fault test FAILED');
process.exit(exitCode);
