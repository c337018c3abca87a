#!/usr/bin/env node
// npm run test:instances — two production app instances and one separate worker on one
// PostgreSQL database (issue 18). Needs a production build (`npx next build`) and a local
// PostgreSQL server; creates and drops its own throwaway database.
//
//  1. Migrates and seeds the demo, starts a loopback SMTP server (smtp-server), two
//     `next start` instances (LOADLINE_WORKER=off) and one `npm run worker`.
//  2. Mixed load, counted in inputs: every round each portal patient logs pain and a session
//     with one idempotency key sent to both instances at once (a double submit across the load
//     balancer), some with warning signs (safety emails); staff sign in on either instance; the
//     physio acknowledges open alerts, some on both instances at once. Instance B is killed
//     and started again mid-way; requests that found it down are retried on A with the same
//     key, as a client behind a load balancer would.
//  3. The daily refresh: every stored alert row is set a day back and the worker must bring
//     them all to today (no page is opened).
//  4. Checks: no duplicate rows, every acknowledged write stored, one email per safety
//     notification (none twice), every active patient's alert row fresh and matching its
//     latest pain report, sign-in throttling and session revocation hold across instances.
// Prints a summary; exits 1 on any failed check.
//
// Environment: INSTANCES_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres),
// INSTANCES_PORTS (default 3194,3195), INSTANCES_ROUNDS (default 24).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { stopProcessGroup } from './process-group.mjs';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const serverUrl = process.env.INSTANCES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!['127.0.0.1', 'localhost', '::1'].includes(new URL(serverUrl).hostname)) throw new Error('INSTANCES_DATABASE_URL must be a local server');
const ports = (process.env.INSTANCES_PORTS ?? '3194,3195').split(',').map(Number);
if (ports.length !== 2 || ports.some((p) => !Number.isInteger(p) || p < 1024)) throw new Error('INSTANCES_PORTS must be two ports, e.g. 3194,3195');
const ROUNDS = Number(process.env.INSTANCES_ROUNDS ?? 24);
const RESTART_AT_ROUND = Math.floor(ROUNDS / 2);
const dbName = `loadline_instances_${process.pid}`;
const dbUrl = (() => { const u = new URL(serverUrl); u.pathname = `/${dbName}`; return u.toString(); })();
const PASSWORD = 'loadline-demo'; // db/seed.ts
const COOKIE = 'authjs.session-token';
const PATIENTS = ['priya@patients.example', 'tom@patients.example', 'maria@patients.example', 'aisha@patients.example'];
const STAFF = ['sam@riverside.example', 'jo@riverside.example', 'admin@riverside.example', 'kai@harbour.example'];
const LOCKED = 'aisha@patients.example'; // locked out at the end, after the load
const REQUEST_LIMIT_MS = 60_000; // a slower answer counts as a hang

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${message}`); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
let db;
const children = new Set();

// ---------------------------------------------------------------- processes
const baseEnv = {
  ...process.env,
  NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: dbUrl,
  AUTH_SECRET: 'instances-test-secret-0123456789abcdef0123456789',
  LOADLINE_WORKER: 'off', MAIL_FROM: 'Loadline <no-reply@loadline.test>',
};

function startProcess(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.log = '';
  const keep = (d) => { child.log = (child.log + d).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.name = name;
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
const instances = ports.map((port, i) => ({ name: 'AB'[i], port, base: `http://127.0.0.1:${port}`, child: null }));
async function startInstance(instance) {
  const bin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  instance.child = startProcess(`instance ${instance.name}`, process.execPath, [...SERVER_NODE_FLAGS, bin, 'start', '-p', String(instance.port), '-H', '127.0.0.1'], { ...baseEnv, PORT: String(instance.port), APP_URL: instance.base, SMTP_URL: smtp.url });
  for (let i = 0; ; i++) {
    const up = await fetch(`${instance.base}/api/health`).then((r) => r.status === 200, () => false);
    if (up) return;
    if (instance.child.exitCode !== null || i > 240) throw new Error(`instance ${instance.name} did not start:\n${instance.child.log}`);
    await sleep(250);
  }
}

