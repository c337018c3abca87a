import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { notFound } from '@/lib/errors';
import { SCREENING_KEYS, type ScreeningFlagKey, type ScreeningInput } from '@/lib/validation/screening';
import { audit } from './audit';

// Red-flag history screened at intake (lib/validation/screening.ts). Clinical data: physios
// write it, and every change is audited with which items were added and which removed.

/** Flags in the vocabulary's order, each once: how they are stored. */
const canonical = (flags: readonly string[]): ScreeningFlagKey[] => SCREENING_KEYS.filter((key) => flags.includes(key));

/**
 * Save a patient's screening answers: the ticked items replace the stored ones. A patient
 * of another practice is "not found"; a save that changes nothing writes nothing (no
 * timestamp, no audit event). Returns the flags as stored.
 */
export async function updateScreening(actor: Actor, input: ScreeningInput): Promise<string[]> {
  assertCan(actor, 'patient:write');
  const next: string[] = canonical(input.flags);
  return getDb().transaction(async (tx) => {
    // Locked, so two saves at once each audit the difference from what the other stored.
    const [current] = await tx
      .select({ flags: patients.screeningFlags })
      .from(patients)
      .where(and(eq(patients.id, input.patientId), eq(patients.practiceId, actor.practiceId)))
      .limit(1)
      // Excludes other screening saves, not inserts that reference the patient (see safety-alerts.ts).
      .for('no key update');
    if (!current) throw notFound('Patient not found.');
    const added = next.filter((key) => !current.flags.includes(key));
    const removed = current.flags.filter((key) => !next.includes(key));
    if (!added.length && !removed.length) return current.flags;
    await tx
      .update(patients)
      .set({ screeningFlags: next, screeningUpdatedAt: new Date(), screeningUpdatedBy: actor.userId, updatedAt: new Date() })
      .where(and(eq(patients.id, input.patientId), eq(patients.practiceId, actor.practiceId)));
    await audit(tx, actor, { action: 'patient.screening', entity: 'patient', entityId: input.patientId, patientId: input.patientId, meta: { added, removed } });
    return next;
  });
}
