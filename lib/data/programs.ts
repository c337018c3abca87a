import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { exercises, patients, programItems, programs, programVersions, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { getLibrary } from '@/lib/content/loader';
import { AppError, notFound } from '@/lib/errors';
import { staleSaveMessage } from '@/lib/programs/stale-save';
import type { ProgramInput, ProgramSnapshot } from '@/lib/validation/program';
import { refreshAlertState } from './alert-state';
import { audit } from './audit';
import { scheduleTemplateMeasures } from './measures';
import { assertOwnPatient, assertPatientReachable } from './scope';

export type ProgramRow = typeof programs.$inferSelect;
export type ProgramItemView = typeof programItems.$inferSelect & {
  exercise: Pick<typeof exercises.$inferSelect, 'id' | 'slug' | 'title' | 'summary' | 'category' | 'illustration' | 'steps' | 'feel' | 'cautions' | 'practiceId' | 'retiredAt' | 'dosage' | 'bodyRegions' | 'equipment' | 'difficulty' | 'body'>;
};
export type ProgramView = ProgramRow & { items: ProgramItemView[] };

/** A program's current items with their exercises; the program by its id, or by a subquery that picks it. */
async function loadItems(programId: string | SQL, db: Db | Tx = getDb()): Promise<ProgramItemView[]> {
  const rows = await db
    .select({ item: programItems, exercise: exercises })
    .from(programItems)
    .innerJoin(exercises, eq(exercises.id, programItems.exerciseId))
    .where(and(eq(programItems.programId, programId), isNull(programItems.removedAt)))
    .orderBy(asc(programItems.position));
  return rows.map(({ item, exercise }) => ({ ...item, exercise }));
}

/** The patient's active program with its exercises (retired exercises included: they stay readable). */
export async function getActiveProgram(actor: Actor, patientId: string): Promise<ProgramView | null> {
  assertCan(actor, 'program:read');
  await assertPatientReachable(actor, patientId);
  const db = getDb();
  const isActive = and(eq(programs.practiceId, actor.practiceId), eq(programs.patientId, patientId), eq(programs.status, 'active'));
  const activeId = db.select({ id: programs.id }).from(programs).where(isActive).orderBy(desc(programs.startDate)).limit(1);
  // The program and its items at once (the portal's Today and the patient page wait on this),
  // the items found through the same choice of program as a subquery.
  const [[program], items] = await Promise.all([
    db.select().from(programs).where(isActive).orderBy(desc(programs.startDate)).limit(1),
    loadItems(sql`(${activeId})`, db),
  ]);
  if (!program) return null;
  // The two statements read separate snapshots: a program saved in between is read again whole.
  if (items.some((item) => item.programId !== program.id)) return { ...program, items: await loadItems(program.id) };
  return { ...program, items };
}

/** One program of the actor's practice (patients: only their own). */
export async function getProgram(actor: Actor, programId: string): Promise<ProgramView> {
  assertCan(actor, 'program:read');
  const [program] = await getDb()
    .select()
    .from(programs)
    .where(and(eq(programs.id, programId), eq(programs.practiceId, actor.practiceId)))
    .limit(1);
  if (!program) throw notFound('Program not found.');
  assertOwnPatient(actor, program.patientId);
  return { ...program, items: await loadItems(program.id) };
}

/** Every program of a patient, newest first, with each saved version's snapshot. */
export async function listProgramHistory(actor: Actor, patientId: string) {
  assertCan(actor, 'program:read');
  await assertPatientReachable(actor, patientId);
  const db = getDb();
  const rows = await db
    .select()
    .from(programs)
    .where(and(eq(programs.practiceId, actor.practiceId), eq(programs.patientId, patientId)))
    .orderBy(desc(programs.createdAt));
  if (rows.length === 0) return [];
  const versions = await db
    .select()
    .from(programVersions)
    .where(and(eq(programVersions.practiceId, actor.practiceId), inArray(programVersions.programId, rows.map((r) => r.id))))
    .orderBy(desc(programVersions.version));
  return rows.map((program) => ({
    program,
    versions: versions.filter((v) => v.programId === program.id),
  }));
}

/** Also locks the patient row: program changes for one patient happen one at a time (one active program). */
async function assertPatientInPractice(tx: Tx, actor: Actor, patientId: string) {
  const [patient] = await tx
    .select({ id: patients.id, status: patients.status })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)))
    .limit(1)
    // Excludes other program changes, not inserts that reference the patient (see safety-alerts.ts).
    .for('no key update');
  if (!patient) throw notFound('Patient not found.');
  if (patient.status === 'archived') throw new AppError('invalid', 'Restore the patient before changing their program.');
}

/**
 * Exercises a program may use: the library and the practice's own, not retired,
 * except ones the program already has (a retired exercise stays where it is).
 */
