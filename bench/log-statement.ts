// npx tsx --conditions=react-server bench/log-statement.ts [logs] — what the app's own code
// spends on a pain log's one statement (the entry, its audit event, the alert mark:
// writeMarkingAlertsInItsStatement) when drizzle builds its text on every call, against the
// same statement compiled once and sent with each log's values (db/compiled-statement.ts,
// logEntryInOneStatement). No database: the driver under drizzle answers at once with the row's
// id, so what is timed is the app's and drizzle's work alone. Counts logs, not seconds: a fixed
// number of each, in alternating rounds so both see the same machine load. Prints microseconds
// per log and the ratio, and checks that both forms send the same text with the same values.
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { setDbForTests } from '../db/client';
import * as schema from '../db/schema';
import type { Actor } from '../lib/access/actor';
import { writeMarkingAlertsInItsStatement } from '../lib/data/alert-state';
import { compiledEntryInsert, entryInsert } from '../lib/data/entries/insert';
import type { EntryFields, EntryHeader } from '../lib/data/entries/kinds';

const LOGS = Number(process.argv[2] ?? 20000);
const ROUNDS = 10;

// The driver drizzle's postgres-js session calls (`unsafe`), answering every statement with one
// written row; the last statement sent is kept for the check below.
let sent: { query: string; params: unknown[] } = { query: '', params: [] };
const driver = {
  options: { parsers: {}, serializers: {} },
  unsafe(query: string, params: unknown[]) {
    sent = { query, params };
    const rows = Object.assign([{ id: randomUUID() }], { count: 1 });
    return Object.assign(Promise.resolve(rows), { values: () => Promise.resolve([[rows[0]!.id]]) });
  },
};
// Only unsafe() and the parser tables are used by drizzle's session for these statements.
const db = drizzle({ client: driver as unknown as postgres.Sql, schema });
setDbForTests({ db, kind: 'postgres', close: async () => undefined });

const actor: Actor = {
  userId: randomUUID(), practiceId: randomUUID(), roles: ['patient'], patientId: randomUUID(), name: 'Bench Patient', email: 'bench@example.test',
  timeZone: 'Europe/London', distanceUnit: 'km', twoFactorSetupRequired: false, ip: '203.0.113.5', userAgent: 'Mozilla/5.0 (bench)',
};
const patientId = actor.patientId!;
const fields = (): EntryFields<'pain'> => ({
  score: 3, reportedAt: new Date(), localDate: '2026-12-02', locations: ['lower-back'], timing: 'after-run', symptoms: [], redFlags: [], notes: 'after the long run',
});
const header = (): EntryHeader => ({ patientId, idempotencyKey: randomUUID(), correctsId: null });
const event = { action: 'pain.create', entity: 'pain_report', patientId, meta: { score: 3, redFlags: [] } } as const;

const forms: Array<{ name: string; log: (h: EntryHeader, f: EntryFields<'pain'>) => Promise<unknown> }> = [
  {
    name: 'text built for every log (drizzle)',
    log: (h, f) => writeMarkingAlertsInItsStatement(actor, (q, write) => write(entryInsert(q, actor, 'pain', h, f).returning({ id: schema.painReports.id }).getSQL(), event), () => null),
  },
  {
    name: 'compiled once (db/compiled-statement.ts)',
    log: (h, f) => writeMarkingAlertsInItsStatement(actor, (q, write) => write(compiledEntryInsert(q, actor, 'pain', h, f), event), () => null),
  },
];

// Both forms send the same statement with the same values (the text may differ only in how
// drizzle numbers its parameters, which it does the same way for both).
const f = fields();
const h = header();
const sentBy = [];
for (const form of forms) {
  await form.log(h, f);
  sentBy.push(sent);
}
if (sentBy[0]!.query !== sentBy[1]!.query) throw new Error(`the two forms sent different statements:\n${sentBy[0]!.query}\n---\n${sentBy[1]!.query}`);
if (JSON.stringify(sentBy[0]!.params) !== JSON.stringify(sentBy[1]!.params)) throw new Error(`the two forms sent different values:\n${JSON.stringify(sentBy[0]!.params)}\n${JSON.stringify(sentBy[1]!.params)}`);

const elapsed = new Map(forms.map((form) => [form.name, 0]));
for (const form of forms) for (let i = 0; i < 1000; i++) await form.log(header(), fields()); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const form of round % 2 ? [...forms].reverse() : forms) {
    const started = performance.now();
    for (let i = 0; i < LOGS / ROUNDS; i++) await form.log(header(), fields());
    elapsed.set(form.name, elapsed.get(form.name)! + performance.now() - started);
  }
}
const perLog = forms.map((form) => ({ name: form.name, us: (elapsed.get(form.name)! * 1000) / LOGS }));
console.log(`a pain log's one statement, ${LOGS} logs each, node ${process.version}`);
for (const form of perLog) console.log(`  ${form.name.padEnd(40)} ${form.us.toFixed(1).padStart(7)} µs`);
console.log(`  ratio: ${(perLog[1]!.us / perLog[0]!.us).toFixed(2)}`);
process.exit(0);
