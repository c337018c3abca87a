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
  measureResponses,
  sessionCheckIns,
  trainingSessions,
  users,
} from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, isAdministrativeAuditAction } from '@/lib/access/policy';
import { sessionLoad } from '@/lib/analytics/load';
import { getMeasure } from '@/lib/content/measures';
import { AppError, notFound } from '@/lib/errors';
import { fromKm } from '@/lib/units';
import { audit } from './audit';
import { monitoredSessionsOf } from './pain-monitoring';
import { patientTrendsOf } from './trends';
import { withoutClinical } from './patients';

// Everything the practice holds on one patient, for handing them their data (or moving
// it to another practice). Admins and the patient's treating physio only; audited.
// Two parts (lib/access/policy.ts): 'full' is the clinical record and needs a clinical role
// (patient:exportClinical); 'contact' is identity, contact and account data only (with the
// audit trail of the record, its clinical details left out), what a practice manager may export.

export const EXPORT_FORMATS = ['zip', 'json', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_PARTS = ['full', 'contact'] as const;
export type ExportPart = (typeof EXPORT_PARTS)[number];

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

/**
 * Admins may export any patient of the practice; a physio only the patients they treat.
 * The full (clinical) record needs a clinical role as well.
 */
export async function assertCanExport(actor: Actor, patientId: string, part: ExportPart = 'full') {
  assertCan(actor, part === 'full' ? 'patient:exportClinical' : 'patient:export');
  const patient = await loadPatient(actor, patientId);
  if (!actor.roles.includes('admin') && patient.treatingPhysioId !== actor.userId) {
    throw new AppError('forbidden', "Only an admin or the patient's treating physio can export their data.");
  }
  return patient;
}

/** The whole record (clinical roles), read after the export has been written to the audit trail. */
export async function exportPatientData(actor: Actor, patientId: string, format: ExportFormat) {
  return buildExport(actor, patientId, format, 'full');
}

/** Identity, contact and account data only (a practice manager's export); audited the same way. */
export async function exportPatientContact(actor: Actor, patientId: string, format: ExportFormat) {
  return buildExport(actor, patientId, format, 'contact');
}

async function buildExport(actor: Actor, patientId: string, format: ExportFormat, part: ExportPart) {
  const patient = await assertCanExport(actor, patientId, part);
  const full = part === 'full';
  const db = getDb();
  await audit(db, actor, { action: 'patient.export', entity: 'patient', entityId: patientId, patientId, meta: { format, contents: part } });
  const scope = (t: { practiceId: AnyPgColumn; patientId: AnyPgColumn }) => and(eq(t.practiceId, actor.practiceId), eq(t.patientId, patientId));
  const none = Promise.resolve([] as never[]);
  const [practice, account, programRows, completions, pain, sessions, checkIns, measureRows, acks, alertState, events] = await Promise.all([
    db.select({ id: practices.id, name: practices.name, timeZone: practices.timeZone, distanceUnit: practices.distanceUnit }).from(practices).where(eq(practices.id, actor.practiceId)),
    db
      .select({ id: users.id, email: users.email, status: users.status, createdAt: users.createdAt, lastSignInAt: users.lastSignInAt })
      .from(users)
      .where(and(eq(users.practiceId, actor.practiceId), eq(users.patientId, patientId))),
    full ? db.select().from(programs).where(scope(programs)).orderBy(asc(programs.startDate), asc(programs.createdAt)) : none,
    !full ? none : db
      .select({ completion: exerciseCompletions, exerciseTitle: exercises.title })
      .from(exerciseCompletions)
      .innerJoin(programItems, eq(programItems.id, exerciseCompletions.programItemId))
      .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
      .where(scope(exerciseCompletions))
      .orderBy(asc(exerciseCompletions.completedOn), asc(exerciseCompletions.createdAt)),
    full ? db.select().from(painReports).where(scope(painReports)).orderBy(asc(painReports.reportedAt)) : none,
    full ? db.select().from(trainingSessions).where(scope(trainingSessions)).orderBy(asc(trainingSessions.localDate), asc(trainingSessions.createdAt)) : none,
    full ? db.select().from(sessionCheckIns).where(scope(sessionCheckIns)).orderBy(asc(sessionCheckIns.createdAt)) : none,
    full ? db.select().from(measureResponses).where(and(scope(measureResponses), eq(measureResponses.status, 'submitted'))).orderBy(asc(measureResponses.respondedOn), asc(measureResponses.submittedAt)) : none,
    full ? db.select().from(alertAcknowledgements).where(scope(alertAcknowledgements)).orderBy(asc(alertAcknowledgements.acknowledgedAt)) : none,
    full ? db.select({ asOf: patientAlertState.asOf, alerts: patientAlertState.alerts }).from(patientAlertState).where(scope(patientAlertState)) : none,
    // Staff IP addresses and browsers stay in the practice's audit log: they are not the patient's data.
    db
      .select({ id: auditEvents.id, createdAt: auditEvents.createdAt, action: auditEvents.action, entity: auditEvents.entity, entityId: auditEvents.entityId, actorName: users.name, meta: auditEvents.meta })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.patientId, patientId)))
      .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id)),
  ]);
  // The numbers the clinic sees, by the same functions as the patient page and the alerts
  // (docs/clinical.md), as of the export's day; distances in the practice's unit.
  const summary = full ? await clinicalSummary(actor, patientId, sessions.length > 0 ? sessions[0]!.localDate : null) : null;
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
    /** 'contact': identity, contact and account data only; the clinical sections are empty. */
    contents: part,
    practice: practice[0] ?? null,
    patient: full ? patient : withoutClinical(patient),
    account: account[0] ?? null,
    programs: programRows.map((program) => ({
      ...program,
      items: items.filter((i) => i.item.programId === program.id).map((i) => ({ ...i.item, exerciseTitle: i.exerciseTitle, exerciseSlug: i.exerciseSlug })),
      versions: versions.filter((v) => v.programId === program.id),
    })),
    exerciseCompletions: completions.map((c) => ({ ...c.completion, exerciseTitle: c.exerciseTitle })),
    painReports: pain,
    trainingSessions: sessions.map((s) => {
      const monitored = summary?.sessions.get(s.id);
      return {
        ...s,
        distance: s.distanceKm === null ? null : round2(fromKm(s.distanceKm, actor.distanceUnit)),
        distanceUnit: actor.distanceUnit,
        load: sessionLoad(s),
        morningAfter: monitored?.morningAfter ?? null,
        tolerance: monitored?.tolerance.verdict ?? null,
      };
    }),
    /** Next-morning check-ins after runs and strength sessions (pain and stiffness compared with usual). */
    sessionCheckIns: checkIns,
    clinicalSummary: summary?.figures ?? null,
    /** Submitted questionnaire responses with their scores; a correction names what it supersedes. */
    measureResponses: measureRows.map((r) => {
      const measure = getMeasure(r.measureSlug);
      return { ...r, measureTitle: measure?.title ?? r.measureSlug, superseded: measureRows.some((x) => x.supersedesId === r.id) };
    }),
    alertAcknowledgements: acks,
    currentAlerts: alertState[0] ?? null,
    // Who did what to the record, and when; the details of clinical events for clinical roles only.
    auditEvents: events.map((e) => (full || isAdministrativeAuditAction(e.action) ? e : { ...e, meta: null })),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Pain baseline and change, adherence, last activity, load and each session's verdict, as
 * the patient page and the alerts give them (patientTrendsOf, the stored alert state,
 * monitoredSessionsOf). The caller has checked the export right.
 */
