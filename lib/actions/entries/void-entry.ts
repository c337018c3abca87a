'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { voidEntry } from '@/lib/data/entries';
import { voidEntrySchema } from '@/lib/validation/entries';

/** Mark a wrong pain or session entry as void (kept, never erased). */
export async function voidEntryAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(voidEntrySchema, input, async (actor, { kind, id, reason }) => {
    await voidEntry(actor, kind, id, reason);
    revalidatePatient(null);
    return null;
  });
}
