import type { PracticeSettings } from '@/db/schema';

// The practice's safety settings with their defaults filled in: rows saved before these
// fields existed lack them. Plain module (no I/O), safe to import anywhere.

export const SAFETY_DEFAULTS: Readonly<{ severePainScore: number; escalateEmergencyMinutes: number; escalateSameDayWorkingDays: number }> = {
  severePainScore: 8,
  escalateEmergencyMinutes: 120,
  escalateSameDayWorkingDays: 1,
};

/**
 * The severe pain score a practice can choose (lib/validation/admin.ts refuses others). A stored
 * value outside it (a hand-edited row) is brought inside, so a report below the lowest one with
 * no warning-sign symptom can never be a warning sign (recordWarningSigns reads nothing for it).
 */
export const SEVERE_PAIN_SCORE_RANGE = { min: 5, max: 10 } as const;

export type SafetySettings = { safetyInbox: string | null; severePainScore: number; escalateEmergencyMinutes: number; escalateSameDayWorkingDays: number };

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** The safety inbox (null when none) and the thresholds, defaults filled for older rows. */
export function safetySettings(settings: PracticeSettings): SafetySettings {
  const inbox = typeof settings.safetyInbox === 'string' ? settings.safetyInbox.trim() : '';
  return {
    safetyInbox: inbox || null,
    severePainScore: Math.min(SEVERE_PAIN_SCORE_RANGE.max, Math.max(SEVERE_PAIN_SCORE_RANGE.min, numberOr(settings.severePainScore, SAFETY_DEFAULTS.severePainScore))),
    escalateEmergencyMinutes: numberOr(settings.escalateEmergencyMinutes, SAFETY_DEFAULTS.escalateEmergencyMinutes),
    escalateSameDayWorkingDays: numberOr(settings.escalateSameDayWorkingDays, SAFETY_DEFAULTS.escalateSameDayWorkingDays),
  };
}
