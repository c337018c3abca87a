'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { acknowledgeAlert } from '@/lib/data/caseload';
import { alertKeySchema, splitAlertItem } from '@/lib/validation/alert-item';

// One alert: posted as patientId and kind, or from the dashboard's shared form as the clicked
// button's item, "patientId:kind" (app/(clinic)/dashboard/acknowledge-one.tsx).
const schema = z.preprocess((v) => {
  if (!v || typeof v !== 'object' || !('item' in v) || typeof v.item !== 'string') return v;
  const { item, ...rest } = v;
  return { ...rest, ...splitAlertItem(item) };
}, alertKeySchema);

export async function acknowledgeAlertAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, { patientId, kind }) => {
    await acknowledgeAlert(actor, patientId, kind);
    revalidatePatient(patientId);
    return null;
  });
}