async function clinicalSummary(actor: Actor, patientId: string, firstSession: string | null) {
  const practice = { practiceId: actor.practiceId, timeZone: actor.timeZone };
  const [trends, monitored, [state]] = await Promise.all([
    patientTrendsOf(practice, patientId, 4),
    firstSession ? monitoredSessionsOf(practice, patientId, firstSession) : Promise.resolve(null),
    getDb()
      .select({ asOf: patientAlertState.asOf, adherencePct: patientAlertState.adherencePct, lastActivityDate: patientAlertState.lastActivityDate })
      .from(patientAlertState)
      .where(and(eq(patientAlertState.practiceId, actor.practiceId), eq(patientAlertState.patientId, patientId))),
  ]);
  const { baseline, current, change, changePct, threshold, band, baselineDate, clinicallyWorse, clinicallyBetter, mcid } = trends.painChange;
  return {
    sessions: new Map((monitored?.sessions ?? []).map((s) => [s.id, s])),
    figures: {
      asOf: trends.today,
      distanceUnit: actor.distanceUnit,
      pain: { baselineDate, baseline, current, change, changePct, importantChange: threshold, band, mcid, clinicallyWorse, clinicallyBetter },
      /** The 14 days ending on the stored state's day, per exercise (null: no program or too early). */
      adherence: { asOf: state?.asOf ?? null, windowDays: 14, pct: state?.adherencePct ?? null },
      lastActivityDate: state?.lastActivityDate ?? null,
      load: {
        acuteAU: trends.latest.acute, chronicAU: trends.latest.chronic, ewmaRatio: trends.latest.ewmaAcwr, rollingRatio: trends.latest.acwr,
        historyDays: trends.loadHistoryDays,
        weeklyRunningDistance: round2(fromKm(trends.latest.weeklyDistanceKm, actor.distanceUnit)),
        weeklyRunningDistanceChangePct: trends.latest.weeklyDistanceChangePct,
      },
      painMonitoringLimits: monitored?.limits ?? null,
      loadNotTolerated: monitored?.notTolerated ?? false,
    },
  };
}

export type PatientExport = Awaited<ReturnType<typeof exportPatientData>>;
