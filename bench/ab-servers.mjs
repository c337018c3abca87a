// Two running builds or configurations side by side: the same pages at concurrency 1 on server A
// and server B, in alternating slices (A then B, then B then A, …) so both see the same machine
// load, and the median of each. On these 2-core machines a run's speed drifts by up to 2× within
// minutes, so two `npm run bench` runs minutes apart cannot compare a setting; this can.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench node bench/ab-servers.mjs http://127.0.0.1:3601 http://127.0.0.1:3602
// Both servers run against the large seed's database (npm run db:seed:large) with the same
// AUTH_SECRET; the owner and patient1 of Northfield sign in once on A (Chromium, as the bench
// does) and the same cookies go to both. SLICES (default 8) and PER (requests per slice, default
// 60) set the size. Prints each page's median on A and B and B / A.
import { chromium } from '@playwright/test';
import postgres from 'postgres';

const [A, B] = process.argv.slice(2, 4);
if (!A || !B) throw new Error('usage: node bench/ab-servers.mjs <server A url> <server B url>');
const url = process.env.DATABASE_URL;
if (!url || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) throw new Error('DATABASE_URL must point at the local bench database');
const SLICES = Number(process.env.SLICES ?? 8);
const PER = Number(process.env.PER ?? 60);

// The patient page's subject, as bench/explain.ts picks it: an active patient of the owner's with alerts.
const sql = postgres(url, { max: 1, onnotice: () => {} });
const [owner] = await sql`SELECT id, practice_id FROM users WHERE lower(email) = 'owner@northfield.bench'`;
if (!owner) throw new Error('no owner@northfield.bench: run npm run db:seed:large');
const [subject] = await sql`
  SELECT p.id FROM patients p JOIN patient_alert_state s ON s.patient_id = p.id
  WHERE p.practice_id = ${owner.practice_id} AND p.treating_physio_id = ${owner.id} AND p.status = 'active' AND s.open_count > 0
  ORDER BY p.id LIMIT 1`;
await sql.end();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
/** A signed-in browser's cookies, as name → value. */
async function signIn(email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${A}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('loadline-bench');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const jar = new Map((await context.cookies()).map((c) => [c.name, c.value]));
  await context.close();
  return jar;
}
const jars = { owner: await signIn('owner@northfield.bench'), patient: await signIn('patient1@northfield.bench') };
await browser.close();

/** One request with the jar's cookies; cookies the answer sets are kept, as a browser keeps them. */
async function hit(base, path, jar) {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }, redirect: 'manual' });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  for (const set of res.headers.getSetCookie()) {
    const [pair] = set.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  if (res.status >= 300) throw new Error(`${base}${path} answered ${res.status}`);
  return ms;
}

const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
const pages = [
  ['floor (session check)', '/api/session-check', 'owner'],
  ['dashboard, own patients', '/dashboard', 'owner'],
  ['patient page, 52 weeks', `/patients/${subject.id}?weeks=52`, 'owner'],
  ['portal Today', '/portal', 'patient'],
];
for (const [name, path, who] of pages) {
  for (const base of [A, B]) for (let i = 0; i < 20; i++) await hit(base, path, jars[who]); // warm-up
  const times = { [A]: [], [B]: [] };
  for (let slice = 0; slice < SLICES; slice++) {
    for (const base of slice % 2 ? [B, A] : [A, B]) for (let i = 0; i < PER; i++) times[base].push(await hit(base, path, jars[who]));
  }
  const a = median(times[A]);
  const b = median(times[B]);
  console.log(`${name.padEnd(26)} A ${a.toFixed(2).padStart(6)} ms   B ${b.toFixed(2).padStart(6)} ms   B / A ${(b / a).toFixed(2)}`);
}
