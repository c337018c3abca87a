// npm run db:seed:large — the benchmark dataset (issue 9), PostgreSQL only, local only.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadline_bench npm run db:seed:large [-- --reset]
//
// Creates the database when it is missing, applies the migrations, syncs the library,
// then generates with set-based SQL (INSERT … SELECT generate_series):
//  - "Northfield Physio Network": 5,000 active patients (+ discharged and archived ones),
//    40 physios, 12 months of logs each: pain most days, 3–5 sessions a week, daily
//    exercise completions against one program per patient built from library exercises;
//  - "Metro Physio Group": 20,000 patients and 120 physios with 13 weeks of lighter logs
//    (the patients-table query plan at 20,000 patients);
//  - four small practices with full logs, so every practice filter does real work.
// Then patient_alert_state for every patient through the app's own refreshAlertState.
// --reset drops and recreates the database first (only a database whose name ends in
// "_bench"). Everyone's password is BENCH_PASSWORD.
import postgres from 'postgres';
import { closeDb, dbHandle } from './client';
import { prepareDatabase } from './prepare';
import { defaultPracticeSettings } from './seed';
import { hashPassword } from '@/lib/auth/password';
import { refreshAlertState } from '@/lib/data/alert-state';
import { addDays, localDate } from '@/lib/dates';

export const BENCH_PASSWORD = 'loadline-bench';

type PracticeSpec = {
  slug: string;
  name: string;
  domain: string;
  timeZone: string;
  unit: 'km' | 'mi';
  active: number;
  discharged: number;
  archived: number;
  physios: number;
  /** Days of logs per patient (365 = 12 months). */
  days: number;
  /** Portal accounts for the first patients (patient1@domain …). */
  portal: number;
};

export const BENCH_PRACTICES: PracticeSpec[] = [
  { slug: 'bench-northfield', name: 'Northfield Physio Network', domain: 'northfield.bench', timeZone: 'Europe/London', unit: 'km', active: 5000, discharged: 400, archived: 100, physios: 40, days: 365, portal: 16 },
  { slug: 'bench-metro', name: 'Metro Physio Group', domain: 'metro.bench', timeZone: 'Europe/London', unit: 'km', active: 18_500, discharged: 1000, archived: 500, physios: 120, days: 91, portal: 1 },
  { slug: 'bench-harbourside', name: 'Harbourside Sports Physio', domain: 'harbourside.bench', timeZone: 'Europe/London', unit: 'km', active: 400, discharged: 40, archived: 10, physios: 6, days: 365, portal: 1 },
  { slug: 'bench-lakeside', name: 'Lakeside Running Clinic', domain: 'lakeside.bench', timeZone: 'America/New_York', unit: 'mi', active: 250, discharged: 30, archived: 5, physios: 4, days: 365, portal: 1 },
  { slug: 'bench-hilltop', name: 'Hilltop Physiotherapy', domain: 'hilltop.bench', timeZone: 'Australia/Sydney', unit: 'km', active: 150, discharged: 15, archived: 5, physios: 3, days: 365, portal: 1 },
  { slug: 'bench-corner', name: 'Corner Street Physio', domain: 'corner.bench', timeZone: 'Europe/Dublin', unit: 'km', active: 60, discharged: 5, archived: 0, physios: 1, days: 365, portal: 1 },
];

