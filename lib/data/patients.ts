import 'server-only';
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { measureResponses, patientAlertState, patients, practices, programs, safetyAlerts, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, can } from '@/lib/access/policy';
import { DEFAULT_THRESHOLDS } from '@/lib/analytics/alerts';
import { measureChange } from '@/lib/analytics/measures';
import { getMeasure } from '@/lib/content/measures';
import { ageOn, localDate } from '@/lib/dates';
import { AppError, notFound } from '@/lib/errors';
import { emergencyNumberForTimeZone, type CareContact } from '@/lib/practice-contact';
import type { PatientInput } from '@/lib/validation/patient';
import { SCREENING_KEYS } from '@/lib/validation/screening';
import { refreshStaleAlertStatesAfterResponse } from './alert-state';
import { audit } from './audit';
import { recordPatientView } from './audit-log';
import { CLINICAL_PATIENT_SORTS, type PATIENT_FILTER_STATUSES, type PATIENT_SORTS } from '@/lib/validation/patient-list';
import { assertOwnPatient, assertPatientReachable, patientScope } from './scope';

export type PatientRecord = typeof patients.$inferSelect & { treatingPhysioName: string | null };
/** What an admin without clinical access sees: identity and contact, no condition, goals or notes. */
export type PatientContact = Omit<PatientRecord, 'condition' | 'goals' | 'notes' | 'screeningFlags' | 'screeningUpdatedAt' | 'screeningUpdatedBy'> & {
  condition: null; goals: null; notes: null; screeningFlags: string[]; screeningUpdatedAt: null; screeningUpdatedBy: null;
};

/** The record without its clinical fields (for readers without patient:readClinical, and the contact export). */
export function withoutClinical(p: PatientRecord): PatientContact {
  return { ...p, condition: null, goals: null, notes: null, screeningFlags: [], screeningUpdatedAt: null, screeningUpdatedBy: null };
}

/** One patient of the actor's practice (a patient account: only their own). Audited as a view. */
export async function getPatient(actor: Actor, patientId: string): Promise<PatientRecord | PatientContact> {
  assertCan(actor, 'patient:read');
  assertOwnPatient(actor, patientId);
  const db = getDb();
  const [row] = await db
    .select({ patient: patients, treatingPhysioName: users.name })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.treatingPhysioId))
    .where(and(patientScope(actor), eq(patients.id, patientId)))
    .limit(1);
  if (!row) throw notFound('Patient not found.');
  // The trail answers "who else saw this record": a patient reading their own portal is
  // not such an access, and auditing every portal page would bury the ones that are.
  // One row per person per patient per few minutes (recordPatientView), not one per chart click.
  if (actor.patientId !== patientId) await recordPatientView(db, actor, patientId);
  const record = { ...row.patient, treatingPhysioName: row.treatingPhysioName };
  return can(actor, 'patient:readClinical') ? record : withoutClinical(record);
}

/**
 * Whom this patient should contact: their physio, the practice's phone and the emergency
 * number. For the safety messages of the portal; not a view of the clinical record.
 */
export async function getCareContact(actor: Actor, patientId: string): Promise<CareContact> {
  assertCan(actor, 'patient:read');
  assertOwnPatient(actor, patientId);
  const [row] = await getDb()
    .select({ physioName: users.name, practiceName: practices.name, timeZone: practices.timeZone, settings: practices.settings })
    .from(patients)
    .innerJoin(practices, eq(practices.id, patients.practiceId))
    .leftJoin(users, eq(users.id, patients.treatingPhysioId))
    .where(and(patientScope(actor), eq(patients.id, patientId)))
    .limit(1);
  if (!row) throw notFound('Patient not found.');
  return {
    physioName: row.physioName,
    practiceName: row.practiceName,
    practicePhone: row.settings.phone ?? null,
    emergencyNumber: row.settings.emergencyNumber ?? emergencyNumberForTimeZone(row.timeZone),
  };
}

