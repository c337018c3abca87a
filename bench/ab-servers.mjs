// Two running builds or configurations side by side: the same pages at concurrency 1 on server A
// and server B, in alternating slices (A then B, then B then A, …) so both see the same machine
// load, and the median of each. On these 2-core machines a run's speed drifts by up to 2× within
// minutes, so two `npm run bench` runs minutes apart cannot compare a setting; this can.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench node bench/ab-servers.mjs http://127.0.0.1:3601 http://127.0.0.1:3602
// Both servers run against the large seed's database (npm run db:seed:large) with the same
// AUTH_SECRET; the owner and patient1 of Northfield sign in once on A (Chromium, as the bench
// does) and the same cookies go to both. SLICES (default 8) and PER (requests per slice, default
// 60) set the size. Prints each page's median on A and B and B / A.
import { benchDatabaseUrl, hit, median, patientPageSubject, signInBenchUsers } from './signed-in.mjs';

const [A, B] = process.argv.slice(2, 4);
if (!A || !B) throw new Error('usage: node bench/ab-servers.mjs <server A url> <server B url>');
const SLICES = Number(process.env.SLICES ?? 8);
const PER = Number(process.env.PER ?? 60);

const subject = await patientPageSubject(benchDatabaseUrl());
const jars = await signInBenchUsers(A);

const pages = [
  ['floor (session check)', '/api/session-check', 'owner'],
  ['dashboard, own patients', '/dashboard', 'owner'],
  ['patient page, 52 weeks', `/patients/${subject}?weeks=52`, 'owner'],
  ['portal Today', '/portal', 'patient'],
];
for (const [name, path, who] of pages) {
  for (const base of [A, B]) for (let i = 0; i < 20; i++) await hit(base, path, jars[who]); // warm-up
  const times = { [A]: [], [B]: [] };
  for (let slice = 0; slice < SLICES; slice++) {
    for (const base of slice % 2 ? [B, A] : [A, B]) for (let i = 0; i < PER; i++) times[base].push((await hit(base, path, jars[who])).ms);
  }
  const a = median(times[A]);
  const b = median(times[B]);
  console.log(`${name.padEnd(26)} A ${a.toFixed(2).padStart(6)} ms   B ${b.toFixed(2).padStart(6)} ms   B / A ${(b / a).toFixed(2)}`);
}
