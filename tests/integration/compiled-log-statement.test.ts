// A new pain report that cannot be a warning sign is one statement (the entry, its audit event,
// the mark of the alert row), compiled once per shape and then sent with each log's own values
// (db/compiled-statement.ts). Nothing of the log that compiled it may be sent with a later one:
// each log here is checked column by column against what it sent, across two practices, a
// patient and a physio, and shapes that differ in which fields are empty.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditEvents, painReports, patientAlertState } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { refreshAlertState } from '@/lib/data/alert-state';
import { logPain } from '@/lib/data/entries/pain';
import type { PainReportInput } from '@/lib/validation/entries';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';

// Inside a request Next.js's after() takes the callback (a patient's log then queues its
// refresh, a shape of its own); the callbacks are kept, not run.
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: () => undefined,
}));

const testDb = setupTestDb();

async function practiceWithPatient(ip: string, userAgent: string) {
  const practice = await createPractice();
  const physioUser = await createStaff(practice.id, ['physio']);
  const { patient, user } = await createPatientAccount(practice.id, { treatingPhysioId: physioUser.id });
  await refreshAlertState(practice.id, [patient.id]);
  const patientActor: Actor = { ...(await actorFor(user)), ip, userAgent };
  const physio: Actor = { ...(await actorFor(physioUser)), ip: `${ip}9`, userAgent: `${userAgent} (clinic)` };
  return { practice, patient, patientActor, physio };
}

async function stored(id: string) {
  const [report] = await testDb.db.select().from(painReports).where(eq(painReports.id, id));
  const events = await testDb.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
  return { report: report!, events };
}

describe('the compiled one-statement pain log', () => {
  it('writes each log with its own practice, patient, author, values and audit event, whichever log compiled the statement', async () => {
    const a = await practiceWithPatient('203.0.113.1', 'Phone A');
    const b = await practiceWithPatient('198.51.100.2', 'Phone B');
    const logs: { actor: Actor; patientId: string; input: PainReportInput; source: 'patient' | 'clinic' }[] = [
      { actor: a.patientActor, patientId: a.patient.id, source: 'patient', input: { idempotencyKey: randomUUID(), score: 2, locations: ['lower-back'], timing: 'after-run', symptoms: [], notes: 'first log' } },
      // The same shape from another practice: the statement compiled by the log above.
      { actor: b.patientActor, patientId: b.patient.id, source: 'patient', input: { idempotencyKey: randomUUID(), score: 4, locations: ['hip-buttock', 'lower-back'], timing: 'morning', symptoms: [], notes: 'second log' } },
      // Empty timing and notes: another shape (a NULL is part of it).
      { actor: b.patientActor, patientId: b.patient.id, source: 'patient', input: { idempotencyKey: randomUUID(), score: 1, locations: [], symptoms: [] } },
      // A physio logging for a patient: no queued refresh, another shape again.
      { actor: b.physio, patientId: b.patient.id, source: 'clinic', input: { idempotencyKey: randomUUID(), score: 3, locations: ['leg-left'], timing: 'during-run', symptoms: [], notes: 'told in clinic', patientId: b.patient.id } },
      { actor: a.physio, patientId: a.patient.id, source: 'clinic', input: { idempotencyKey: randomUUID(), score: 0, locations: ['lower-back'], timing: 'at-rest', symptoms: [], notes: 'no pain today', patientId: a.patient.id } },
    ];
    for (const log of logs) {
      const result = await logPain(log.actor, log.input);
      expect(result).toMatchObject({ duplicate: false, patientId: log.patientId, safetyAlertId: null });
      const { report, events } = await stored(result.id);
      expect(report).toMatchObject({
        practiceId: log.actor.practiceId, patientId: log.patientId, enteredBy: log.actor.userId, source: log.source,
        idempotencyKey: log.input.idempotencyKey, score: log.input.score, locations: log.input.locations,
        timing: log.input.timing ?? null, notes: log.input.notes ?? null, symptoms: [], redFlags: [], correctsId: null,
      });
      expect(Date.now() - report.reportedAt.getTime()).toBeLessThan(60_000);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        practiceId: log.actor.practiceId, actorUserId: log.actor.userId, action: 'pain.create', entity: 'pain_report',
        patientId: log.patientId, ip: log.actor.ip, userAgent: log.actor.userAgent, meta: { score: log.input.score, redFlags: [] },
      });
    }
    // Each patient's alert row went through its own marks: the staff logs refreshed theirs, and the
    // row holds that patient's latest report.
    for (const [patientId, latest] of [[a.patient.id, 0], [b.patient.id, 3]] as const) {
      const [row] = await testDb.db.select({ lastPainScore: patientAlertState.lastPainScore, staleSince: patientAlertState.staleSince }).from(patientAlertState).where(eq(patientAlertState.patientId, patientId));
      expect(row).toMatchObject({ lastPainScore: latest, staleSince: null });
    }

    // A retry with a key already recorded writes nothing and answers with the first entry.
    const first = logs[0]!;
    const replay = await logPain(first.actor, { ...first.input, score: 9, notes: 'a retry' });
    expect(replay.duplicate).toBe(true);
    const rows = await testDb.db.select({ id: painReports.id, score: painReports.score }).from(painReports).where(eq(painReports.idempotencyKey, first.input.idempotencyKey));
    expect(rows).toEqual([{ id: replay.id, score: 2 }]);
  });
});