const FIRST = ['Olivia', 'Noah', 'Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Arthur', 'Mia', 'Leo', 'Ivy', 'Harry', 'Freya', 'Oscar', 'Lily', 'Muhammad', 'Florence', 'Archie', 'Grace', 'Jack', 'Sophia', 'Henry', 'Ella', 'Theo', 'Aisha', 'Lucas', 'Priya', 'Mateo', 'Zara', 'Finn', 'Chloe', 'Kai', 'Maya', 'Ethan', 'Nora', 'Samuel', 'Hana', 'Omar', 'Elena', 'Tomasz'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Khan', 'Murphy', 'Lewis', 'Hughes', 'Edwards', 'Shah', 'Novak', 'Rossi', 'Kim', 'Okafor', 'Haddad', 'Becker', 'Lopez', 'Martin', 'Nguyen', "O'Brien", 'Kowalski', 'Fischer', 'Silva', 'Andersen', 'Dubois', 'Moreau', 'Costa', 'Rahman', 'Ahmed', 'Ali', 'Byrne', 'Kelly', 'Walsh'];
const CONDITIONS = ['Non-specific low back pain', 'Low back pain, marathon build', 'Lumbar strain, trail runner', 'Sacroiliac joint pain', 'Recurrent low back pain', 'Thoracic stiffness, upper-back pain', 'Degenerative disc changes, parkrun', 'Hip flexor tightness, lordotic posture', 'Low back pain after half-marathon', 'Low back pain, returning to running'];
const TEXT_ARRAY = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

function parseTarget(): { url: string; database: string } {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new Error('DATABASE_URL is required (e.g. postgres://postgres@127.0.0.1:5432/loadline_bench): the large seed runs on PostgreSQL only.');
  const url = new URL(raw);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) {
    throw new Error(`Refusing to seed ${url.hostname}: the large seed writes millions of rows and runs only against a local server.`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Unexpected database name "${database}"`);
  return { url: raw, database };
}

async function ensureDatabase(url: string, database: string, reset: boolean) {
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    if (reset) {
      if (!database.endsWith('_bench')) throw new Error(`--reset only drops databases whose name ends in _bench, not ${database}`);
      await admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      log(`dropped ${database}`);
    }
    const [exists] = await admin`SELECT 1 AS one FROM pg_database WHERE datname = ${database}`;
    if (!exists) {
      await admin.unsafe(`CREATE DATABASE "${database}"`);
      log(`created database ${database}`);
    }
  } finally {
    await admin.end();
  }
}

type Sql = postgres.Sql;

/** Bulk load without secondary indexes and unique constraints; rebuilt afterwards in one pass each. */
async function withoutSecondaryIndexes(sql: Sql, tables: string[], load: () => Promise<void>) {
  const constraints = await sql<{ table: string; name: string; def: string }[]>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c WHERE c.contype = 'u' AND c.conrelid::regclass::text = ANY(${tables})`;
  for (const c of constraints) await sql.unsafe(`ALTER TABLE "${c.table}" DROP CONSTRAINT "${c.name}"`);
  const indexes = await sql<{ name: string; def: string }[]>`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = 'public' AND tablename = ANY(${tables}) AND indexname NOT LIKE '%_pkey'`;
  for (const i of indexes) await sql.unsafe(`DROP INDEX "${i.name}"`);
  await load();
  log(`rebuilding ${indexes.length + constraints.length} indexes`);
  for (const i of indexes) await sql.unsafe(i.def);
  for (const c of constraints) await sql.unsafe(`ALTER TABLE "${c.table}" ADD CONSTRAINT "${c.name}" ${c.def}`);
}

async function timed(sql: Sql, label: string, query: string) {
  const t = Date.now();
  const result = await sql.unsafe(query);
  log(`${label}: ${result.count.toLocaleString('en')} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

async function seedLarge() {
  const reset = process.argv.includes('--reset');
  const { url, database } = parseTarget();
  await ensureDatabase(url, database, reset);
  const handle = dbHandle();
  if (handle.kind !== 'postgres') throw new Error('The large seed needs DATABASE_URL (PostgreSQL).');
  await prepareDatabase(handle);
  log('migrated and synced the content library');

  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { statement_timeout: 0, application_name: 'loadline-seed-large' } });
  try {
    const [done] = await sql`SELECT count(*)::int AS n FROM practices WHERE slug LIKE 'bench-%'`;
    if ((done?.n ?? 0) > 0) {
      log('the bench practices exist already; run with -- --reset to start over');
      return;
    }
    // Generated rows reference each other correctly by construction: skip per-row FK
    // triggers while loading (superuser, this session only) and commit without waiting.
    await sql.unsafe(`SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
    await sql.unsafe(`SELECT setseed(0.2026)`);
    // Deterministic ids that are valid RFC 4122 (version 4, variant 10xx): the app's URL
    // parsing (zod's uuid) refuses anything else.
    await sql.unsafe(`CREATE FUNCTION pg_temp.seed_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
      $$ SELECT overlay(overlay(md5($1) PLACING '4' FROM 13 FOR 1) PLACING '8' FROM 17 FOR 1)::uuid $$`);
    const passwordHash = await hashPassword(BENCH_PASSWORD);

    // Practices and staff.
    for (const p of BENCH_PRACTICES) {
      const today = localDate(new Date(), p.timeZone);
      const [practice] = await sql`
        INSERT INTO practices (name, slug, time_zone, distance_unit, settings)
        VALUES (${p.name}, ${p.slug}, ${p.timeZone}, ${p.unit}, ${sql.json(defaultPracticeSettings())})
        RETURNING id`;
      const practiceId = practice!.id as string;
      // physio 1 is the owner (physio + admin), plus a practice manager (admin only).
      await sql`
        INSERT INTO users (practice_id, email, name, password_hash, roles, status)
        SELECT ${practiceId}, CASE WHEN n = 1 THEN 'owner@' ELSE 'physio' || lpad(n::text, 3, '0') || '@' END || ${p.domain},
               (ARRAY['Sam','Jo','Alex','Chris','Robin','Jamie','Charlie','Morgan'])[1 + n % 8] || ' ' || (${LAST} :: text[])[1 + (n * 7) % ${LAST.length}] || ' (' || n || ')',
               ${passwordHash}, CASE WHEN n = 1 THEN ARRAY['physio','admin'] ELSE ARRAY['physio'] END, 'active'
        FROM generate_series(1, ${p.physios}) n`;
      await sql`INSERT INTO users (practice_id, email, name, password_hash, roles, status) VALUES (${practiceId}, ${`manager@${p.domain}`}, 'Practice Manager', ${passwordHash}, ARRAY['admin'], 'active')`;
      await sql.unsafe(
        `CREATE TEMP TABLE IF NOT EXISTS sp (
           n int, id uuid, practice_id uuid, today date, tz text, status text, scenario text, physio_id uuid,
           first_day date, last_day date, program_start date, program_end date, days int,
           pain_base real, pain_prob real, spw int, dow_off int, base_min real, pace real, adherence real, n_items int)`,
      );
      // One row of parameters per patient; every later INSERT reads them.
      await sql.unsafe(
        `WITH physios AS (
           SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE practice_id = $1::uuid AND 'physio' = ANY(roles)
         ), base AS (
           SELECT n, random() AS r, random() AS r2, random() AS r3,
                  CASE WHEN n <= $3::int THEN 'active' WHEN n <= $3::int + $4::int THEN 'discharged' ELSE 'archived' END AS status
           FROM generate_series(1, $3::int + $4::int + $5::int) n
         )
         INSERT INTO sp
         SELECT b.n, pg_temp.seed_uuid($6::text || '-patient-' || b.n), $1::uuid, $2::date, $7::text, b.status,
                CASE WHEN b.status <> 'active' OR b.n <= $8::int THEN 'steady'
                     WHEN b.r < 0.006 THEN 'red-flag' WHEN b.r < 0.046 THEN 'spike' WHEN b.r < 0.086 THEN 'worsening'
                     WHEN b.r < 0.126 THEN 'inactive' WHEN b.r < 0.176 THEN 'low-adherence' WHEN b.r < 0.306 THEN 'improving' ELSE 'steady' END,
                physios.ids[1 + b.n % cardinality(physios.ids)],
                $2::date - ($9::int - 1),
                CASE b.status WHEN 'active' THEN $2::date WHEN 'discharged' THEN $2::date - (20 + floor(b.r2 * 50))::int ELSE $2::date - (60 + floor(b.r2 * 25))::int END,
                NULL, NULL, $9::int,
                1.5 + b.r3 * 2.2, CASE WHEN $9::int >= 365 THEN 0.72 + random() * 0.22 ELSE 0.45 + random() * 0.2 END,
                3 + floor(random() * 3)::int, floor(random() * 7)::int, 25 + random() * 20, 5.0 + random() * 1.6,
                0.7 + random() * 0.25, 3 + floor(random() * 3)::int
         FROM base b, physios`,
        [practiceId, today, p.active, p.discharged, p.archived, p.slug, p.timeZone, p.portal, p.days],
      );
      log(`${p.name}: ${p.physios} physios, ${(p.active + p.discharged + p.archived).toLocaleString('en')} patients planned`);
    }
    // Per-scenario adjustments, program dates.
    await sql.unsafe(`
      UPDATE sp SET last_day = today - (15 + floor(random() * 25))::int WHERE scenario = 'inactive';
      UPDATE sp SET adherence = 0.12 + random() * 0.25 WHERE scenario = 'low-adherence';
      UPDATE sp SET program_start = greatest(first_day, last_day - (CASE WHEN days >= 365 THEN 28 + floor(random() * 300) ELSE 14 + floor(random() * 30) END)::int);
      UPDATE sp SET program_end = last_day WHERE status <> 'active';
      CREATE INDEX ON sp (id); ANALYZE sp;`);

    await sql.unsafe(`
      INSERT INTO patients (id, practice_id, first_name, last_name, date_of_birth, email, phone, condition, treating_physio_id, goals, status, baseline_date, created_by, created_at, updated_at)
      SELECT id, practice_id,
             (${TEXT_ARRAY(FIRST)})[1 + (n * 31) % ${FIRST.length}],
             (${TEXT_ARRAY(LAST)})[1 + (n * 17 + n / ${FIRST.length}) % ${LAST.length}],
             date '1950-01-01' + floor(random() * 20000)::int,
             lower((${TEXT_ARRAY(FIRST)})[1 + (n * 31) % ${FIRST.length}]) || '.' || n || '@patients.example',
             '07700 ' || lpad((n % 1000000)::text, 6, '0'),
             (${TEXT_ARRAY(CONDITIONS)})[1 + n % ${CONDITIONS.length}],
             physio_id, 'Run pain-free; build back to regular weekly mileage.', status, program_start, physio_id,
             (first_day - 14)::timestamptz, (first_day - 14)::timestamptz
      FROM sp`);
    log('patients inserted');

    // Portal accounts for the first patients of each practice.
    for (const p of BENCH_PRACTICES) {
      await sql`
        INSERT INTO users (practice_id, email, name, password_hash, roles, status, patient_id)
        SELECT sp.practice_id, 'patient' || sp.n || '@' || ${p.domain}, pt.first_name || ' ' || pt.last_name, ${passwordHash}, ARRAY['patient'], 'active', sp.id
        FROM sp JOIN patients pt ON pt.id = sp.id JOIN practices pr ON pr.id = sp.practice_id
        WHERE pr.slug = ${p.slug} AND sp.n <= ${p.portal}`;
    }

    // One program per patient (active, or ended at discharge), 3–5 library exercises, version 1 snapshot.
    await timed(sql, 'programs', `
      INSERT INTO programs (id, practice_id, patient_id, title, status, start_date, end_date, goals, template_slug, version, created_by, updated_by, created_at, updated_at)
      SELECT pg_temp.seed_uuid(id::text || '-program'), practice_id, id, 'Runners'' low back program', CASE WHEN status = 'active' THEN 'active' ELSE 'ended' END,
             program_start, program_end, 'Run pain-free', NULL, 1, physio_id, physio_id, program_start::timestamptz, program_start::timestamptz
      FROM sp`);
    await timed(sql, 'program items', `
      WITH lib AS (SELECT array_agg(id ORDER BY slug) AS ids FROM exercises WHERE practice_id IS NULL AND retired_at IS NULL)
      INSERT INTO program_items (practice_id, program_id, exercise_id, position, sets, reps, hold_seconds, sessions_per_week, created_at)
      SELECT sp.practice_id, pg_temp.seed_uuid(sp.id::text || '-program'), lib.ids[1 + (sp.n * 7 + pos * 13) % cardinality(lib.ids)], pos,
             CASE WHEN pos % 2 = 0 THEN 3 ELSE 2 END, CASE WHEN pos % 2 = 0 THEN 10 END, CASE WHEN pos % 2 = 1 THEN 30 END,
             (ARRAY[7, 7, 5, 3, 3])[pos + 1], sp.program_start::timestamptz
      FROM sp, lib, generate_series(0, sp.n_items - 1) pos`);
    await timed(sql, 'program versions', `
      INSERT INTO program_versions (practice_id, program_id, version, snapshot, changed_by, created_at)
      SELECT pg.practice_id, pg.id, 1,
             jsonb_build_object('title', pg.title, 'status', pg.status, 'startDate', pg.start_date, 'endDate', pg.end_date, 'goals', pg.goals,
               'articleSlugs', '[]'::jsonb,
               'items', (SELECT jsonb_agg(jsonb_build_object('id', pi.id, 'exerciseId', pi.exercise_id, 'exerciseTitle', e.title, 'sets', pi.sets, 'reps', pi.reps,
                           'holdSeconds', pi.hold_seconds, 'minutes', pi.minutes, 'sessionsPerWeek', pi.sessions_per_week, 'load', pi.load, 'notes', pi.notes) ORDER BY pi.position)
                         FROM program_items pi JOIN exercises e ON e.id = pi.exercise_id WHERE pi.program_id = pg.id)),
             pg.created_by, pg.created_at
      FROM programs pg JOIN sp ON sp.id = pg.patient_id`);

    await withoutSecondaryIndexes(sql, ['pain_reports', 'training_sessions', 'exercise_completions'], async () => {
      // Pain: most days, evening reports; the scenario shapes the curve.
      await timed(sql, 'pain reports', `
        INSERT INTO pain_reports (practice_id, patient_id, score, reported_at, local_date, locations, timing, symptoms, red_flags, source, created_at, updated_at)
        SELECT practice_id, id, score, reported_at, d, locations,
               (ARRAY['after-run','morning','at-rest','during-run'])[1 + floor(random() * 4)::int],
               CASE WHEN flag THEN ARRAY['leg-numbness','stiffness'] WHEN score >= 5 THEN ARRAY['stiffness'] ELSE ARRAY[]::text[] END,
               CASE WHEN flag THEN ARRAY['leg-numbness'] ELSE ARRAY[]::text[] END,
               'patient', reported_at, reported_at
        FROM (
          SELECT sp.practice_id, sp.id, g.d::date AS d,
                 ((g.d::date + time '19:30') AT TIME ZONE sp.tz) + (random() * interval '2 hours') AS reported_at,
                 least(10, greatest(0, round(
                   CASE sp.scenario
                     WHEN 'improving' THEN 6.5 - 4.5 * (g.d::date - sp.first_day) / greatest(1, sp.days - 1)
                     WHEN 'worsening' THEN sp.pain_base + greatest(0, g.d::date - (sp.today - 21)) * 0.17
                     WHEN 'spike' THEN sp.pain_base + greatest(0, g.d::date - (sp.today - 10)) * 0.12
                     WHEN 'red-flag' THEN sp.pain_base + CASE WHEN g.d::date > sp.today - 4 THEN 2.5 ELSE 0 END
                     ELSE sp.pain_base END + (random() - 0.5) * 2)))::smallint AS score,
                 sp.scenario = 'red-flag' AND g.d::date > sp.today - 3 AS flag,
                 CASE WHEN sp.scenario = 'red-flag' AND g.d::date > sp.today - 3 THEN ARRAY['lower-back','leg-left'] ELSE ARRAY['lower-back'] END AS locations
          FROM sp, generate_series(sp.first_day, sp.last_day, interval '1 day') g(d)
          WHERE random() < sp.pain_prob OR g.d::date = sp.last_day
        ) x`);
      // Sessions: fixed weekdays (3–5 a week, a long run on day 0, strength on day 1 for 5-a-week),
      // an occasional skipped day; "spike" runs every day for the last 9 days, longer and harder.
      await timed(sql, 'training sessions', `
        INSERT INTO training_sessions (practice_id, patient_id, activity, local_date, duration_min, distance_km, rpe, terrain, source, created_at, updated_at)
        SELECT practice_id, id, activity, d, duration, CASE WHEN activity = 'run' THEN round((duration / pace)::numeric, 1)::real END,
               rpe, CASE WHEN activity = 'run' THEN (ARRAY['flat','flat','hills','trail'])[1 + floor(random() * 4)::int] END,
               'patient', d::timestamptz + interval '18 hours', d::timestamptz + interval '18 hours'
        FROM (
          SELECT sp.practice_id, sp.id, g.d::date AS d, sp.pace,
                 CASE WHEN k = 1 AND sp.spw = 5 AND NOT spiking THEN 'strength' ELSE 'run' END AS activity,
                 CASE WHEN k = 1 AND sp.spw = 5 AND NOT spiking THEN 30
                      ELSE greatest(10, round(sp.base_min * CASE WHEN k = 0 THEN 1.7 ELSE 1 END
                        * CASE WHEN sp.scenario = 'improving' THEN 0.6 + 0.4 * (g.d::date - sp.first_day) / greatest(1, sp.days - 1) ELSE 1 END
                        * CASE WHEN spiking THEN 1.5 ELSE 1 END * (0.92 + random() * 0.16))) END AS duration,
                 least(10, CASE WHEN k = 0 THEN 6 ELSE 4 END + floor(random() * 2)::int + CASE WHEN spiking THEN 1 ELSE 0 END) AS rpe,
                 k, spiking
          FROM sp, generate_series(sp.first_day, sp.last_day, interval '1 day') g(d),
               LATERAL (SELECT ((g.d::date - date '2000-01-02') + sp.dow_off) % 7 AS k, sp.scenario = 'spike' AND g.d::date > sp.today - 9 AS spiking) w
          WHERE (spiking OR k = ANY (CASE sp.spw WHEN 3 THEN ARRAY[0,2,4] WHEN 4 THEN ARRAY[0,2,4,5] ELSE ARRAY[0,1,2,4,5] END))
            AND (spiking OR random() > 0.03)
        ) x`);
      // Exercise ticks: each day of the program, per item, with the patient's adherence.
      await timed(sql, 'exercise completions', `
        INSERT INTO exercise_completions (practice_id, patient_id, program_item_id, completed_on, source, created_at, updated_at)
        SELECT practice_id, patient_id, item_id, d, 'patient', d::timestamptz + interval '8 hours', d::timestamptz + interval '8 hours'
        FROM (
          SELECT sp.practice_id, sp.id AS patient_id, pi.id AS item_id, g.d::date AS d, sp.adherence * pi.sessions_per_week / 7.0 AS p
          FROM sp JOIN program_items pi ON pi.program_id = pg_temp.seed_uuid(sp.id::text || '-program'),
               generate_series(sp.program_start, sp.last_day, interval '1 day') g(d)
          OFFSET 0 -- keeps the random() filter per day and item (not pushed down into the join)
        ) x
        WHERE random() < p`);
    });
    await sql.unsafe(`RESET session_replication_role`);
    await sql.unsafe(`VACUUM ANALYZE`);
    log('vacuum analyze done');

    // Alert state for every patient, through the app's own code (batches of 250 inside).
    const practiceRows = await sql<{ id: string; slug: string; time_zone: string }[]>`SELECT id, slug, time_zone FROM practices WHERE slug LIKE 'bench-%' ORDER BY slug`;
    const jobs: { practiceId: string; ids: string[]; today: string }[] = [];
    for (const pr of practiceRows) {
      const ids = (await sql<{ id: string }[]>`SELECT id FROM patients WHERE practice_id = ${pr.id} ORDER BY id`).map((r) => r.id);
      const today = localDate(new Date(), pr.time_zone);
      for (let i = 0; i < ids.length; i += 1000) jobs.push({ practiceId: pr.id, ids: ids.slice(i, i + 1000), today });
    }
    const total = jobs.reduce((n, j) => n + j.ids.length, 0);
    let doneCount = 0;
    const alertStart = Date.now();
    // Two workers: the database and Node share the 2 cores.
    await Promise.all(
      [0, 1].map(async (w) => {
        for (let i = w; i < jobs.length; i += 2) {
          const job = jobs[i]!;
          await refreshAlertState(job.practiceId, job.ids, job.today);
          doneCount += job.ids.length;
          if (doneCount % 5000 < 1000 || doneCount === total) log(`alert state: ${doneCount.toLocaleString('en')} / ${total.toLocaleString('en')} patients`);
        }
      }),
    );
    log(`alert state computed for ${total.toLocaleString('en')} patients in ${((Date.now() - alertStart) / 1000).toFixed(1)} s`);
    await sql.unsafe(`VACUUM ANALYZE patient_alert_state`);

    const counts = await sql<{ table: string; rows: string; size: string }[]>`
      SELECT relname AS table, n_live_tup::text AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size
      FROM pg_stat_user_tables WHERE relname IN ('practices','users','patients','programs','program_items','pain_reports','training_sessions','exercise_completions','patient_alert_state')
      ORDER BY n_live_tup DESC`;
    console.log('\nrows per table (all practices):');
    for (const c of counts) console.log(`  ${c.table.padEnd(22)} ${Number(c.rows).toLocaleString('en').padStart(12)}  ${c.size}`);
    const [dbSize] = await sql`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`;
    console.log(`  database size ${dbSize?.size}`);
    const open = await sql`
      SELECT pr.slug, count(*)::int AS patients, count(*) FILTER (WHERE s.open_count > 0)::int AS with_alerts
      FROM patient_alert_state s JOIN practices pr ON pr.id = s.practice_id JOIN patients p ON p.id = s.patient_id AND p.status = 'active'
      GROUP BY pr.slug ORDER BY patients DESC`;
    console.log('\nactive patients with open alerts:');
    for (const o of open) console.log(`  ${String(o.slug).padEnd(20)} ${o.with_alerts} of ${o.patients}`);
    console.log(`\nLogins (password ${BENCH_PASSWORD}): owner@northfield.bench (physio + admin), physio002@northfield.bench, manager@northfield.bench, patient1@northfield.bench … patient16@northfield.bench, owner@metro.bench`);
    log(`done; today is ${localDate(new Date(), 'Europe/London')} (Europe/London), logs start ${addDays(localDate(new Date(), 'Europe/London'), -364)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

await seedLarge();
await closeDb();