async function assertExercisesUsable(tx: Tx, actor: Actor, input: ProgramInput, keepIds: string[]) {
  const ids = [...new Set(input.items.map((i) => i.exerciseId))];
  const rows = await tx
    .select({ id: exercises.id, retiredAt: exercises.retiredAt, title: exercises.title })
    .from(exercises)
    .where(and(inArray(exercises.id, ids), or(isNull(exercises.practiceId), eq(exercises.practiceId, actor.practiceId))));
  const found = new Map(rows.map((r) => [r.id, r]));
  const fieldErrors: Record<string, string[]> = {};
  input.items.forEach((item, i) => {
    const row = found.get(item.exerciseId);
    if (!row) fieldErrors[`items.${i}.exerciseId`] = ['This exercise is not in your library'];
    else if (row.retiredAt && !keepIds.includes(row.id)) fieldErrors[`items.${i}.exerciseId`] = [`${row.title} is retired; choose another exercise`];
  });
  const articles = new Set(getLibrary().articles.map((a) => a.slug));
  input.articleSlugs.forEach((slug, i) => {
    if (!articles.has(slug)) fieldErrors[`articleSlugs.${i}`] = [`No article "${slug}"`];
  });
  if (Object.keys(fieldErrors).length) throw new AppError('invalid', 'Please check the highlighted fields.', fieldErrors);
  return found;
}

/** Write the items of a save: keep ids of items that stay (completions refer to them), retire the rest. */
async function writeItems(tx: Tx, actor: Actor, programId: string, input: ProgramInput) {
  const existing = await tx.select({ id: programItems.id }).from(programItems).where(and(eq(programItems.programId, programId), isNull(programItems.removedAt)));
  const existingIds = new Set(existing.map((e) => e.id));
  const kept = new Set<string>();
  for (const [position, item] of input.items.entries()) {
    const values = {
      exerciseId: item.exerciseId, position, sets: item.sets ?? null, reps: item.reps ?? null, holdSeconds: item.holdSeconds ?? null,
      minutes: item.minutes ?? null, sessionsPerWeek: item.sessionsPerWeek, load: item.load ?? null, notes: item.notes ?? null,
    };
    if (item.id && existingIds.has(item.id) && !kept.has(item.id)) {
      kept.add(item.id);
      await tx.update(programItems).set(values).where(and(eq(programItems.id, item.id), eq(programItems.programId, programId)));
    } else {
      await tx.insert(programItems).values({ ...values, practiceId: actor.practiceId, programId });
    }
  }
  const removed = [...existingIds].filter((id) => !kept.has(id));
  if (removed.length) {
    await tx.update(programItems).set({ removedAt: new Date() }).where(and(eq(programItems.programId, programId), inArray(programItems.id, removed)));
  }
}

async function snapshot(tx: Tx, actor: Actor, program: ProgramRow): Promise<void> {
  const items = await loadItems(program.id, tx);
  const snap: ProgramSnapshot = {
    title: program.title, status: program.status, startDate: program.startDate, endDate: program.endDate, goals: program.goals,
    articleSlugs: program.articleSlugs,
    items: items.map((i) => ({
      id: i.id, exerciseId: i.exerciseId, exerciseTitle: i.exercise.title, sets: i.sets, reps: i.reps, holdSeconds: i.holdSeconds,
      minutes: i.minutes, sessionsPerWeek: i.sessionsPerWeek, load: i.load, notes: i.notes,
    })),
  };
  await tx.insert(programVersions).values({ practiceId: actor.practiceId, programId: program.id, version: program.version, snapshot: snap, changedBy: actor.userId });
}

/**
 * A new active program for a patient; any previous active program ends the day before it starts.
 * Made from a template, it also schedules the template's default questionnaires, unless
 * `templateMeasures: false` (the demo seed, which writes its own measure history).
 */
