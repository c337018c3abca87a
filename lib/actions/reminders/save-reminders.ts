'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { saveReminderSettings } from '@/lib/data/reminders';
import { reminderPreferencesSchema } from '@/lib/validation/reminders';

/** The patient's own reminder settings (portal). */
export async function saveRemindersAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(reminderPreferencesSchema, input, async (actor, data) => {
    await saveReminderSettings(actor, data);
    revalidatePatient(actor.patientId);
    return null;
  });
}
