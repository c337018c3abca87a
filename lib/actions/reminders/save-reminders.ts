'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { saveReminderSettings } from '@/lib/data/reminders';
import { reminderPreferencesSchema } from '@/lib/validation/reminders';

/** The patient's own reminder settings (portal). */
export async function saveRemindersAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(reminderPreferencesSchema, input, async (actor, data) => {
    await saveReminderSettings(actor, data);
    revalidatePath('/portal', 'layout');
    if (actor.patientId) revalidatePath(`/patients/${actor.patientId}`);
    return null;
  });
}
