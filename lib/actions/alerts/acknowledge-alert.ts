'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { acknowledgeAlert, ALERT_KINDS } from '@/lib/data/caseload';

const schema = z.object({ patientId: z.uuid(), kind: z.enum(ALERT_KINDS) });

export async function acknowledgeAlertAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, { patientId, kind }) => {
    await acknowledgeAlert(actor, patientId, kind);
    revalidatePatient(patientId);
    return null;
  });
}
