import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients, practices, type PracticeSettings } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { notFound } from '@/lib/errors';
import { painMonitoringLimits, type PainMonitoringLimits } from '@/lib/analytics/pain-monitoring';
import { emergencyNumberForTimeZone } from '@/lib/practice-contact';
import { safetySettings } from '@/lib/safety/settings';
import type { PracticeSettingsInput } from '@/lib/validation/admin';
import { refreshAlertState } from './alert-state';
import { audit } from './audit';

/** Every setting with its value: the safety ones a form may leave out are filled from the saved row. */
export type PracticeSettingsView = { [K in keyof PracticeSettingsInput]-?: Exclude<PracticeSettingsInput[K], undefined> };

/**
 * Settings that no alert reads: changing only these needs no recompute. (The severe pain
 * score decides a warning sign, so changing it recomputes; so does the distance unit,
 * which alert messages are written in.)
 */
const NO_ALERT_EFFECT: ReadonlySet<string> = new Set([
  'name', 'sessionIdleMinutes', 'phone', 'emergencyNumber', 'safetyInbox', 'escalateEmergencyMinutes', 'escalateSameDayWorkingDays', 'requireStaffTwoFactor',
]);

function flatten(p: typeof practices.$inferSelect): PracticeSettingsView {
  const s = p.settings;
  return {
    name: p.name,
    timeZone: p.timeZone,
    distanceUnit: p.distanceUnit,
    painWorseMinPoints: s.painWorseMinPoints,
    acwrSpike: s.acwrSpike,
    weeklyDistanceRedPct: s.weeklyDistanceRedPct,
    adherenceLowPct: s.adherenceLowPct,
    inactivityDays: s.inactivityDays,
    painDuringMax: painMonitoringLimits(s).painDuringMax,
    painWeeklyRisePoints: painMonitoringLimits(s).weeklyRisePoints,
    sessionIdleMinutes: s.sessionIdleMinutes,
    phone: s.phone ?? null,
    emergencyNumber: s.emergencyNumber ?? null,
    ...safetySettings(s),
    requireStaffTwoFactor: s.requireStaffTwoFactor ?? false,
  };
}

/** The actor's practice's name, time zone, unit, thresholds, contact and safety settings. */
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
    // NO KEY UPDATE: excludes another settings save, not the practice's inserts (see lockPractice in users.ts).
    const [row] = await tx.select().from(practices).where(eq(practices.id, actor.practiceId)).for('no key update');
    if (!row) throw notFound('Practice not found.');
    const before = flatten(row);
    // A safety setting left out of the input keeps its saved value.
    const next: PracticeSettingsView = {
      ...input,
      safetyInbox: input.safetyInbox === undefined ? before.safetyInbox : input.safetyInbox,
      severePainScore: input.severePainScore ?? before.severePainScore,
      escalateEmergencyMinutes: input.escalateEmergencyMinutes ?? before.escalateEmergencyMinutes,
      escalateSameDayWorkingDays: input.escalateSameDayWorkingDays ?? before.escalateSameDayWorkingDays,
      requireStaffTwoFactor: input.requireStaffTwoFactor ?? before.requireStaffTwoFactor,
      painDuringMax: input.painDuringMax ?? before.painDuringMax,
      painWeeklyRisePoints: input.painWeeklyRisePoints ?? before.painWeeklyRisePoints,
    };
    const changed = (Object.keys(next) as (keyof PracticeSettingsView)[]).filter((k) => before[k] !== next[k]);
    if (changed.length === 0) return { changed, recompute: false };
    // Keys this form does not know (added later by another feature) are kept as they are.
    const settings: PracticeSettings = {
      ...row.settings,
      sessionIdleMinutes: next.sessionIdleMinutes,
      painWorseMinPoints: next.painWorseMinPoints,
      acwrSpike: next.acwrSpike,
      weeklyDistanceRedPct: next.weeklyDistanceRedPct,
      adherenceLowPct: next.adherenceLowPct,
      inactivityDays: next.inactivityDays,
      painDuringMax: next.painDuringMax,
      painWeeklyRisePoints: next.painWeeklyRisePoints,
      phone: next.phone,
      emergencyNumber: next.emergencyNumber,
      safetyInbox: next.safetyInbox,
      severePainScore: next.severePainScore,
      escalateEmergencyMinutes: next.escalateEmergencyMinutes,
      escalateSameDayWorkingDays: next.escalateSameDayWorkingDays,
    };
    // Stored once it has been turned on (absent means off).
    if (next.requireStaffTwoFactor || settings.requireStaffTwoFactor !== undefined) settings.requireStaffTwoFactor = next.requireStaffTwoFactor;
    await tx
      .update(practices)
      .set({ name: next.name, timeZone: next.timeZone, distanceUnit: next.distanceUnit, settings, updatedAt: new Date() })
      .where(eq(practices.id, actor.practiceId));
    const pick = (v: PracticeSettingsView) => Object.fromEntries(changed.map((k) => [k, v[k]]));
    await audit(tx, actor, { action: 'practice.settings_update', entity: 'practice', entityId: actor.practiceId, meta: { changed, before: pick(before), after: pick(next) } });
    const recompute = changed.some((k) => !NO_ALERT_EFFECT.has(k));
    return { changed, recompute };
  });
  if (result.recompute) {
    const active = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, actor.practiceId), eq(patients.status, 'active')));
    await refreshAlertState(actor.practiceId, active.map((p) => p.id));
  }
  return { changed: result.changed };
}

/**
 * What the library's guides are worded from for anyone signed in to the practice: the
 * emergency number, the severe pain score of the warning signs and the pain-monitoring
 * limits. Not the settings page (no contact inbox, no thresholds beyond these).
 */
export async function getGuideSettings(actor: Actor): Promise<{ emergencyNumber: string | null; severePainScore: number; painLimits: PainMonitoringLimits }> {
  const [row] = await getDb().select({ timeZone: practices.timeZone, settings: practices.settings }).from(practices).where(eq(practices.id, actor.practiceId)).limit(1);
  if (!row) throw notFound('Practice not found.');
  return {
    emergencyNumber: row.settings.emergencyNumber ?? emergencyNumberForTimeZone(row.timeZone),
    severePainScore: safetySettings(row.settings).severePainScore,
    painLimits: painMonitoringLimits(row.settings),
  };
}