// ---------------------------------------------------------------- SMTP peer on loopback
const smtp = { url: '', messages: [], server: null };
async function startSmtp() {
  smtp.server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], authOptional: true, logger: false, disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          smtp.messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        }, callback);
      });
    },
  });
  await new Promise((resolve, reject) => { smtp.server.server.once('error', reject); smtp.server.listen(0, '127.0.0.1', resolve); });
  smtp.url = `smtp://127.0.0.1:${smtp.server.server.address().port}`;
}

// ---------------------------------------------------------------- HTTP helpers
async function request(url, init = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_LIMIT_MS);
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: controller.signal });
    return { status: res.status, headers: res.headers, body: await res.text() };
  } catch (error) {
    return { status: 0, headers: new Headers(), body: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Signs in through Auth.js's own endpoints, as the browser does: the session cookie, or why not. */
async function signIn(instance, email, password) {
  const csrf = await request(`${instance.base}/api/auth/csrf`);
  if (csrf.status !== 200) return { cookie: null, status: csrf.status, code: 'unreachable' };
  const { csrfToken } = JSON.parse(csrf.body);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await request(`${instance.base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; '), origin: instance.base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: instance.base }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith(`${COOKIE}=`)) ?? null;
  const code = new URL(res.headers.get('location') ?? instance.base, instance.base).searchParams.get('code');
  return { cookie, status: res.status, code, csrfCookies: cookies, csrfToken };
}

async function signOut(instance, cookie) {
  const csrf = await request(`${instance.base}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = JSON.parse(csrf.body);
  const csrfCookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  return request(`${instance.base}/api/auth/signout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [cookie, ...csrfCookies].join('; '), origin: instance.base },
    body: new URLSearchParams({ csrfToken, callbackUrl: instance.base }),
  });
}

const sessionCheck = (instance, cookie) => request(`${instance.base}/api/session-check`, { headers: { cookie } }).then((r) => r.status);

function actionIds() {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8'));
  const find = (filename, exportedName) => {
    const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === exportedName);
    if (!found) throw new Error(`server action ${exportedName} not in the build`);
    return found[0];
  };
  return {
    logPain: { id: find('lib/actions/entries/log-pain.ts', 'logPainAction'), page: '/portal/log' },
    logSession: { id: find('lib/actions/entries/log-session.ts', 'logSessionAction'), page: '/portal/log' },
    acknowledge: { id: find('lib/actions/alerts/acknowledge-alert.ts', 'acknowledgeAlertAction'), page: '/dashboard' },
  };
}

/** Calls a server action as the browser does; ok when the app answered {"ok":true}. */
async function callAction(instance, action, cookie, input) {
  const res = await request(`${instance.base}${action.page}`, {
    method: 'POST',
    headers: { cookie, 'next-action': action.id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin: instance.base },
    body: JSON.stringify(['$undefined', input]),
  });
  return { status: res.status, ok: res.status >= 200 && res.status < 300 && /"ok":true/.test(res.body), refused: /"ok":false/.test(res.body), body: res.body.slice(0, 400) };
}

// ---------------------------------------------------------------- the load
async function main() {
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
  console.log(`▶ two instances on ${instances.map((i) => i.base).join(' and ')}, one worker, database ${dbName}, ${ROUNDS} rounds`);
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  const seed = spawnSync('npx', ['tsx', '--conditions=react-server', 'db/seed-cli.ts'], { cwd: root, env: { ...baseEnv, NODE_ENV: 'production' }, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr}`);
  db = postgres(dbUrl, { max: 2, onnotice: () => {} });
  await startSmtp();
  await Promise.all(instances.map(startInstance));
  const worker = startProcess('worker', 'npx', ['tsx', '--conditions=react-server', 'scripts/worker.ts'], { ...baseEnv, SMTP_URL: smtp.url, WORKER_POLL_MS: '500', APP_URL: instances[0].base });
  const [A, B] = instances;
  const actions = actionIds();
  const [practice] = await db`SELECT id, time_zone FROM practices WHERE slug = 'riverside'`;
  const [{ loadStarted }] = await db`SELECT now() AS "loadStarted"`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: practice.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

  // Sessions: patients and the physio sign in on alternating instances; each cookie is then used on both.
  const cookies = {};
  for (const [i, email] of [...PATIENTS, STAFF[0]].entries()) {
    const r = await signIn(instances[i % 2], email, PASSWORD);
    if (!r.cookie) throw new Error(`${email} could not sign in on instance ${instances[i % 2].name} (${r.status} ${r.code})`);
    cookies[email] = r.cookie;
  }
  const physio = cookies[STAFF[0]];

  const stats = { sent: 0, acked: 0, retriedOnA: 0, signIns: 0, signInsOk: 0, acks: 0, acksOk: 0, acksRefused: 0 };
  const ackedKeys = { pain: new Set(), session: new Set() };
  const ackedAlerts = new Set();
  const upB = { value: true };

  /** One write with one key to both instances at once; a side that found its instance down retries on A. */
  async function doubleSubmit(kind, cookie, input) {
    const action = kind === 'pain' ? actions.logPain : actions.logSession;
    const results = await Promise.all(instances.map(async (instance) => {
      stats.sent += 1;
      let r = await callAction(instance, action, cookie, input);
      for (let attempt = 0; !r.ok && r.status === 0 && attempt < 3; attempt++) {
        stats.retriedOnA += 1;
        stats.sent += 1;
        r = await callAction(A, action, cookie, input);
      }
      if (!r.ok && !r.refused) throw new Error(`${kind} on ${instance.name} failed (${r.status}): ${r.body}`);
      return r;
    }));
    for (const r of results) if (r.ok) { stats.acked += 1; ackedKeys[kind].add(input.idempotencyKey); }
  }

  const openAlerts = await db`
    SELECT s.patient_id, a.kind FROM patient_alert_state s JOIN patients p ON p.id = s.patient_id,
      jsonb_to_recordset(s.alerts) AS a(kind text)
    WHERE s.practice_id = ${practice.id} AND p.status = 'active' AND a.kind <> 'red-flag' ORDER BY s.patient_id, a.kind`;
  console.log(`▶ load: ${PATIENTS.length} patients × ${ROUNDS} rounds, ${openAlerts.length} open alerts to acknowledge, instance B restarted at round ${RESTART_AT_ROUND}`);
  let restart = null;
  for (let round = 0; round < ROUNDS; round++) {
    if (round === RESTART_AT_ROUND) {
      // Killed without warning, and started again while the load goes on.
      restart = (async () => {
        upB.value = false;
        await stopProcessGroup(B.child, 'SIGKILL');
        await startInstance(B);
        upB.value = true;
      })();
    }
    const work = [];
    for (const [p, email] of PATIENTS.entries()) {
      const symptoms = round === 2 && p < 2 ? ['leg-numbness'] : round === ROUNDS - 3 && p === 0 ? ['both-legs'] : [];
      work.push(doubleSubmit('pain', cookies[email], { idempotencyKey: `mi-pain-${round}-${p}-${randomUUID().slice(0, 8)}`, score: String((round + p) % 8), locations: ['lower-back'], timing: 'after-run', symptoms }));
      work.push(doubleSubmit('session', cookies[email], { idempotencyKey: `mi-session-${round}-${p}-${randomUUID().slice(0, 8)}`, activity: 'run', date: today, durationMin: String(20 + round), distance: String(3 + (round % 5)), rpe: String(3 + (round % 5)) }));
    }
    // A staff sign-in on alternating instances (argon2: a few per round at most).
    if (round % 3 === 0) {
      const instance = instances[round % 2];
      stats.signIns += 1;
      const r = await signIn(upB.value ? instance : A, STAFF[(round / 3) % STAFF.length], PASSWORD);
      if (r.cookie) stats.signInsOk += 1;
    }
    // Acknowledgements: one alert per round; every other one sent to both instances at once.
    const alert = openAlerts[round];
    if (alert) {
      const targets = round % 2 === 0 ? instances : [instances[round % 4 === 1 ? 0 : 1]];
      work.push(...targets.map(async (instance) => {
        stats.acks += 1;
        const r = await callAction(instance === B && !upB.value ? A : instance, actions.acknowledge, physio, { patientId: alert.patient_id, kind: alert.kind });
        if (r.ok) { stats.acksOk += 1; ackedAlerts.add(`${alert.patient_id} ${alert.kind}`); }
        else if (r.refused) stats.acksRefused += 1;
        else if (r.status !== 0) throw new Error(`acknowledgement failed (${r.status}): ${r.body}`);
      }));
    }
    await Promise.all(work);
  }
  await restart;
  console.log(`  ${stats.sent} write requests (${stats.retriedOnA} retried on A while B was down), ${stats.acked} acknowledged; ${stats.signInsOk}/${stats.signIns} staff sign-ins; ${stats.acksOk} acknowledgements confirmed, ${stats.acksRefused} refused`);

  // After the load, before the daily refresh: each patient's stored row catches up with their
  // latest write (pain and session logs of one patient raced each other on two instances). A
  // patient's own log refreshes its row after the response, through the queue: the worker
  // polls every 5 s and its scheduling pass (every 20 s) picks up any mark left, so within 30 s
  // no row is behind and none is still marked stale.
  const loadEnded = Date.now();
  let behind = [];
  let marked = [];
  while (Date.now() - loadEnded < 30_000) {
    behind = await db`
      SELECT p.id FROM patients p JOIN patient_alert_state s ON s.patient_id = p.id
      LEFT JOIN LATERAL (
        SELECT r.local_date, r.score FROM pain_reports r WHERE r.patient_id = p.id AND r.voided_at IS NULL ORDER BY r.local_date DESC, r.reported_at DESC LIMIT 1) last ON true
      WHERE p.status = 'active' AND (s.last_pain_date IS DISTINCT FROM last.local_date OR s.last_pain_score IS DISTINCT FROM last.score)`;
    marked = await db`SELECT patient_id FROM patient_alert_state WHERE stale_since IS NOT NULL`;
    if (behind.length === 0 && marked.length === 0) break;
    await sleep(250);
  }
  check(
    behind.length === 0 && marked.length === 0,
    `after the load every alert row holds its patient's latest pain report and none is left marked stale (${behind.length} behind, ${marked.length} marked; ${((Date.now() - loadEnded) / 1000).toFixed(1)} s after the load)`,
  );

  // ---------------------------------------------------------------- daily refresh
  console.log('▶ daily refresh through the worker (every stored alert row a day old, no page opened)');
  await db`UPDATE patient_alert_state SET as_of = as_of - 1`;
  const refreshStarted = Date.now();
  let stale = null;
  while (Date.now() - refreshStarted < 90_000) {
    [{ stale }] = await db`
      SELECT count(*)::int AS stale FROM patients p JOIN practices pr ON pr.id = p.practice_id
      LEFT JOIN patient_alert_state s ON s.patient_id = p.id
      WHERE p.status = 'active' AND (s.as_of IS NULL OR s.as_of < (now() AT TIME ZONE pr.time_zone)::date)`;
    if (stale === 0) break;
    await sleep(500);
  }
  check(stale === 0, `every active patient's alert row fresh after the daily refresh (${stale} stale; ${((Date.now() - refreshStarted) / 1000).toFixed(1)} s)`);

  // ---------------------------------------------------------------- checks
  console.log('▶ rows and emails');
  const [dupPain] = await db`SELECT count(*)::int AS n FROM (SELECT 1 FROM pain_reports WHERE idempotency_key IS NOT NULL GROUP BY patient_id, idempotency_key HAVING count(*) > 1) d`;
  const [dupSession] = await db`SELECT count(*)::int AS n FROM (SELECT 1 FROM training_sessions WHERE idempotency_key IS NOT NULL GROUP BY patient_id, idempotency_key HAVING count(*) > 1) d`;
  const [pain] = await db`SELECT count(*)::int AS n FROM pain_reports WHERE idempotency_key LIKE 'mi-pain-%'`;
  const [sessions] = await db`SELECT count(*)::int AS n FROM training_sessions WHERE idempotency_key LIKE 'mi-session-%'`;
  const painKeys = new Set((await db`SELECT idempotency_key FROM pain_reports WHERE idempotency_key LIKE 'mi-pain-%'`).map((r) => r.idempotency_key));
  const sessionKeys = new Set((await db`SELECT idempotency_key FROM training_sessions WHERE idempotency_key LIKE 'mi-session-%'`).map((r) => r.idempotency_key));
  check(dupPain.n === 0 && dupSession.n === 0, `no duplicate pain reports or sessions by idempotency key (${dupPain.n}, ${dupSession.n})`);
  check([...ackedKeys.pain].every((k) => painKeys.has(k)) && pain.n === ackedKeys.pain.size, `every acknowledged pain report stored once: ${pain.n} rows for ${ackedKeys.pain.size} acknowledged keys`);
  check([...ackedKeys.session].every((k) => sessionKeys.has(k)) && sessions.n === ackedKeys.session.size, `every acknowledged session stored once: ${sessions.n} rows for ${ackedKeys.session.size} acknowledged keys`);
  const [dupAck] = await db`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM alert_acknowledgements WHERE resolved_at IS NULL GROUP BY patient_id, kind, level HAVING count(*) > 1) d`;
  // An alert whose level rose while pain kept being logged is rightly acknowledged again at the
  // new level: one row per alert and level, never two at the same level.
  const ackRows = await db`SELECT patient_id || ' ' || kind AS alert, level FROM alert_acknowledgements WHERE acknowledged_at >= ${loadStarted}`;
  const storedLevels = new Set(ackRows.map((r) => `${r.alert} ${r.level}`));
  const storedAcks = new Set(ackRows.map((r) => r.alert));
  check(dupAck.n === 0 && ackRows.length === storedLevels.size, `no alert acknowledged twice at the same level (${dupAck.n} duplicates; ${ackRows.length} rows for ${storedLevels.size} alert levels of ${storedAcks.size} alerts)`);
  check([...ackedAlerts].every((a) => storedAcks.has(a)) && storedAcks.size === ackedAlerts.size, `every acknowledgement the app confirmed is stored (${storedAcks.size} alerts stored, ${ackedAlerts.size} confirmed in ${stats.acksOk} answers)`);

  // Every safety email job done, then one message per notification, per recipient.
  const mailStarted = Date.now();
  let pending = null;
  while (Date.now() - mailStarted < 60_000) {
    [{ pending }] = await db`SELECT count(*)::int AS pending FROM jobs WHERE kind = 'safety.email' AND status = 'queued'`;
    if (pending === 0) break;
    await sleep(500);
  }
  await sleep(1000);
  const notifications = await db`SELECT lower(recipient_email) AS email, status FROM safety_notifications WHERE created_at >= ${loadStarted}`;
  const sent = notifications.filter((n) => n.status === 'sent');
  const perRecipient = (list) => list.reduce((m, e) => m.set(e, (m.get(e) ?? 0) + 1), new Map());
  const expected = perRecipient(sent.map((n) => n.email));
  const safetyMessages = smtp.messages.filter((m) => /warning sign/.test(m.subject));
  const received = perRecipient(safetyMessages.flatMap((m) => m.to));
  const sameCounts = expected.size === received.size && [...expected].every(([email, n]) => received.get(email) === n);
  // Other mail (the patients' daily reminders) is once per recipient and subject per day.
  const others = perRecipient(smtp.messages.filter((m) => !/warning sign/.test(m.subject)).map((m) => `${m.to.join(',')} ${m.subject}`));
  check(pending === 0 && notifications.length > 0 && sent.length === notifications.length, `every safety email job done (${pending} queued), every notification sent (${sent.length} of ${notifications.length})`);
  check(sameCounts && safetyMessages.length === sent.length, `no double safety email: ${safetyMessages.length} messages received for ${sent.length} notifications (per recipient ${JSON.stringify(Object.fromEntries(received))})`);
  check([...others.values()].every((n) => n === 1), `no other email twice (${[...others.values()].reduce((a, b) => a + b, 0)} other messages)`);
  const [jobsTwice] = await db`SELECT (count(*) - count(DISTINCT payload->>'notificationId'))::int AS n FROM jobs WHERE kind = 'safety.email'`;
  check(jobsTwice.n === 0, 'one email job per notification');

  // Fresh means current too: the stored last pain is each patient's latest live report.
  const mismatched = await db`
    SELECT p.id FROM patients p JOIN patient_alert_state s ON s.patient_id = p.id
    WHERE p.status = 'active' AND s.last_pain_date IS DISTINCT FROM (SELECT max(r.local_date) FROM pain_reports r WHERE r.patient_id = p.id AND r.voided_at IS NULL)`;
  check(mismatched.length === 0, `every alert row's stored last pain matches the patient's latest report (${mismatched.length} differ)`);

  // ---------------------------------------------------------------- throttling and revocation
  console.log('▶ sign-in throttling and session revocation across instances');
  for (let i = 0; i < 5; i++) await signIn(A, LOCKED, `wrong-password-${i}`);
  const lockedOnB = await signIn(B, LOCKED, PASSWORD);
  check(!lockedOnB.cookie && lockedOnB.code === 'throttled', `an account locked by failures on A is refused on B with the right password (code ${lockedOnB.code})`);
  const othersOnB = await signIn(B, STAFF[1], PASSWORD);
  check(Boolean(othersOnB.cookie), 'another account still signs in on B');
  const fresh = await signIn(A, 'tom@patients.example', PASSWORD);
  const beforeB = fresh.cookie ? await sessionCheck(B, fresh.cookie) : 0;
  const out = fresh.cookie ? await signOut(A, fresh.cookie) : { status: 0 };
  const afterB = fresh.cookie ? await sessionCheck(B, fresh.cookie) : 0;
  const afterA = fresh.cookie ? await sessionCheck(A, fresh.cookie) : 0;
  check(beforeB === 204 && out.status >= 300 && out.status < 400 && afterB === 401 && afterA === 401, `a session signed out on A is refused on B (B before: ${beforeB}, sign-out: ${out.status}, B after: ${afterB}, A after: ${afterA})`);
  const stillB = await sessionCheck(B, cookies['tom@patients.example']);
  check(stillB === 204, `Tom's other session goes on (${stillB})`);

  check(worker.exitCode === null, 'the worker ran throughout');
  console.log(`\nsummary: ${stats.acked} acknowledged writes (${pain.n} pain reports, ${sessions.n} sessions, no duplicates), ${stats.acksOk} acknowledgement answers, ${safetyMessages.length} safety emails for ${sent.length} notifications, ${stats.signInsOk} staff sign-ins; instance B restarted mid-load`);
}

// ---------------------------------------------------------------- run and clean up
let exitCode = 0;
try {
  await main();
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
  console.error(`error: ${error instanceof Error ? error.stack : error}`);
  for (const child of children) console.error(`--- last output of ${child.name}:\n${child.log.slice(-3000)}`);
} finally {
  await Promise.all([...children].map((c) => stopProcessGroup(c)));
  if (smtp.server) await new Promise((r) => smtp.server.close(r));
  if (db) await db.end({ timeout: 5 });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${dbName}: ${e.message}`));
  await admin.end({ timeout: 5 });
  if (failures.length) {
    console.log(`\n✗ ${failures.length} check(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    exitCode = 1;
  } else {
    console.log('\n✓ two instances and one worker: every check passed');
  }
}
process.exit(exitCode);
