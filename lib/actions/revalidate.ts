// Which pages show a record, said once per record: an action names what it changed and these
// helpers know the paths. Pages read the database on every request; revalidating drops the
// browser's router cache of them, so the next visit shows the change (not a server action
// module itself: no 'use server', these are called from actions).
import { revalidatePath } from 'next/cache';

/**
 * A patient's record or logs changed: their page and the patients list in the clinic, the
 * dashboard (alerts, overdue questionnaires) and their own portal. Without an id (a removed
 * entry, whose patient the action does not look up), every patient's page.
 */
export function revalidatePatient(patientId: string | null | undefined): void {
  if (patientId) revalidatePath(`/patients/${patientId}`);
  else revalidatePath('/patients', 'layout');
  revalidatePath('/patients');
  revalidatePath('/dashboard');
  revalidatePath('/portal', 'layout');
}

/** Several patients changed at once (a bulk acknowledge). */
export function revalidatePatients(patientIds: Iterable<string>): void {
  for (const id of new Set(patientIds)) revalidatePath(`/patients/${id}`);
  revalidatePath('/patients');
  revalidatePath('/dashboard');
}

/** An account changed: the admin home (its counts), the people list and the account's own page. */
export function revalidateUser(userId?: string): void {
  revalidatePath('/admin');
  revalidatePath('/admin/users');
  if (userId) revalidatePath(`/admin/users/${userId}`);
}

/** The signed-in person's own account pages (two-factor sign-in). */
export function revalidateOwnAccount(): void {
  revalidatePath('/account', 'layout');
}

/** A practice exercise changed: the library and, when it has one yet, its page. */
export function revalidateExercise(exerciseId?: string): void {
  revalidatePath('/library');
  if (exerciseId) revalidatePath(`/library/exercises/${exerciseId}`);
}

/** The practice's settings changed (time zone, units, names): every page reads them. */
export function revalidatePractice(): void {
  revalidatePath('/', 'layout');
}