export type PatientListQuery = {
  search?: string;
  status?: (typeof PATIENT_FILTER_STATUSES)[number];
  physioId?: string;
  withAlerts?: boolean;
  sort?: (typeof PATIENT_SORTS)[number];
  dir?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

/**
 * A page of the practice's patients with their latest logs and 14-day adherence (the figure
 * the alert refresh stored, by lib/analytics/adherence.ts: no second formula here).
 * Staff only; filtering, sorting and paging happen in the database (allow-listed keys).
 * Without a clinical role the alerts filter and the clinical sorts are ignored (the list
 * falls back to all patients by name): the order of the rows would tell how they are doing.
 */
export async function listPatients(actor: Actor, query: PatientListQuery = {}) {
  assertCan(actor, 'patient:list');
  const clinical = can(actor, 'patient:readClinical');
  if (!clinical) query = { ...query, withAlerts: undefined, ...(query.sort && (CLINICAL_PATIENT_SORTS as readonly string[]).includes(query.sort) && { sort: 'name' as const }) };
  const pageSize = Math.min(Math.max(query.pageSize ?? 25, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const today = localDate(new Date(), actor.timeZone);
  // The adherence column and the alerts filter read the stored alert state: on a new day's
  // first view bring it up to date (after the response; this view shows the stored figures).
  if (clinical) await refreshStaleAlertStatesAfterResponse(actor.practiceId, today);
  const filters: (SQL | undefined)[] = [eq(patients.practiceId, actor.practiceId)];
  const status = query.status ?? 'active';
  if (status !== 'all') filters.push(eq(patients.status, status));
  if (query.physioId) filters.push(eq(patients.treatingPhysioId, query.physioId));
  // Conditions on the joined stored alert state. Its own practice condition lets a sort on a
  // stored column start from that column's index (practice, column, id).
  const stateFilters: SQL[] = [eq(patientAlertState.practiceId, actor.practiceId)];
  if (query.withAlerts) stateFilters.push(sql`${patientAlertState.openCount} > 0`);
  if (query.search?.trim()) {
    const search = query.search.trim();
    const term = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      // One ILIKE over "first last<LF>email" matches exactly the rows whose first name, last
      // name, full name or email match (a term without a line break cannot span the LF), at
      // a fraction of the cost of four; a term with a line break keeps the four.
      search.includes('\n')
        ? or(ilike(patients.firstName, term), ilike(patients.lastName, term), ilike(sql`${patients.firstName} || ' ' || ${patients.lastName}`, term), ilike(patients.email, term))
        : ilike(sql`concat_ws(chr(10), ${patients.firstName} || ' ' || ${patients.lastName}, ${patients.email})`, term),
    );
  }
  // Last pain, last activity and adherence are stored by the alert refresh
  // (lib/data/alert-state.ts), so sorting 20,000 patients reads an indexed column instead of
  // computing a figure per patient.
  const lastPainDate = sql<string | null>`${patientAlertState.lastPainDate}::text`;
  // lastActivity (lib/analytics/alerts.ts): any pain report, session or tick.
  const lastActivity = sql<string | null>`${patientAlertState.lastActivityDate}::text`;
  // Each order ends with the patient's id in the same direction as its keys, and puts empty
  // values where the matching index (db/schema.ts) has them, so the first page of any sort
  // is read off an index instead of sorting the whole practice.
  const desc = query.dir === 'desc';
  const dir = desc ? sql`DESC` : sql`ASC`;
  const nulls = desc ? sql`NULLS LAST` : sql`NULLS FIRST`;
  const byId = sql`${patients.id} ${dir}`;
  const byStateId = sql`${patientAlertState.patientId} ${dir}`;
  const orderBy = {
    name: sql`${patients.lastName} ${dir}, ${patients.firstName} ${dir}, ${byId}`,
    // Older patients have earlier birth dates: "age ascending" is date of birth descending;
    // an unknown date of birth comes last either way.
    age: sql`${patients.dateOfBirth} ${desc ? sql`ASC` : sql`DESC`} NULLS LAST, ${patients.id} ${desc ? sql`DESC` : sql`ASC`}`,
    // Within a status, by name (the status filter fixes the status, so this is the name index).
    status: sql`${patients.status} ${dir}, ${patients.lastName} ASC, ${patients.firstName} ASC, ${patients.id} ASC`,
    physio: sql`${users.name} ${dir} NULLS LAST, ${patients.lastName} ASC, ${patients.firstName} ASC, ${patients.id} ASC`,
    lastPain: sql`${patientAlertState.lastPainDate} ${dir} ${nulls}, ${byStateId}`,
    lastActivity: sql`${patientAlertState.lastActivityDate} ${dir} ${nulls}, ${byStateId}`,
    created: sql`${patients.createdAt} ${dir}, ${byId}`,
    // No figure (no program, too early) sorts last either way.
    adherence: sql`${patientAlertState.adherencePct} ${dir} NULLS LAST, ${byStateId}`,
  }[query.sort ?? 'name'];
  const where = and(...filters, ...stateFilters);
  const db = getDb();
  const offset = (page - 1) * pageSize;
  // By physio: only the physios whose patients fall on this page are read and sorted.
  const physio = query.sort === 'physio' ? await physioSortPage(actor, query.withAlerts ? where : and(...filters), !!query.withAlerts, desc, offset, pageSize) : null;
  const pastTheEnd = physio !== null && physio.physioIds.length === 0 && !physio.withoutPhysio;
  const [rows, [total], [practice]] = await Promise.all([
    pastTheEnd ? [] : db
      .select({
        id: patients.id,
        firstName: patients.firstName,
        lastName: patients.lastName,
        dateOfBirth: patients.dateOfBirth,
        email: patients.email,
        condition: patients.condition,
        status: patients.status,
        treatingPhysioId: patients.treatingPhysioId,
        treatingPhysioName: users.name,
        lastPainDate,
        lastPainScore: patientAlertState.lastPainScore,
        lastActivityDate: lastActivity,
        storedAdherencePct: patientAlertState.adherencePct,
        alertCount: patientAlertState.openCount,
        alertTop: patientAlertState.topSeverity,
        alertKinds: patientAlertState.kinds,
      })
      .from(patients)
      .leftJoin(users, eq(users.id, patients.treatingPhysioId))
      // Every patient has a row (a trigger, migration 0020): an inner join lets a sort on a
      // stored column start from that column's index.
      .innerJoin(patientAlertState, eq(patientAlertState.patientId, patients.id))
      .where(physio ? and(where, physioCondition(physio.physioIds, physio.withoutPhysio)) : where)
      .orderBy(orderBy)
      .limit(pageSize)
      .offset(physio ? physio.skip : offset),
    // Every patient has one alert-state row, so only the alerts filter needs the join to count.
    physio ? [{ n: physio.total }] : query.withAlerts
      ? db.select({ n: sql<number>`count(*)::int` }).from(patients).innerJoin(patientAlertState, eq(patientAlertState.patientId, patients.id)).where(where)
      : db.select({ n: sql<number>`count(*)::int` }).from(patients).where(and(...filters)),
    db.select({ settings: practices.settings }).from(practices).where(eq(practices.id, actor.practiceId)).limit(1),
  ]);
  const lowPct = practice?.settings.adherenceLowPct;
  // The latest outcome-measure change of each patient on this page (measureChange, as on the patient page).
  const pageIds = rows.map((r) => r.id);
  const [outcomes, withProgram] = clinical
    ? await Promise.all([latestMeasureChanges(actor.practiceId, pageIds), patientsWithActiveProgram(actor.practiceId, pageIds)])
    : [new Map<string, MeasureOutcome>(), new Set<string>()];
  return {
    rows: rows.map(({ storedAdherencePct, lastPainDate: painDate, lastPainScore, alertCount, alertTop, alertKinds, ...r }) => {
      const lastPain = painDate !== null && lastPainScore !== null ? { date: painDate, score: lastPainScore } : null;
      // Every patient has an alert-state row (inner join), so the figures are always there.
      const alerts = { count: alertCount, top: alertTop, kinds: alertKinds };
      const hasProgram = withProgram.has(r.id);
      // Unrounded, as stored (the table rounds for display); null with a program = too early.
      const adherencePct = hasProgram && storedAdherencePct !== null ? storedAdherencePct : null;
      const adherence: 'no-program' | 'too-early' | 'known' = !hasProgram ? 'no-program' : adherencePct === null ? 'too-early' : 'known';
      const base = { ...r, lastPain, alerts, outcome: outcomes.get(r.id) ?? null, age: r.dateOfBirth ? ageOn(r.dateOfBirth, today) : null, adherencePct, adherence };
      // Admins without clinical access see who the patients are, not how they are doing.
      return clinical ? base : { ...base, condition: null, lastPain: null, lastActivityDate: null, adherencePct: null, adherence: null, alerts: null, outcome: null };
    }),
    total: total?.n ?? 0,
    page,
    pageSize,
    /** The practice's low-adherence alert level: the table marks figures below it like the alert. */
    adherenceLowPct: typeof lowPct === 'number' && Number.isFinite(lowPct) ? lowPct : DEFAULT_THRESHOLDS.adherenceLowPct,
  };
}

export type PatientListRow = Awaited<ReturnType<typeof listPatients>>['rows'][number];

async function assertPhysioInPractice(actor: Actor, physioId: string | undefined) {
  if (!physioId) return;
  const [physio] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, physioId), eq(users.practiceId, actor.practiceId), sql`'physio' = ANY(${users.roles})`, eq(users.status, 'active')))
    .limit(1);
  if (!physio) throw new AppError('invalid', 'Please check the highlighted fields.', { treatingPhysioId: ['Choose an active physio of your practice'] });
}

