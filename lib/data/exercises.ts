import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { exercises, programItems, programs } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, isPatient } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import type { CustomExerciseInput } from '@/lib/validation/exercise';
import { audit } from './audit';

export type ExerciseRow = typeof exercises.$inferSelect;
export type ExerciseListItem = Pick<
  ExerciseRow,
  'id' | 'slug' | 'title' | 'summary' | 'category' | 'bodyRegions' | 'equipment' | 'difficulty' | 'illustration' | 'practiceId' | 'dosage'
> & { searchText: string };

/** The shared library plus the actor's own practice's exercises. */
const visibleTo = (actor: Actor): SQL => or(isNull(exercises.practiceId), eq(exercises.practiceId, actor.practiceId)) ?? sql`false`;

/** Every exercise a physio may prescribe (retired ones are left out of the picker). */
export async function listExercises(actor: Actor): Promise<ExerciseListItem[]> {
  assertCan(actor, 'exercise:write');
  const rows = await getDb()
    .select()
    .from(exercises)
    .where(and(visibleTo(actor), isNull(exercises.retiredAt)))
    .orderBy(asc(exercises.title));
  return rows.map(toListItem);
}

export function toListItem(e: ExerciseRow): ExerciseListItem {
  return {
    id: e.id, slug: e.slug, title: e.title, summary: e.summary, category: e.category, bodyRegions: e.bodyRegions,
    equipment: e.equipment, difficulty: e.difficulty, illustration: e.illustration, practiceId: e.practiceId, dosage: e.dosage,
    // What search-as-you-type looks through, beyond the title and regions.
    searchText: [e.summary, e.feel, ...e.steps, e.body].join(' ').toLowerCase(),
  };
}

/** Exercise ids in the patient's programs (any version, so history stays readable). */
async function patientExerciseIds(actor: Actor): Promise<string[]> {
  if (!actor.patientId) return [];
  const rows = await getDb()
    .selectDistinct({ id: programItems.exerciseId })
    .from(programItems)
    .innerJoin(programs, eq(programs.id, programItems.programId))
    .where(and(eq(programs.practiceId, actor.practiceId), eq(programs.patientId, actor.patientId)));
  return rows.map((r) => r.id);
}

/**
 * One exercise with its regression and progression. Staff: library or own practice.
 * Patients: only exercises in their own program; anything else is "not found".
 */
export async function getExercise(actor: Actor, id: string) {
  assertCan(actor, 'library:read');
  const db = getDb();
  const filters: SQL[] = [eq(exercises.id, id), visibleTo(actor)];
  if (isPatient(actor)) {
    const allowed = await patientExerciseIds(actor);
    if (!allowed.includes(id)) throw notFound('Exercise not found.');
  }
  const [exercise] = await db.select().from(exercises).where(and(...filters)).limit(1);
  if (!exercise) throw notFound('Exercise not found.');
  const related = [exercise.regressionSlug, exercise.progressionSlug].filter((s): s is string => Boolean(s));
  const neighbours = related.length
    ? await db
        .select({ id: exercises.id, slug: exercises.slug, title: exercises.title, practiceId: exercises.practiceId })
        .from(exercises)
        .where(and(visibleTo(actor), inArray(exercises.slug, related)))
    : [];
  // A practice's own exercise of the same slug takes precedence over the library's.
  const pick = (slug: string | null) =>
    slug ? (neighbours.find((n) => n.slug === slug && n.practiceId) ?? neighbours.find((n) => n.slug === slug)) ?? null : null;
  return { exercise, regression: pick(exercise.regressionSlug), progression: pick(exercise.progressionSlug) };
}

function slugify(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'exercise';
}

function toColumns(input: CustomExerciseInput) {
  const dosage = {
    sessionsPerWeek: input.sessionsPerWeek,
    ...(input.sets !== undefined && { sets: input.sets }),
    ...(input.reps !== undefined && { reps: input.reps }),
    ...(input.holdSeconds !== undefined && { holdSeconds: input.holdSeconds }),
    ...(input.minutes !== undefined && { minutes: input.minutes }),
  };
  const contentVersion = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
  return {
    title: input.title, summary: input.summary, category: input.category, bodyRegions: input.bodyRegions,
    equipment: input.equipment, difficulty: input.difficulty, dosage, steps: input.steps, feel: input.feel,
    cautions: input.cautions, regressionSlug: input.regression, progressionSlug: input.progression, body: input.body,
    contentVersion,
  };
}

async function assertSlugsExist(actor: Actor, input: CustomExerciseInput, ownSlug?: string) {
  const errors: Record<string, string[]> = {};
  for (const field of ['regression', 'progression'] as const) {
    const slug = input[field];
    if (!slug) continue;
    if (slug === ownSlug) { errors[field] = ['An exercise cannot point to itself']; continue; }
    const [hit] = await getDb().select({ id: exercises.id }).from(exercises).where(and(visibleTo(actor), eq(exercises.slug, slug))).limit(1);
    if (!hit) errors[field] = [`No exercise "${slug}" in your library`];
  }
  if (Object.keys(errors).length) throw new AppError('invalid', 'Please check the highlighted fields.', errors);
}

/** A practice's own exercise: visible to that practice only. */
export async function createCustomExercise(actor: Actor, input: CustomExerciseInput): Promise<ExerciseRow> {
  assertCan(actor, 'exercise:write');
  await assertSlugsExist(actor, input);
  const db = getDb();
  return db.transaction(async (tx) => {
    const base = slugify(input.title);
    const taken = await tx.select({ slug: exercises.slug }).from(exercises).where(visibleTo(actor));
    const used = new Set(taken.map((t) => t.slug));
    const slug = used.has(base) ? `${base}-${randomUUID().slice(0, 6)}` : base;
    const [row] = await tx
      .insert(exercises)
      .values({ ...toColumns(input), practiceId: actor.practiceId, slug, illustration: 'placeholder', createdBy: actor.userId })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await audit(tx, actor, { action: 'exercise.create', entity: 'exercise', entityId: row.id });
    return row;
  });
}

async function ownExercise(actor: Actor, id: string): Promise<ExerciseRow> {
  const [row] = await getDb().select().from(exercises).where(and(eq(exercises.id, id), eq(exercises.practiceId, actor.practiceId))).limit(1);
  // Library exercises and other practices' exercises are not editable here: not found.
  if (!row) throw notFound('Exercise not found.');
  return row;
}

export async function updateCustomExercise(actor: Actor, id: string, input: CustomExerciseInput): Promise<ExerciseRow> {
  assertCan(actor, 'exercise:write');
  const existing = await ownExercise(actor, id);
  await assertSlugsExist(actor, input, existing.slug);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(exercises)
      .set({ ...toColumns(input), updatedAt: new Date() })
      .where(and(eq(exercises.id, id), eq(exercises.practiceId, actor.practiceId)))
      .returning();
    if (!row) throw notFound('Exercise not found.');
    await audit(tx, actor, { action: 'exercise.update', entity: 'exercise', entityId: id });
    return row;
  });
}

/** Retire (hide from the picker) or bring back a practice exercise. Programs keep working either way. */
export async function setCustomExerciseRetired(actor: Actor, id: string, retired: boolean): Promise<void> {
  assertCan(actor, 'exercise:write');
  await ownExercise(actor, id);
  await getDb().transaction(async (tx) => {
    await tx
      .update(exercises)
      .set({ retiredAt: retired ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(exercises.id, id), eq(exercises.practiceId, actor.practiceId)));
    await audit(tx, actor, { action: retired ? 'exercise.retire' : 'exercise.restore', entity: 'exercise', entityId: id });
  });
}
