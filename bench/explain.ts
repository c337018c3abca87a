// Part of `npm run bench`: EXPLAIN (ANALYZE, BUFFERS) of the exact SQL each measured page
// runs. It calls the real data-layer functions (as the pages do) on a database handle
// whose drizzle logger records every statement, then explains each recorded SELECT with
// its parameters. Writes are executed by the functions themselves but not explained.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench npx tsx --conditions=react-server bench/explain.ts
import { randomUUID } from 'node:crypto';
import { eq, sql as dsql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openPostgres, setDbForTests, type DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { refreshAlertState } from '@/lib/data/alert-state';
import { getCaseload, getPatientAlerts, warningSignAlertIds } from '@/lib/data/caseload';
import { listCompletions } from '@/lib/data/completions';
import { listEntries, logPain } from '@/lib/data/entries';
import { dueMeasures, listPatientMeasures, overdueMeasures } from '@/lib/data/measures';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { getCareContact, getPatient, getPortalAccount, listPatients, listPhysios } from '@/lib/data/patients';
import { getActiveProgram, listProgramHistory } from '@/lib/data/programs';
import { getReminderSettings } from '@/lib/data/reminders';
import { listUnratedImports } from '@/lib/data/run-imports';
import { getWarningSignDetails, listSafetyAlerts } from '@/lib/data/safety-alerts';
import { getPatientTrends } from '@/lib/data/trends';
import { addDays, localDate } from '@/lib/dates';
import { PATIENT_SORTS } from '@/lib/validation/patient-list';

const url = process.env.DATABASE_URL;
if (!url || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) throw new Error('DATABASE_URL must point at the local bench database');

const client = postgres(url, { max: 4, onnotice: () => {} });
let recording: { query: string; params: unknown[] }[] = [];
const db = drizzle({ client, schema, logger: { logQuery: (query, params) => recording.push({ query, params }) } });
const recordingHandle: DbHandle = { db: db as never, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
setDbForTests(recordingHandle);
// The app's own handle (db/client.ts: its pool, prepared statements), for timing the reads as a
// served page sends them; the recording handle above sends them unprepared and logs each one.
const appHandle = openPostgres(url);

async function actorFor(email: string): Promise<Actor> {
  const [row] = await db.select({ user: schema.users, practice: schema.practices }).from(schema.users).innerJoin(schema.practices, eq(schema.practices.id, schema.users.practiceId)).where(eq(dsql`lower(${schema.users.email})`, email));
  if (!row) throw new Error(`no user ${email}: run npm run db:seed:large`);
  return {
    userId: row.user.id, practiceId: row.user.practiceId, roles: row.user.roles, patientId: row.user.patientId, name: row.user.name, email: row.user.email,
    timeZone: row.practice.timeZone, distanceUnit: row.practice.distanceUnit, ip: '127.0.0.1', userAgent: 'loadline-bench-explain',
  };
}

type Explained = { label: string; sql: string; executionMs: number; planningMs: number; preparedCustomMs: number; preparedGenericMs: number; preparedAutoMs: number; plan: string[] };

/** A figure EXPLAIN ANALYZE printed ("Execution Time: 1.2 ms"), or NaN. */
const planFigure = (plan: string[], re: RegExp) => Number(plan.map((l) => re.exec(l)?.[1]).find(Boolean) ?? NaN);
const EXECUTION_TIME = /Execution Time: ([\d.]+)/;

/**
 * The app prepares its statements (db/client.ts), and from the sixth run on a connection
 * PostgreSQL may keep one generic plan for every parameter value. This runs each statement
 * prepared under each plan_cache_mode and gives the median client-side milliseconds: custom
 * plans (planned per run, as unprepared statements are), generic plans, and what PostgreSQL's own
 * choice (auto) settles on after ten runs. A generic plan much slower than a custom one shows here.
 */
async function preparedMs(query: string, params: unknown[]): Promise<{ customMs: number; genericMs: number; autoMs: number }> {
  const connection = await client.reserve();
  const median = async (mode: string, warm: number) => {
    await connection.unsafe(`SET plan_cache_mode = ${mode}`);
    await connection.unsafe('DEALLOCATE ALL');
    const times: number[] = [];
    for (let i = 0; i < warm + 5; i++) {
      const t = performance.now();
      await connection.unsafe(query, params as never[], { prepare: true });
      if (i >= warm) times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2]!;
  };
  try {
    return { customMs: await median('force_custom_plan', 0), genericMs: await median('force_generic_plan', 0), autoMs: await median('auto', 10) };
  } finally {
    await connection.unsafe('RESET plan_cache_mode');
    connection.release();
  }
}

const WARM_RUNS = 30;
const READ_RUNS = 40;

/**
 * The median wall time of a page's reads (started together, as the page starts them) on the
 * app's own handle, after thirty warm-up runs (the JIT settled, as in a server that has served
 * the page before): what a served page waits for its data, rows read and analytics computed.
 * The rest of the page's c1 median is the floor, the layout and the rendering. Outside a render
 * React's cache does not hold, so a check a page asks once (patientInPractice) runs once per data
 * function here: the patient page's figure is a little high.
 */
async function readsMedianMs(run: () => Promise<unknown>): Promise<number> {
  setDbForTests(appHandle);
  try {
    for (let i = 0; i < WARM_RUNS; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < READ_RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[READ_RUNS / 2]!;
  } finally {
    setDbForTests(recordingHandle);
  }
}

/**
 * `without`: work the function does here but a served request leaves to the job worker (a
 * patient's log refreshes their alerts after the response); its statements are left out.
 */
async function explainAll(label: string, run: () => Promise<unknown>, without?: () => Promise<unknown>): Promise<{ page: string; readsMs: number | null; queries: Explained[] }> {
  await run(); // warm: the same state as a page that has been served before
  recording = [];
  await run();
  // Reads only: a WITH whose parts write (a log in one statement: lib/data/entries/insert.ts) is a
  // write, and EXPLAIN ANALYZE would run it again.
  let statements = recording.filter((r) => /^\s*(select|with)\b/i.test(r.query) && !/\b(insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i.test(r.query));
  // The same statement with the same values counts once. This script calls the data functions
  // outside a page render, where React's cache does not hold, so a check the page asks once
  // (patientInPractice, lib/data/scope.ts: eleven times for the patient page here) would be
  // counted each time and loosen the page's limit. A statement a page does send twice is then
  // counted once, which only tightens the limit.
  const seen = new Set<string>();
  statements = statements.filter((r) => {
    const key = `${r.query}\u0000${JSON.stringify(r.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (without) {
    recording = [];
    await without();
    const deferred = new Set(recording.map((r) => r.query));
    statements = statements.filter((r) => !deferred.has(r.query));
  }
  recording = [];
  const queries: Explained[] = [];
  for (const [i, s] of statements.entries()) {
    // Three runs, the median kept: one run of a 0.1 ms statement varies several-fold between
    // bench runs, and the pages' limits are built from these figures.
    const runs: string[][] = [];
    for (let run = 0; run < 3; run++) {
      const rows = await client.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.params as never[]);
      runs.push(rows.map((r) => String(r['QUERY PLAN'])));
    }
    const plan = runs.sort((a, b) => planFigure(a, EXECUTION_TIME) - planFigure(b, EXECUTION_TIME))[1]!;
    const prepared = await preparedMs(s.query, s.params);
    queries.push({ label: `${label} #${i + 1}`, sql: s.query, executionMs: planFigure(plan, EXECUTION_TIME), planningMs: planFigure(plan, /Planning Time: ([\d.]+)/), preparedCustomMs: prepared.customMs, preparedGenericMs: prepared.genericMs, preparedAutoMs: prepared.autoMs, plan });
  }
  // A write (log pain) is not repeated: each run would store another report.
  return { page: label, readsMs: without ? null : await readsMedianMs(run), queries };
}

const owner = await actorFor('owner@northfield.bench');
const patientActor = await actorFor('patient1@northfield.bench');
const metroOwner = await actorFor('owner@metro.bench');
// The patient page's subject: an active patient of the owner's with alerts (a full year of logs).
const [subject] = await db.execute<{ id: string }>(dsql`
  SELECT p.id FROM patients p JOIN patient_alert_state s ON s.patient_id = p.id
  WHERE p.practice_id = ${owner.practiceId} AND p.treating_physio_id = ${owner.userId} AND p.status = 'active' AND s.open_count > 0
  ORDER BY p.id LIMIT 1`);
if (!subject) throw new Error('no patient for the patient page');
const patientId = subject.id;
const search = process.env.BENCH_SEARCH ?? 'smi';

const pages = [];
// Every read each page makes (its layout's session check aside, which the floor route makes too).
/** The dashboard's reads (app/(clinic)/dashboard/page.tsx): the caseload page and the overdue questionnaires at once, then the page's warning signs' details. */
const dashboardReads = async (scope: 'mine' | 'practice') => {
  const [caseload, overdue] = await Promise.all([getCaseload(owner, { scope, page: 1, pageSize: 50 }), overdueMeasures(owner, scope)]);
  return [await getWarningSignDetails(owner, warningSignAlertIds(caseload.rows)), overdue];
};
pages.push(await explainAll('dashboard practice (5,000)', () => dashboardReads('practice')));
pages.push(await explainAll('dashboard mine', () => dashboardReads('mine')));
pages.push(
  // Every read the patient page makes, started together as the page starts them (app/(clinic)/patients/[patientId]/load.ts).
  await explainAll('patient page 52 wk', () => {
    const from = addDays(localDate(new Date(), owner.timeZone), -(52 * 7) + 1);
    return Promise.all([
      getPatient(owner, patientId), getPortalAccount(owner, patientId), getPatientAlerts(owner, patientId), listSafetyAlerts(owner, patientId),
      getPatientTrends(owner, patientId, 52), listMonitoredSessions(owner, patientId, from),
      listEntries(owner, 'pain', patientId, { includeVoided: true, limit: 10 }), listEntries(owner, 'session', patientId, { includeVoided: true, limit: 10 }),
      getActiveProgram(owner, patientId), getReminderSettings(owner, patientId), listPatientMeasures(owner, patientId), listProgramHistory(owner, patientId),
      listUnratedImports(owner, patientId, 100),
    ]);
  }),
);
pages.push(await explainAll(`patients search "${search}" by last pain (5,000)`, () => Promise.all([listPatients(owner, { search, sort: 'lastPain', dir: 'desc', pageSize: 25 }), listPhysios(owner)])));
pages.push(await explainAll(`patients search "${search}" by last pain (20,000)`, () => listPatients(metroOwner, { search, sort: 'lastPain', dir: 'desc', pageSize: 25 })));
// Issue 18: every sortable column of the patients table, both directions, first page, at 20,000.
for (const sort of PATIENT_SORTS) {
  for (const dir of ['asc', 'desc'] as const) {
    pages.push(await explainAll(`patients by ${sort} ${dir}, page 1 (20,000)`, () => listPatients(metroOwner, { sort, dir, pageSize: 25 })));
  }
}
pages.push(await explainAll('patients with open alerts by name (20,000)', () => listPatients(metroOwner, { withAlerts: true, sort: 'name', pageSize: 25 })));
const today = localDate(new Date(), patientActor.timeZone);
pages.push(
  await explainAll('portal today', () =>
    // app/(portal)/portal/page.tsx
    Promise.all([
      getPatient(patientActor, patientActor.patientId!), getActiveProgram(patientActor, patientActor.patientId!), listCompletions(patientActor, patientActor.patientId!, addDays(today, -6), today),
      listMonitoredSessions(patientActor, patientActor.patientId!, addDays(today, -6)), dueMeasures(patientActor), getReminderSettings(patientActor, patientActor.patientId!),
      listSafetyAlerts(patientActor, patientActor.patientId!, 1), getCareContact(patientActor, patientActor.patientId!),
    ]),
  ),
);
// Served, a log without a warning sign queues the patient's alert refresh for the worker
// (lib/data/alert-state.ts); outside a request logPain runs it inline, so its reads are left out.
// A 3/10 with no warning-sign symptom reads nothing else (recordWarningSigns), as the bench's logs.
pages.push(
  await explainAll(
    'log pain (reads)',
    () => logPain(patientActor, { idempotencyKey: `bench-explain-${randomUUID()}`, score: 3, locations: ['lower-back'], symptoms: [] }),
    () => refreshAlertState(patientActor.practiceId, [patientActor.patientId!]),
  ),
);

console.log(JSON.stringify({ patientId, search, pages }));
await Promise.all([client.end({ timeout: 5 }), appHandle.close()]);
