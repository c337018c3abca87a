// Shared by the side-by-side tools (ab-servers.mjs, paths-in-turns.mjs): users of the large seed
// signed in once through the real login page in Chromium, as the bench signs in, and requests
// sent with their cookies, keeping any cookie an answer sets, as a browser keeps it.
import { chromium } from '@playwright/test';
import postgres from 'postgres';

/** The bench database's URL, refused unless it is on this machine. */
export function benchDatabaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) throw new Error('DATABASE_URL must point at the local bench database');
  return url;
}

/** The patient page's subject, as bench/explain.ts picks it: an active patient of Northfield's owner with alerts. */
export async function patientPageSubject(url) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [owner] = await sql`SELECT id, practice_id FROM users WHERE lower(email) = 'owner@northfield.bench'`;
    if (!owner) throw new Error('no owner@northfield.bench: run npm run db:seed:large');
    const [subject] = await sql`
      SELECT p.id FROM patients p JOIN patient_alert_state s ON s.patient_id = p.id
      WHERE p.practice_id = ${owner.practice_id} AND p.treating_physio_id = ${owner.id} AND p.status = 'active' AND s.open_count > 0
      ORDER BY p.id LIMIT 1`;
    if (!subject) throw new Error('no patient for the patient page');
    return subject.id;
  } finally {
    await sql.end();
  }
}

/** Northfield's owner and patient1 signed in on `base`: a cookie jar (name → value) for each. */
export async function signInBenchUsers(base) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const signIn = async (email) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('loadline-bench');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const jar = new Map((await context.cookies()).map((c) => [c.name, c.value]));
    await context.close();
    return jar;
  };
  try {
    return { owner: await signIn('owner@northfield.bench'), patient: await signIn('patient1@northfield.bench') };
  } finally {
    await browser.close();
  }
}

/**
 * One request with the jar's cookies, read to its end: its milliseconds, status and size.
 * A status other than `expect` (default: any below 300) throws.
 */
export async function hit(base, path, jar, expect) {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  for (const set of res.headers.getSetCookie()) {
    const [pair] = set.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  if (expect === undefined ? res.status >= 300 : res.status !== expect) throw new Error(`${base}${path} answered ${res.status}`);
  return { ms, status: res.status, bytes: body.byteLength };
}

export const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
