import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import {
  alertAcknowledgements,
  auditEvents,
  exerciseCompletions,
  exercises,
  painReports,
  patientAlertState,
  patients,
  practices,
  programItems,
  programs,
  programVersions,
  trainingSessions,
  users,
} from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import { audit } from './audit';

// Everything the practice holds on one patient, for handing them their data (or moving
// it to another practice). Admins and the patient's treating physio only; audited.

export const EXPORT_FORMATS = ['zip', 'json', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

async function loadPatient(actor: Actor, patientId: string) {
  const [row] = await getDb()
    .select({ patient: patients, treatingPhysioName: users.name })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.treatingPhysioId))
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)))
    .limit(1);
  if (!row) throw notFound('Patient not found.');
  return { ...row.patient, treatingPhysioName: row.treatingPhysioName };
}

/** Admins may export any patient of the practice; a physio only the patients they treat. */
export async function assertCanExport(actor: Actor, patientId: string) {
  assertCan(actor, 'patient:export');
  const patient = await loadPatient(actor, patientId);
  if (!actor.roles.includes('admin') && patient.treatingPhysioId !== actor.userId) {
    throw new AppError('forbidden', "Only an admin or the patient's treating physio can export their data.");
  }
  return patient;
}

/** The whole record, read after the export has been written to the audit trail. */
export async function exportPatientData(actor: Actor, patientId: string, format: ExportFormat) {
  const patient = await assertCanExport(actor, patientId);
  const db = getDb();
  await audit(db, actor, { action: 'patient.export', entity: 'patient', entityId: patientId, patientId, meta: { format } });
  const scope = (t: { practiceId: AnyPgColumn; patientId: AnyPgColumn }) => and(eq(t.practiceId, actor.practiceId), eq(t.patientId, patientId));
  const [practice, account, programRows, completions, pain, sessions, acks, alertState, events] = await Promise.all([
    db.select({ id: practices.id, name: practices.name, timeZone: practices.timeZone, distanceUnit: practices.distanceUnit }).from(practices).where(eq(practices.id, actor.practiceId)),
    db
      .select({ id: users.id, email: users.email, status: users.status, createdAt: users.createdAt, lastSignInAt: users.lastSignInAt })
      .from(users)
      .where(and(eq(users.practiceId, actor.practiceId), eq(users.patientId, patientId))),
    db.select().from(programs).where(scope(programs)).orderBy(asc(programs.startDate), asc(programs.createdAt)),
    db
      .select({ completion: exerciseCompletions, exerciseTitle: exercises.title })
      .from(exerciseCompletions)
      .innerJoin(programItems, eq(programItems.id, exerciseCompletions.programItemId))
      .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
      .where(scope(exerciseCompletions))
      .orderBy(asc(exerciseCompletions.completedOn), asc(exerciseCompletions.createdAt)),
    db.select().from(painReports).where(scope(painReports)).orderBy(asc(painReports.reportedAt)),
    db.select().from(trainingSessions).where(scope(trainingSessions)).orderBy(asc(trainingSessions.localDate), asc(trainingSessions.createdAt)),
    db.select().from(alertAcknowledgements).where(scope(alertAcknowledgements)).orderBy(asc(alertAcknowledgements.acknowledgedAt)),
    db.select({ asOf: patientAlertState.asOf, alerts: patientAlertState.alerts }).from(patientAlertState).where(scope(patientAlertState)),
    // Staff IP addresses and browsers stay in the practice's audit log: they are not the patient's data.
    db
      .select({ id: auditEvents.id, createdAt: auditEvents.createdAt, action: auditEvents.action, entity: auditEvents.entity, entityId: auditEvents.entityId, actorName: users.name, meta: auditEvents.meta })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.patientId, patientId)))
      .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id)),
  ]);
  const programIds = programRows.map((p) => p.id);
  const [items, versions] = programIds.length
    ? await Promise.all([
        db
          .select({ item: programItems, exerciseTitle: exercises.title, exerciseSlug: exercises.slug })
          .from(programItems)
          .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
          .where(and(eq(programItems.practiceId, actor.practiceId), inArray(programItems.programId, programIds)))
          .orderBy(asc(programItems.programId), asc(programItems.position)),
        db
          .select()
          .from(programVersions)
          .where(and(eq(programVersions.practiceId, actor.practiceId), inArray(programVersions.programId, programIds)))
          .orderBy(asc(programVersions.programId), asc(programVersions.version)),
      ])
    : [[], []];
  return {
    exportedAt: new Date().toISOString(),
    exportedBy: { id: actor.userId, name: actor.name },
    practice: practice[0] ?? null,
    patient,
    account: account[0] ?? null,
    programs: programRows.map((program) => ({
      ...program,
      items: items.filter((i) => i.item.programId === program.id).map((i) => ({ ...i.item, exerciseTitle: i.exerciseTitle, exerciseSlug: i.exerciseSlug })),
      versions: versions.filter((v) => v.programId === program.id),
    })),
    exerciseCompletions: completions.map((c) => ({ ...c.completion, exerciseTitle: c.exerciseTitle })),
    painReports: pain,
    trainingSessions: sessions,
    alertAcknowledgements: acks,
    currentAlerts: alertState[0] ?? null,
    auditEvents: events,
  };
}

export type PatientExport = Awaited<ReturnType<typeof exportPatientData>>;
