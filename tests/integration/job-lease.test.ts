// Issue 18: a worker that dies in the middle of the daily alert refresh must not hold the
// practice's refresh for the default two-minute lease. The refresh runs under a lease of
// LEASE_MS_BY_KIND's 15 s (renewed between chunks), so another worker takes it over soon after
// a restart; other kinds keep the default lease. A trigger records every lease the jobs table
// is given, so the real worker runs the real refresh here.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { refreshAlertState } from '@/lib/data/alert-state';
import { ALERT_REFRESH_KIND } from '@/lib/jobs/alert-refresh';
import { enqueue } from '@/lib/jobs/queue';
import { LEASE_MS_BY_KIND, runDueJobs } from '@/lib/jobs/worker';
import { setupTestDb } from '../helpers/db';
import { createPatient, createPractice } from '../helpers/factories';

const testDb = setupTestDb(async ({ db }) => {
  await db.execute(sql`CREATE TABLE lease_log (job_id bigint, kind text, lease_seconds float8, at timestamptz DEFAULT clock_timestamp())`);
  await db.execute(sql`
    CREATE FUNCTION log_lease() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.locked_until IS NOT NULL AND NEW.locked_until IS DISTINCT FROM OLD.locked_until THEN
        INSERT INTO lease_log (job_id, kind, lease_seconds) VALUES (NEW.id, NEW.kind, extract(epoch FROM NEW.locked_until - now()));
      END IF;
      RETURN NEW;
    END $$`);
  await db.execute(sql`CREATE TRIGGER jobs_lease_log BEFORE UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION log_lease()`);
});

const leasesOf = async (jobId: number) => {
  const result = await testDb.db.execute(sql`SELECT lease_seconds FROM lease_log WHERE job_id = ${jobId} ORDER BY at`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { lease_seconds: number }[];
  return rows.map((r) => Number(r.lease_seconds));
};

describe('job leases', () => {
  it('the alert refresh runs under a lease of at most 15 s; an email job keeps the default two minutes', async () => {
    expect(LEASE_MS_BY_KIND[ALERT_REFRESH_KIND]).toBe(15_000);
    const practice = await createPractice();
    const patient = await createPatient(practice.id);
    await refreshAlertState(practice.id, [patient.id]);
    const refresh = await enqueue(testDb.db, { kind: ALERT_REFRESH_KIND, payload: { practiceId: practice.id }, practiceId: practice.id });
    expect(await runDueJobs({ workerId: 'w1', ids: [refresh!] })).toMatchObject({ done: 1 });
    const leases = await leasesOf(refresh!);
    // Claimed with the default lease, then held for at most 15 s while it runs.
    expect(leases[0]).toBeGreaterThan(60);
    expect(leases.length).toBeGreaterThanOrEqual(2);
    expect(leases.at(-1)).toBeGreaterThan(0);
    expect(leases.at(-1)).toBeLessThanOrEqual(15);

    // A kind without a short lease (an email to nobody: its handler fails and it is retried).
    const email = await enqueue(testDb.db, { kind: 'safety.email', payload: { notificationId: '00000000-0000-4000-8000-000000000000' }, practiceId: practice.id });
    await runDueJobs({ workerId: 'w1', ids: [email!] });
    expect((await leasesOf(email!)).every((s) => s > 60)).toBe(true);
  });
});