function toColumns(input: PatientInput) {
  return {
    firstName: input.firstName, lastName: input.lastName, dateOfBirth: input.dateOfBirth ?? null, email: input.email ?? null,
    phone: input.phone ?? null, condition: input.condition ?? null, treatingPhysioId: input.treatingPhysioId ?? null,
    goals: input.goals ?? null, notes: input.notes ?? null,
  };
}

export async function createPatient(actor: Actor, input: PatientInput) {
  assertCan(actor, 'patient:write');
  await assertPhysioInPractice(actor, input.treatingPhysioId);
  // Red-flag history ticked at intake, in the vocabulary's order; named in the create event.
  const screeningFlags = SCREENING_KEYS.filter((key) => input.screeningFlags.includes(key));
  const screened = screeningFlags.length ? { screeningFlags, screeningUpdatedAt: new Date(), screeningUpdatedBy: actor.userId } : {};
  return getDb().transaction(async (tx) => {
    const [row] = await tx.insert(patients).values({ ...toColumns(input), ...screened, practiceId: actor.practiceId, createdBy: actor.userId }).returning();
    if (!row) throw new Error('patient insert returned nothing');
    await audit(tx, actor, { action: 'patient.create', entity: 'patient', entityId: row.id, patientId: row.id, ...(screeningFlags.length && { meta: { screeningFlags } }) });
    return row;
  });
}

