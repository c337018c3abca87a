// A small, complete practice for the security tests: staff, a patient with a portal login
// and a program, logged entries, an open alert, a practice exercise and an invitation.
// Every cell of the access matrix builds fresh ones, so no cell depends on another.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { addDays, localDate } from '@/lib/dates';
import { createCustomExercise } from '@/lib/data/exercises';
import { inviteStaff } from '@/lib/data/invites';
import { assignMeasure } from '@/lib/data/measures';
import { refreshAlertState } from '@/lib/data/alert-state';
import { logPain, logSession } from '@/lib/data/entries';
import { createProgram, getActiveProgram } from '@/lib/data/programs';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff, type TestUser } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';

export const today = () => localDate(new Date(), 'Europe/London');
export const key = () => `k-${randomUUID()}`;

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Everything in one practice that an actor might try to reach. `marker` is in every name. */
export async function buildWorld(practiceId?: string) {
  const marker = `W${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const practice = practiceId ? { id: practiceId } : await createPractice(`Practice ${marker}`);
  const physioUser = await createStaff(practice.id, ['physio'], { name: `Physio ${marker}` });
  const adminUser = await createStaff(practice.id, ['admin'], { name: `Admin ${marker}` });
  const staffUser = await createStaff(practice.id, ['physio'], { name: `Staff ${marker}` });
  const physio = await actorFor(physioUser);
  const admin = await actorFor(adminUser);
  const { patient, user: patientUser } = await createPatientAccount(practice.id, {
    firstName: 'Pat', lastName: `Ient ${marker}`, email: `pat.${marker}@test.example`, treatingPhysioId: physioUser.id, notes: `notes ${marker}`,
  });
  // Registered a month ago and never logged: an open "no logs" alert to acknowledge.
  const patient2 = await createPatient(practice.id, { lastName: `Two ${marker}`, email: `two.${marker.toLowerCase()}@test.example`, treatingPhysioId: physioUser.id, createdAt: new Date(Date.now() - 30 * 86_400_000) });
  await refreshAlertState(practice.id, [patient2.id]);
  const exercise = await createCustomExercise(physio, {
    title: `Wall sit ${marker}`, summary: 'Sit against a wall.', category: 'strength', bodyRegions: ['hips'], equipment: ['none'], difficulty: 'beginner',
    sets: 2, reps: undefined, holdSeconds: 30, minutes: undefined, sessionsPerWeek: 3, steps: ['Stand', 'Slide down', 'Hold'], feel: 'Thighs working.',
    cautions: ['Stop if sharp pain'], regression: null, progression: null, body: '',
  });
  const program = await createProgram(physio, patient.id, {
    title: `Program ${marker}`, startDate: today(), articleSlugs: [],
    items: [
      { exerciseId: await libraryExerciseId('pelvic-tilt'), sets: 2, reps: 10, sessionsPerWeek: 7 },
      { exerciseId: exercise.id, sets: 2, holdSeconds: 30, sessionsPerWeek: 3 },
    ],
  });
  const view = await getActiveProgram(physio, patient.id);
  const itemId = view!.items[0]!.id;
  // Entered by the patient, so the patient may correct or void them.
  const patientActor = await actorFor(patientUser);
  // A same-day warning sign: an open safety alert to close.
  const pain = await logPain(patientActor, { idempotencyKey: key(), score: 6, locations: ['lower-back'], symptoms: ['leg-numbness'], notes: `pain ${marker}` });
  const session = await logSession(patientActor, { idempotencyKey: key(), activity: 'run', date: today(), durationMin: 30, distance: 5, rpe: 5, notes: `run ${marker}` });
  // Yesterday's run: its next-morning check-in is open today.
  const yesterdayRun = await logSession(patientActor, { idempotencyKey: key(), activity: 'run', date: addDays(today(), -1), durationMin: 40, distance: 8, rpe: 6, painDuring: 3 });
  // A run imported from a watch file, not rated yet: "How hard was it?" to answer.
  const [unratedImport] = await getDb()
    .insert(trainingSessions)
    .values({ practiceId: practice.id, patientId: patient.id, enteredBy: patientUser.id, source: 'import', activity: 'run', localDate: today(), durationMin: 42, distanceKm: 7.5, rpe: null, fileHash: `hash-${marker}` })
    .returning({ id: trainingSessions.id });
  // An outcome measure scheduled for the patient: a schedule to end.
  const schedule = await assignMeasure(physio, { patientId: patient.id, measureSlug: 'patient-specific-functional-scale', atIntake: true, atDischarge: false });
  const invite = await inviteStaff(admin, { email: `invited.${marker.toLowerCase()}@test.example`, name: `Invited ${marker}`, roles: ['physio'] });
  const [invited] = rowsOf<{ id: string }>(await getDb().execute(sql`select id from users where lower(email) = ${`invited.${marker.toLowerCase()}@test.example`}`));
  return {
    marker, practiceId: practice.id, physioUser, adminUser, staffUser, physio, admin, patient, patientUser, patient2,
    exercise, program, itemId, painId: pain.id, sessionId: session.id, yesterdayRunId: yesterdayRun.id, unratedImportId: unratedImport!.id, measureScheduleId: schedule.id, safetyAlertId: pain.safetyAlertId!,
    invitedUserId: invited!.id, inviteToken: invite.url.split('/').pop()!,
    /** Strings that must never appear in what another practice (or another patient) is shown. */
    secrets: [marker, patient.id, patient2.id, program.id, pain.id, pain.safetyAlertId!, session.id, exercise.id, physioUser.id, staffUser.id, patientUser.id],
  };
}

/** Rows of a db.execute() result on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export async function patientAccount(practiceId: string): Promise<{ user: TestUser; actor: Actor }> {
  const { user } = await createPatientAccount(practiceId, { email: `p.${randomUUID().slice(0, 8)}@test.example` });
  return { user, actor: await actorFor(user) };
}

let practiceTables: string[] | undefined;

/**
 * A fingerprint per practice of everything stored for it (every table with a practice_id
 * and the practice row; the first also covers the shared library): the row count and the
 * newest row version (xmin) of each. Any insert, update or delete changes it, so equal
 * before and after means nothing was written there. One query for all of them.
 * user_activity and user_sessions are left out: requireActor() notes there, once a minute,
 * that an account (a session) made a request, whatever the request then does.
 */
export async function digest(practiceIds: string[]): Promise<string[]> {
  const db = getDb();
  practiceTables ??= rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'practice_id' and table_name not in ('user_activity', 'user_sessions') order by table_name`),
  ).map((r) => r.table_name);
  const stamp = sql`count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0)`;
  const one = (id: string, library: boolean) => {
    const parts = practiceTables!.map(
      (t) => sql`(select ${stamp} from ${sql.identifier(t)} x where x.practice_id = ${id}::uuid ${library && t === 'exercises' ? sql`or x.practice_id is null` : sql``})`,
    );
    parts.push(sql`(select ${stamp} from practices x where x.id = ${id}::uuid)`);
    return sql`concat_ws(',', ${sql.join(parts, sql`, `)})`;
  };
  const columns = practiceIds.map((id, i) => sql`${one(id, i === 0)} as ${sql.identifier(`d${i}`)}`);
  const [row] = rowsOf<Record<string, string>>(await db.execute(sql`select ${sql.join(columns, sql`, `)}`));
  return practiceIds.map((_, i) => row![`d${i}`]!);
}
