'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { formDataToObject, runAction, type ActionResult } from '@/lib/actions/result';
import { saveMeasureResponse } from '@/lib/data/measures';
import { answersFromFields, measureFormInput, measureResponseSchema } from '@/lib/validation/measures';

/** The patient saves a questionnaire to finish later, or submits it (scored and locked). */
export async function saveMeasureResponseAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string; submitted: boolean; score: number | null }>> {
  return runAction(measureResponseSchema, measureFormInput(formDataToObject(input)), async (actor, data) => {
    const result = await saveMeasureResponse(actor, { measureSlug: data.measureSlug, answers: answersFromFields(data.answers), submit: data.intent === 'submit', supersedesId: data.supersedesId });
    revalidatePatient(actor.patientId);
    return result;
  });
}