export async function updatePatient(actor: Actor, patientId: string, input: PatientInput) {
  assertCan(actor, 'patient:write');
  await assertPhysioInPractice(actor, input.treatingPhysioId);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(patients)
      .set({ ...toColumns(input), updatedAt: new Date() })
      .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)))
      .returning();
    if (!row) throw notFound('Patient not found.');
    await audit(tx, actor, { action: 'patient.update', entity: 'patient', entityId: patientId, patientId });
    return row;
  });
}

/** Discharge, archive or restore: patients are never deleted. */
export async function setPatientStatus(actor: Actor, patientId: string, status: 'active' | 'discharged' | 'archived') {
  assertCan(actor, 'patient:archive');
  await getDb().transaction(async (tx) => {
    if (status !== 'active') {
      // A warning sign is closed with an action, never by discharging the patient around it.
      const [open] = await tx
        .select({ id: safetyAlerts.id })
        .from(safetyAlerts)
        .where(and(eq(safetyAlerts.patientId, patientId), eq(safetyAlerts.practiceId, actor.practiceId), eq(safetyAlerts.status, 'open')))
        .limit(1);
      if (open) throw new AppError('invalid', 'This patient has an open warning sign: close it with the action you took first.');
    }
    const [row] = await tx
      .update(patients)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)))
      .returning({ id: patients.id });
    if (!row) throw notFound('Patient not found.');
    await audit(tx, actor, { action: `patient.${status === 'active' ? 'restore' : status === 'discharged' ? 'discharge' : 'archive'}`, entity: 'patient', entityId: patientId, patientId });
  });
}

/** Active physios of the actor's practice, for pickers. */
export async function listPhysios(actor: Actor) {
  assertCan(actor, 'patient:list');
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.practiceId, actor.practiceId), sql`'physio' = ANY(${users.roles})`, eq(users.status, 'active')))
    .orderBy(asc(users.name));
}

/** The patient's portal login, if any: whether they can sign in or still have an invite open. */
export async function getPortalAccount(actor: Actor, patientId: string) {
  assertCan(actor, 'patient:invite');
  await assertPatientReachable(actor, patientId);
  const [row] = await getDb()
    .select({ status: users.status, email: users.email, lastSignInAt: users.lastSignInAt })
    .from(users)
    .where(and(eq(users.practiceId, actor.practiceId), eq(users.patientId, patientId)))
    .limit(1);
  return row ?? null;
}

export type MeasureOutcome = { measure: string; change: number; verdict: 'improved' | 'worse' | 'no-change' };

/** Each patient's most recently answered measure with two or more responses: its change from the first. */
/**
 * The patients table sorted by physio without sorting the whole practice: the matching
 * patients counted per physio (off the physio index; the sum is the total) and those physios
 * in the database's order of their names say which physios' patients make up the requested
 * page and how many of them to skip; the page query then sorts only those patients.
 * Physios who share a name form one group (their patients interleave by patient name).
 */