export async function createProgram(actor: Actor, patientId: string, input: ProgramInput, { templateMeasures = true }: { templateMeasures?: boolean } = {}): Promise<ProgramRow> {
  assertCan(actor, 'program:write');
  const created = await getDb().transaction(async (tx) => {
    await assertPatientInPractice(tx, actor, patientId);
    await assertExercisesUsable(tx, actor, input, []);
    const previous = await tx
      .update(programs)
      .set({ status: 'ended', version: sql`${programs.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId, endDate: sql`greatest(${programs.startDate}, (${input.startDate}::date - 1))` })
      .where(and(eq(programs.practiceId, actor.practiceId), eq(programs.patientId, patientId), eq(programs.status, 'active')))
      .returning();
    for (const p of previous) await snapshot(tx, actor, p);
    const [program] = await tx
      .insert(programs)
      .values({
        practiceId: actor.practiceId, patientId, title: input.title, startDate: input.startDate, endDate: input.endDate ?? null,
        goals: input.goals ?? null, articleSlugs: input.articleSlugs, templateSlug: input.templateSlug ?? null,
        createdBy: actor.userId, updatedBy: actor.userId,
      })
      .returning();
    if (!program) throw new Error('program insert returned nothing');
    await writeItems(tx, actor, program.id, input);
    await snapshot(tx, actor, program);
    if (input.templateSlug && templateMeasures) await scheduleTemplateMeasures(tx, actor, patientId, input.templateSlug, input.startDate);
    await audit(tx, actor, { action: 'program.create', entity: 'program', entityId: program.id, patientId, meta: { template: input.templateSlug ?? null, items: input.items.length } });
    return program;
  });
  // The stored adherence (patients table) and the alerts follow the new prescription.
  await refreshAlertState(actor.practiceId, [patientId]);
  return created;
}

/**
 * The message of a refused save: who saved the program since `expectedVersion` and when
 * (the same user: "You saved this program in another tab or window at 14:05").
 */
async function staleSave(tx: Tx, actor: Actor, programId: string, expectedVersion: number): Promise<string> {
  const [latest] = await tx
    .select({ version: programs.version, updatedAt: programs.updatedAt, updatedBy: programs.updatedBy, name: users.name })
    .from(programs)
    .leftJoin(users, and(eq(users.id, programs.updatedBy), eq(users.practiceId, actor.practiceId)))
    .where(and(eq(programs.id, programId), eq(programs.practiceId, actor.practiceId)))
    .limit(1);
  if (!latest) return 'This program was changed since you opened it. Reload to see the latest version.';
  return staleSaveMessage({
    sameUser: latest.updatedBy === actor.userId,
    savedByName: latest.name,
    savedAt: latest.updatedAt,
    currentVersion: latest.version,
    editedVersion: expectedVersion,
    timeZone: actor.timeZone,
  });
}

/**
 * Save a new version. The write only happens when the program is still at the version
 * the editor loaded; otherwise the save is refused as a conflict and nothing changes.
 */
export async function updateProgram(actor: Actor, programId: string, expectedVersion: number, input: ProgramInput): Promise<ProgramRow> {
  assertCan(actor, 'program:write');
  const saved = await getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(programs).where(and(eq(programs.id, programId), eq(programs.practiceId, actor.practiceId))).limit(1);
    if (!current) throw notFound('Program not found.');
    await assertPatientInPractice(tx, actor, current.patientId);
    const keep = await tx.select({ id: programItems.exerciseId }).from(programItems).where(and(eq(programItems.programId, programId), isNull(programItems.removedAt)));
    await assertExercisesUsable(tx, actor, input, keep.map((k) => k.id));
    const [program] = await tx
      .update(programs)
      .set({
        title: input.title, startDate: input.startDate, endDate: input.endDate ?? null, goals: input.goals ?? null,
        articleSlugs: input.articleSlugs, version: sql`${programs.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId,
      })
      .where(and(eq(programs.id, programId), eq(programs.practiceId, actor.practiceId), eq(programs.version, expectedVersion)))
      .returning();
    if (!program) throw new AppError('conflict', await staleSave(tx, actor, programId, expectedVersion));
    await writeItems(tx, actor, programId, input);
    await snapshot(tx, actor, program);
    await audit(tx, actor, { action: 'program.update', entity: 'program', entityId: programId, patientId: program.patientId, meta: { version: program.version } });
    return program;
  });
  await refreshAlertState(actor.practiceId, [saved.patientId]);
  return saved;
}

/** End a program (kept for history). Same version check as a save. */
export async function endProgram(actor: Actor, programId: string, expectedVersion: number): Promise<void> {
  assertCan(actor, 'program:write');
  const ended = await getDb().transaction(async (tx) => {
    const [program] = await tx
      .update(programs)
      .set({ status: 'ended', version: sql`${programs.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId, endDate: sql`coalesce(${programs.endDate}, greatest(${programs.startDate}, current_date))` })
      .where(and(eq(programs.id, programId), eq(programs.practiceId, actor.practiceId), eq(programs.version, expectedVersion), eq(programs.status, 'active')))
      .returning();
    if (!program) {
      const [exists] = await tx.select({ id: programs.id }).from(programs).where(and(eq(programs.id, programId), eq(programs.practiceId, actor.practiceId)));
      if (!exists) throw notFound('Program not found.');
      throw new AppError('conflict', await staleSave(tx, actor, programId, expectedVersion));
    }
    await snapshot(tx, actor, program);
    await audit(tx, actor, { action: 'program.end', entity: 'program', entityId: programId, patientId: program.patientId });
    return program;
  });
  await refreshAlertState(actor.practiceId, [ended.patientId]);
}
