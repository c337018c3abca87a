'use server';

import { revalidatePractice } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { updatePracticeSettings } from '@/lib/data/practice-settings';
import { practiceSettingsSchema } from '@/lib/validation/admin';

/**
 * Save the practice's name, time zone, unit, alert thresholds, session length, patient contact
 * and safety settings (audited). A safety setting not posted at all keeps its saved value.
 */
export async function updatePracticeSettingsAction(_prev: unknown, input: FormData): Promise<ActionResult<{ changed: string[] }>> {
  return runAction(practiceSettingsSchema, input, async (actor, data) => {
    const result = await updatePracticeSettings(actor, data);
    // Every page shows the practice name, dates in its time zone and distances in its unit.
    revalidatePractice();
    return result;
  });
}