async function physioSortPage(actor: Actor, where: SQL | undefined, joinState: boolean, desc: boolean, offset: number, pageSize: number) {
  const db = getDb();
  const base = db.select({ physioId: patients.treatingPhysioId, n: sql<number>`count(*)::int` }).from(patients);
  const counts = await (joinState ? base.innerJoin(patientAlertState, eq(patientAlertState.patientId, patients.id)) : base).where(where).groupBy(patients.treatingPhysioId);
  const countOf = new Map(counts.map((c) => [c.physioId, c.n]));
  const ids = counts.flatMap((c) => (c.physioId ? [c.physioId] : []));
  const named = ids.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.practiceId, actor.practiceId), inArray(users.id, ids))).orderBy(sql`${users.name} ${desc ? sql`DESC` : sql`ASC`}`)
    : [];
  // Groups in page order: each name once, then the patients without a physio (last either way).
  const groups: { name: string | null; physioIds: (string | null)[]; n: number }[] = [];
  for (const physio of named) {
    const previous = groups.at(-1);
    if (previous?.name === physio.name) {
      previous.physioIds.push(physio.id);
      previous.n += countOf.get(physio.id) ?? 0;
    } else groups.push({ name: physio.name, physioIds: [physio.id], n: countOf.get(physio.id) ?? 0 });
  }
  if (countOf.has(null)) groups.push({ name: null, physioIds: [null], n: countOf.get(null) ?? 0 });
  const physioIds: string[] = [];
  let withoutPhysio = false;
  let skip = 0;
  let start = 0;
  let first = true;
  for (const group of groups) {
    const end = start + group.n;
    if (end > offset && start < offset + pageSize) {
      if (first) skip = offset - start;
      first = false;
      for (const id of group.physioIds) {
        if (id === null) withoutPhysio = true;
        else physioIds.push(id);
      }
    }
    start = end;
  }
  return { total: start, physioIds, withoutPhysio, skip };
}

function physioCondition(physioIds: string[], withoutPhysio: boolean): SQL | undefined {
  const some = physioIds.length ? inArray(patients.treatingPhysioId, physioIds) : undefined;
  return withoutPhysio ? or(some, isNull(patients.treatingPhysioId)) : some;
}

/** Which of these patients (one page of the table) have an active program. */
async function patientsWithActiveProgram(practiceId: string, patientIds: string[]): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await getDb()
    .selectDistinct({ patientId: programs.patientId })
    .from(programs)
    .where(and(eq(programs.practiceId, practiceId), inArray(programs.patientId, patientIds), eq(programs.status, 'active')));
  return new Set(rows.map((r) => r.patientId));
}

async function latestMeasureChanges(practiceId: string, patientIds: string[]): Promise<Map<string, MeasureOutcome>> {
  const out = new Map<string, MeasureOutcome>();
  if (patientIds.length === 0) return out;
  const rows = await getDb()
    .select({ patientId: measureResponses.patientId, slug: measureResponses.measureSlug, respondedOn: measureResponses.respondedOn, answers: measureResponses.answers, id: measureResponses.id, supersedesId: measureResponses.supersedesId })
    .from(measureResponses)
    .where(and(eq(measureResponses.practiceId, practiceId), inArray(measureResponses.patientId, patientIds), eq(measureResponses.status, 'submitted')))
    .orderBy(asc(measureResponses.respondedOn), asc(measureResponses.submittedAt));
  const superseded = new Set(rows.flatMap((r) => (r.supersedesId ? [r.supersedesId] : [])));
  const groups = new Map<string, typeof rows>();
  for (const r of rows) if (!superseded.has(r.id) && r.respondedOn) groups.set(`${r.patientId}|${r.slug}`, [...(groups.get(`${r.patientId}|${r.slug}`) ?? []), r]);
  const latestDay = new Map<string, string>();
  for (const [key, list] of groups) {
    const [patientId, slug] = key.split('|') as [string, string];
    const measure = getMeasure(slug);
    if (!measure || list.length < 2) continue;
    const day = list.at(-1)!.respondedOn!;
    if ((latestDay.get(patientId) ?? '') > day) continue;
    const c = measureChange(measure, list.map((r) => ({ date: r.respondedOn!, answers: r.answers })));
    if (c.change === null) continue;
    latestDay.set(patientId, day);
    out.set(patientId, { measure: measure.shortTitle, change: c.change, verdict: c.clinicallyImproved ? 'improved' : c.clinicallyWorse ? 'worse' : 'no-change' });
  }
  return out;
}
