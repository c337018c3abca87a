import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients, practices, type PracticeSettings } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { notFound } from '@/lib/errors';
import type { PracticeSettingsInput } from '@/lib/validation/admin';
import { refreshAlertState } from './alert-state';
import { audit } from './audit';

export type PracticeSettingsView = PracticeSettingsInput;

/** Settings that no alert reads: changing only these needs no recompute. */
const NO_ALERT_EFFECT: ReadonlySet<string> = new Set(['name', 'distanceUnit', 'sessionIdleMinutes', 'phone', 'emergencyNumber']);

function flatten(p: typeof practices.$inferSelect): PracticeSettingsView {
  return { name: p.name, timeZone: p.timeZone, distanceUnit: p.distanceUnit, ...p.settings, phone: p.settings.phone ?? null, emergencyNumber: p.settings.emergencyNumber ?? null };
}

/** The actor's practice's name, time zone, unit and thresholds. */
export async function getPracticeSettings(actor: Actor): Promise<PracticeSettingsView> {
  assertCan(actor, 'settings:manage');
  const [row] = await getDb().select().from(practices).where(eq(practices.id, actor.practiceId)).limit(1);
  if (!row) throw notFound('Practice not found.');
  return flatten(row);
}

/**
 * Save the settings; the audit event keeps what changed, before and after. Thresholds and
 * the time zone change which alerts are open, so every active patient's alerts are recomputed.
 */
export async function updatePracticeSettings(actor: Actor, input: PracticeSettingsInput): Promise<{ changed: string[] }> {
  assertCan(actor, 'settings:manage');
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(practices).where(eq(practices.id, actor.practiceId)).for('update');
    if (!row) throw notFound('Practice not found.');
    const before = flatten(row);
    const changed = (Object.keys(input) as (keyof PracticeSettingsInput)[]).filter((k) => before[k] !== input[k]);
    if (changed.length === 0) return { changed, recompute: false };
    const settings: PracticeSettings = {
      sessionIdleMinutes: input.sessionIdleMinutes,
      painWorseMinPoints: input.painWorseMinPoints,
      acwrSpike: input.acwrSpike,
      weeklyDistanceRedPct: input.weeklyDistanceRedPct,
      adherenceLowPct: input.adherenceLowPct,
      inactivityDays: input.inactivityDays,
      phone: input.phone,
      emergencyNumber: input.emergencyNumber,
    };
    await tx
      .update(practices)
      .set({ name: input.name, timeZone: input.timeZone, distanceUnit: input.distanceUnit, settings, updatedAt: new Date() })
      .where(eq(practices.id, actor.practiceId));
    const pick = (v: PracticeSettingsView) => Object.fromEntries(changed.map((k) => [k, v[k]]));
    await audit(tx, actor, { action: 'practice.settings_update', entity: 'practice', entityId: actor.practiceId, meta: { changed, before: pick(before), after: pick(input) } });
    const recompute = changed.some((k) => !NO_ALERT_EFFECT.has(k));
    return { changed, recompute };
  });
  if (result.recompute) {
    const active = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, actor.practiceId), eq(patients.status, 'active')));
    await refreshAlertState(actor.practiceId, active.map((p) => p.id));
  }
  return { changed: result.changed };
}
