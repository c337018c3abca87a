import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, painReports } from '@/db/schema';
import { setupTestDb } from '../helpers/db';
import { createPatient, createPractice } from '../helpers/factories';

const testDb = setupTestDb();

describe(`migrations (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('creates every table of the schema', async () => {
    const rows = await testDb.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const names = (Array.isArray(rows) ? rows : (rows as { rows: { table_name: string }[] }).rows).map((r) => r.table_name);
    for (const table of ['practices', 'users', 'patients', 'exercises', 'programs', 'program_items', 'program_versions', 'exercise_completions', 'pain_reports', 'training_sessions', 'audit_events', 'access_tokens', 'sign_in_attempts', 'alert_acknowledgements']) {
      expect(names).toContain(table);
    }
  });

  it('enforces the pain range with a CHECK constraint', async () => {
    const practice = await createPractice();
    const patient = await createPatient(practice.id);
    const insert = (score: number) =>
      testDb.db.insert(painReports).values({ practiceId: practice.id, patientId: patient.id, score, reportedAt: new Date(), localDate: '2026-01-01' });
    await expect(insert(11)).rejects.toThrow();
    await expect(insert(-1)).rejects.toThrow();
    await expect(insert(10)).resolves.toBeDefined();
  });

  it('keeps the audit trail append-only', async () => {
    const practice = await createPractice();
    await testDb.db.insert(auditEvents).values({ practiceId: practice.id, action: 'test', entity: 'test' });
    const refusal = (e: unknown) => /append-only/.test(String((e as Error & { cause?: Error }).cause?.message ?? e));
    await expect(testDb.db.update(auditEvents).set({ action: 'changed' })).rejects.toSatisfy(refusal);
    await expect(testDb.db.delete(auditEvents)).rejects.toSatisfy(refusal);
  });
});
