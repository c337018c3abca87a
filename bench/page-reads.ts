// The patient page's reads one at a time, on the app's own database handle (db/client.ts:
// prepared statements, its pool): for each, the median wall time and the median CPU time of
// this process over 40 runs after 20 warm-up runs, and the size of its result as JSON.
// Shows which reads cost the server's one JavaScript thread (row decoding, the analytics)
// rather than PostgreSQL.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench npx tsx --conditions=react-server bench/page-reads.ts
// Each data function checks access itself here, so a check the page makes once per request
// (React's cache) runs once per read: the small reads are a little high.
// Then the least these reads can cost with this driver: every distinct statement they sent,
// replayed with its values straight through postgres.js (prepared, all started at once as the
// page starts its reads), with no drizzle mapping and no analytics: wall and CPU per replay.
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getDb, openPostgres, setDbForTests } from '@/db/client';
import * as schema from '@/db/schema';
import { practices, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { getPatientAlerts } from '@/lib/data/caseload';
import { rowsOf } from '@/lib/data/adherence-items';
import { listEntries } from '@/lib/data/entries';
import { listPatientMeasures } from '@/lib/data/measures';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { getPatient, getPortalAccount } from '@/lib/data/patients';
import { getActiveProgram, listProgramHistory } from '@/lib/data/programs';
import { getReminderSettings } from '@/lib/data/reminders';
import { listUnratedImports } from '@/lib/data/run-imports';
import { listSafetyAlerts } from '@/lib/data/safety-alerts';
import { getPatientTrends } from '@/lib/data/trends';
import { addDays, localDate } from '@/lib/dates';

const url = process.env.DATABASE_URL;
if (!url || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) throw new Error('DATABASE_URL must point at the local bench database');
setDbForTests(openPostgres(url));
const db = getDb();

const [row] = await db.select({ user: users, practice: practices }).from(users).innerJoin(practices, eq(practices.id, users.practiceId)).where(eq(sql`lower(${users.email})`, 'owner@northfield.bench'));
if (!row) throw new Error('no owner@northfield.bench: run npm run db:seed:large');
const owner: Actor = {
  userId: row.user.id, practiceId: row.user.practiceId, roles: row.user.roles, patientId: row.user.patientId, name: row.user.name, email: row.user.email,
  timeZone: row.practice.timeZone, distanceUnit: row.practice.distanceUnit, ip: '127.0.0.1', userAgent: 'loadline-bench-page-reads',
};
// The patient page's subject, as bench/explain.ts picks it: an active patient of the owner's with alerts.
const [subject] = rowsOf<{ id: string }>(await db.execute(sql`
  SELECT p.id FROM patients p JOIN patient_alert_state s ON s.patient_id = p.id
  WHERE p.practice_id = ${owner.practiceId} AND p.treating_physio_id = ${owner.userId} AND p.status = 'active' AND s.open_count > 0
  ORDER BY p.id LIMIT 1`));
if (!subject) throw new Error('no patient for the patient page');
const patientId = subject.id;
const from = addDays(localDate(new Date(), owner.timeZone), -(52 * 7) + 1);

// app/(clinic)/patients/[patientId]/load.ts, at 52 weeks.
const reads: Record<string, () => Promise<unknown>> = {
  'patient': () => getPatient(owner, patientId),
  'portal account': () => getPortalAccount(owner, patientId),
  'alerts': () => getPatientAlerts(owner, patientId),
  'warning signs': () => listSafetyAlerts(owner, patientId),
  'trends (52 weeks)': () => getPatientTrends(owner, patientId, 52),
  'monitored sessions': () => listMonitoredSessions(owner, patientId, from),
  'recent pain': () => listEntries(owner, 'pain', patientId, { includeVoided: true, limit: 10 }),
  'recent sessions': () => listEntries(owner, 'session', patientId, { includeVoided: true, limit: 10 }),
  'active program': () => getActiveProgram(owner, patientId),
  'reminders': () => getReminderSettings(owner, patientId),
  'measures': () => listPatientMeasures(owner, patientId),
  'program history': () => listProgramHistory(owner, patientId),
  'unrated imports': () => listUnratedImports(owner, patientId, 100),
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

/** `run` 20 times to warm up, then 40 times measured: median wall and CPU ms, and the last result. */
async function timed<T>(run: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number; result: T }> {
  for (let i = 0; i < 20; i++) await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < 40; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    result = await run();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), result: result as T };
}

let wallSum = 0;
let cpuSum = 0;
console.log('read                   wall ms   CPU ms   JSON bytes');
for (const [name, read] of Object.entries(reads)) {
  const { wallMs, cpuMs, result } = await timed(read);
  wallSum += wallMs;
  cpuSum += cpuMs;
  console.log(`${name.padEnd(22)} ${wallMs.toFixed(2).padStart(7)}  ${cpuMs.toFixed(2).padStart(7)}  ${String(JSON.stringify(result).length).padStart(11)}`);
}
console.log(`${'sum'.padEnd(22)} ${wallSum.toFixed(2).padStart(7)}  ${cpuSum.toFixed(2).padStart(7)}`);

// The replay: record the statements (a drizzle handle whose logger keeps each one), then send
// them raw. A statement sent twice with the same values (an access check per read) counts once.
const recorder = postgres(url, { max: 10, onnotice: () => {} });
const recorded = new Map<string, { query: string; params: unknown[] }>();
setDbForTests({ db: drizzle({ client: recorder, schema, logger: { logQuery: (query, params) => void recorded.set(`${query}\u0000${JSON.stringify(params)}`, { query, params }) } }) as never, kind: 'postgres', close: () => recorder.end({ timeout: 5 }) });
for (const read of Object.values(reads)) await read();
const statements = [...recorded.values()];
const replay = await timed(() => Promise.all(statements.map((s) => recorder.unsafe(s.query, s.params as never[], { prepare: true }))));
const rows = replay.result.reduce((n, r) => n + r.length, 0);
console.log(`raw replay: ${statements.length} statements, ${rows} rows: ${replay.wallMs.toFixed(2)} ms wall, ${replay.cpuMs.toFixed(2)} ms CPU`);
process.exit(0);
