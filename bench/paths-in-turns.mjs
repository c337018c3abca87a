// Several paths of one running server at concurrency 1, in alternating slices (every path once
// per slice, the order reversed every other slice) so all see the same machine load: each path's
// median and its ratio to the floor route's. For questions such as "what does an empty page in
// the clinic layout cost against the floor?", which one `npm run bench` cannot answer.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench node bench/paths-in-turns.mjs http://127.0.0.1:3601 [/extra/path ...]
// The server runs against the large seed's database. By default: the floor route, the 404 of the
// clinic layout, the own-patients dashboard, the patient page at 52 weeks and portal Today. Each
// extra path is requested as Northfield's owner, or as patient1 when it starts with /portal.
// SLICES (default 6) and PER (requests per path and slice, default 40) set the size.
import { benchDatabaseUrl, hit, median, patientPageSubject, signInBenchUsers } from './signed-in.mjs';

const [base, ...extra] = process.argv.slice(2);
if (!base) throw new Error('usage: node bench/paths-in-turns.mjs <server url> [/extra/path ...]');
const SLICES = Number(process.env.SLICES ?? 6);
const PER = Number(process.env.PER ?? 40);

const subject = await patientPageSubject(benchDatabaseUrl());
const jars = await signInBenchUsers(base);
const paths = [
  { name: 'floor (session check)', path: '/api/session-check', who: 'owner', expect: 204 },
  { name: '404 in the clinic layout', path: '/patients/00000000-0000-4000-8000-000000000000', who: 'owner', expect: 404 },
  { name: 'dashboard, own patients', path: '/dashboard', who: 'owner', expect: 200 },
  { name: 'patient page, 52 weeks', path: `/patients/${subject}?weeks=52`, who: 'owner', expect: 200 },
  { name: 'portal Today', path: '/portal', who: 'patient', expect: 200 },
  ...extra.map((path) => ({ name: path, path, who: path.startsWith('/portal') ? 'patient' : 'owner', expect: 200 })),
];

const times = new Map(paths.map((p) => [p, []]));
const bytes = new Map();
for (const p of paths) for (let i = 0; i < 15; i++) bytes.set(p, (await hit(base, p.path, jars[p.who], p.expect)).bytes); // warm-up
for (let slice = 0; slice < SLICES; slice++) {
  for (const p of slice % 2 ? [...paths].reverse() : paths) for (let i = 0; i < PER; i++) times.get(p).push((await hit(base, p.path, jars[p.who], p.expect)).ms);
}
const floor = median(times.get(paths[0]));
console.log('path                                    c1 median   × floor   bytes');
for (const p of paths) {
  const ms = median(times.get(p));
  console.log(`${p.name.padEnd(38)} ${ms.toFixed(2).padStart(8)} ms ${(ms / floor).toFixed(2).padStart(8)} ${String(bytes.get(p)).padStart(8)}`);
}
