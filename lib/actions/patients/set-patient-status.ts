'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { setPatientStatus } from '@/lib/data/patients';
import { PATIENT_STATUSES } from '@/lib/validation/patient';

const schema = z.object({ id: z.uuid(), status: z.enum(PATIENT_STATUSES) });

/** Discharge, archive or restore a patient (never delete). */
export async function setPatientStatusAction(_prev: unknown, input: FormData): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, { id, status }) => {
    await setPatientStatus(actor, id, status);
    revalidatePatient(id);
    return null;
  });
}
