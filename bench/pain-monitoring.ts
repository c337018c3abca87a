// CPU of judging a year of sessions by the pain-monitoring rule (lib/analytics/pain-monitoring.ts),
// as the patient page at 52 weeks and every alert refresh do, on the large seed's data:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench npx tsx bench/pain-monitoring.ts
// Prints CPU ms per patient (median of 15 rounds over 60 patients) and a digest of every verdict,
// so two versions of the rule can be compared on speed and shown to give the same answers.
import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { dailyPain } from '@/lib/analytics/pain';
import { DEFAULT_PAIN_MONITORING, painMonitoring, type MonitoredSession } from '@/lib/analytics/pain-monitoring';
import { addDays } from '@/lib/dates';

const url = process.env.DATABASE_URL;
if (!url || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) throw new Error('DATABASE_URL must point at the local bench database');
const sql = postgres(url, { max: 2, onnotice: () => {} });

// A fixed "today" so that runs on different days judge the same data the same way.
const [latest] = await sql<{ today: string | null }[]>`SELECT max(local_date)::text AS today FROM training_sessions`;
const today = latest?.today;
if (!today) throw new Error('no training sessions: run npm run db:seed:large');
const from = addDays(today, -(52 * 7) + 1);
const patients = await sql<{ id: string }[]>`
  SELECT patient_id AS id FROM training_sessions WHERE local_date >= ${from}::date AND voided_at IS NULL
  GROUP BY patient_id ORDER BY count(*) DESC, patient_id LIMIT 60`;
const data = await Promise.all(
  patients.map(async ({ id }) => ({
    sessions: (await sql<{ date: string; activity: string; pain_during: number | null }[]>`
      SELECT local_date::text AS date, activity, pain_during FROM training_sessions
      WHERE patient_id = ${id} AND voided_at IS NULL AND local_date >= ${from}::date ORDER BY local_date DESC`).map(
      (s): MonitoredSession => ({ date: s.date, activity: s.activity, painDuring: s.pain_during, morningAfter: null }),
    ),
    pain: (await sql<{ date: string; score: number }[]>`
      SELECT local_date::text AS date, score FROM pain_reports
      WHERE patient_id = ${id} AND voided_at IS NULL AND local_date >= ${addDays(from, -13)}::date`).map((p) => ({ date: p.date, score: p.score })),
  })),
);
await sql.end();

const judgeAll = () => data.map(({ sessions, pain }) => {
  const daily = dailyPain(pain);
  return sessions.map((s) => painMonitoring(s, daily, today, DEFAULT_PAIN_MONITORING));
});
const digest = createHash('sha256').update(JSON.stringify(judgeAll())).digest('hex').slice(0, 16);
const perPatient: number[] = [];
for (let round = 0; round < 15; round++) {
  const start = process.cpuUsage();
  judgeAll();
  const used = process.cpuUsage(start);
  perPatient.push((used.user + used.system) / 1000 / data.length);
}
perPatient.sort((a, b) => a - b);
const sessions = data.reduce((n, d) => n + d.sessions.length, 0);
console.log(`pain monitoring, 52 weeks: ${data.length} patients, ${(sessions / data.length).toFixed(0)} sessions each on average`);
console.log(`CPU per patient: median ${perPatient[7]!.toFixed(3)} ms (min ${perPatient[0]!.toFixed(3)}, max ${perPatient.at(-1)!.toFixed(3)}); verdicts digest ${digest}`);
