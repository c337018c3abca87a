import { strToU8, zipSync } from 'fflate';
import type { PatientExport } from '@/lib/data/patient-export';
import { screeningLabel } from '@/lib/validation/screening';
import { toCsv } from './csv';
import { toFhirBundle } from './fhir';

// The ZIP a patient is handed: everything as one JSON file, each table as CSV for a
// spreadsheet, and a FHIR R4 Bundle for another clinical system.

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

function readme(data: PatientExport): string {
  const p = data.patient;
  return [
    `Loadline data export: ${p.firstName} ${p.lastName}`,
    `Practice: ${data.practice?.name ?? ''}`,
    `Exported: ${data.exportedAt} by ${data.exportedBy.name}`,
    ...(data.contents === 'contact'
      ? ['', 'This export holds identity, contact and account data only: no condition, goals, notes, red-flag history,',
        'programs, exercise logs, pain reports, training sessions or alerts (those are exported by a physio).',
        'The audit trail names who did what to the record and when, without clinical details.']
      : []),
    '',
    'Contents',
    '  export.json                     everything below in one file',
    '  csv/patient.csv                 the patient record',
    '  csv/programs.csv                home-exercise programs',
    '  csv/program-items.csv           the exercises of each program (removed ones have removedAt)',
    '  csv/program-versions.csv        every saved version of each program (snapshot as JSON)',
    '  csv/exercise-completions.csv    exercises ticked off',
    '  csv/pain-reports.csv            pain scores 0-10 with symptoms',
    '  csv/training-sessions.csv       runs and other sessions (distanceKm in km; distance in the practice unit, distanceUnit;',
    '                                  load = minutes x effort; morningAfter and tolerance: the pain-monitoring check)',
    '  csv/session-check-ins.csv       next-morning check-ins after runs and strength sessions',
    '  csv/measure-responses.csv       questionnaires submitted (answers as JSON, score, what a correction supersedes)',
    '  clinical-summary.json           pain baseline and change, adherence, last activity and load, as the clinic sees them',
    '  csv/alert-acknowledgements.csv  alerts a physio acknowledged',
    '  csv/audit-events.csv            who viewed or changed this record, and when',
    '  fhir/bundle.json                FHIR R4 Bundle: Patient, Observations (pain, training), CarePlans, Flags (red-flag history)',
    '',
    'Times are UTC (ISO 8601); dates are calendar days in the practice time zone.',
    'Voided or corrected entries are included and marked (voidedAt, correctsId).',
    'screeningFlags in patient.csv: the red-flag history screened by the physio (screeningUpdatedAt: when it last changed).',
    'Staff IP addresses and browser details are kept in the practice audit log and are not part of this export.',
    '',
  ].join('\r\n');
}

export function patientArchive(data: PatientExport): Uint8Array {
  const { patient, programs } = data;
  const items = programs.flatMap((p) => p.items.map((i) => ({ ...i, programTitle: p.title })));
  const versions = programs.flatMap((p) => p.versions);
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(readme(data)),
    'export.json': json(data),
    'csv/patient.csv': strToU8(
      toCsv([{ ...patient, screeningFlags: patient.screeningFlags.map(screeningLabel), accountEmail: data.account?.email ?? null, accountStatus: data.account?.status ?? null }], [
        'id', 'firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'condition', 'goals', 'notes', 'screeningFlags', 'screeningUpdatedAt', 'status', 'treatingPhysioName', 'baselineDate', 'createdAt', 'updatedAt', 'accountEmail', 'accountStatus',
      ]),
    ),
    'csv/programs.csv': strToU8(toCsv(programs, ['id', 'title', 'status', 'startDate', 'endDate', 'goals', 'articleSlugs', 'templateSlug', 'version', 'createdAt', 'updatedAt'])),
    'csv/program-items.csv': strToU8(
      toCsv(items, ['id', 'programId', 'programTitle', 'position', 'exerciseTitle', 'exerciseSlug', 'sets', 'reps', 'holdSeconds', 'minutes', 'sessionsPerWeek', 'load', 'notes', 'removedAt', 'createdAt']),
    ),
    'csv/program-versions.csv': strToU8(toCsv(versions, ['id', 'programId', 'version', 'changedBy', 'createdAt', 'snapshot'])),
    'csv/exercise-completions.csv': strToU8(
      toCsv(data.exerciseCompletions, ['id', 'programItemId', 'exerciseTitle', 'completedOn', 'source', 'voidedAt', 'voidReason', 'createdAt']),
    ),
    'csv/pain-reports.csv': strToU8(
      toCsv(data.painReports, ['id', 'localDate', 'reportedAt', 'score', 'locations', 'timing', 'symptoms', 'redFlags', 'notes', 'source', 'correctsId', 'voidedAt', 'voidReason', 'createdAt']),
    ),
    'csv/training-sessions.csv': strToU8(
      toCsv(data.trainingSessions, ['id', 'localDate', 'activity', 'durationMin', 'distanceKm', 'distance', 'distanceUnit', 'rpe', 'load', 'terrain', 'painDuring', 'morningAfter', 'tolerance', 'notes', 'source', 'correctsId', 'voidedAt', 'voidReason', 'createdAt']),
    ),
    'csv/session-check-ins.csv': strToU8(toCsv(data.sessionCheckIns, ['id', 'sessionId', 'morningAfter', 'answeredOn', 'createdAt'])),
    'csv/measure-responses.csv': strToU8(toCsv(data.measureResponses, ['id', 'measureSlug', 'measureTitle', 'contentVersion', 'respondedOn', 'score', 'answers', 'supersedesId', 'superseded', 'submittedAt'])),
    'clinical-summary.json': json(data.clinicalSummary),
    'csv/alert-acknowledgements.csv': strToU8(toCsv(data.alertAcknowledgements, ['id', 'kind', 'level', 'evidence', 'acknowledgedAt', 'resolvedAt'])),
    'csv/audit-events.csv': strToU8(toCsv(data.auditEvents, ['id', 'createdAt', 'action', 'entity', 'entityId', 'actorName', 'meta'])),
    'fhir/bundle.json': json(toFhirBundle(data)),
  };
  return zipSync(files, { level: 6, mtime: new Date(data.exportedAt) });
}

/** A file name that says whose data it is and when: "loadline-shah-priya-2025-01-31". */
export function exportFileBase(data: PatientExport): string {
  const slug = `${data.patient.lastName}-${data.patient.firstName}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `loadline-${slug || 'patient'}${data.contents === 'contact' ? '-contact' : ''}-${data.exportedAt.slice(0, 10)}`;
}
