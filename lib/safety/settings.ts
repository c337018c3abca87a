import type { PracticeSettings } from '@/db/schema';

// The practice's safety settings with their defaults filled in: rows saved before these
// fields existed lack them. Plain module (no I/O), safe to import anywhere.

export const SAFETY_DEFAULTS: Readonly<{ severePainScore: number; escalateEmergencyMinutes: number; escalateSameDayWorkingDays: number }> = {
  severePainScore: 8,
  escalateEmergencyMinutes: 120,
  escalateSameDayWorkingDays: 1,
};

export type SafetySettings = { safetyInbox: string | null; severePainScore: number; escalateEmergencyMinutes: number; escalateSameDayWorkingDays: number };

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** The safety inbox (null when none) and the thresholds, defaults filled for older rows. */
export function safetySettings(settings: PracticeSettings): SafetySettings {
  const inbox = typeof settings.safetyInbox === 'string' ? settings.safetyInbox.trim() : '';
  return {
    safetyInbox: inbox || null,
    severePainScore: numberOr(settings.severePainScore, SAFETY_DEFAULTS.severePainScore),
    escalateEmergencyMinutes: numberOr(settings.escalateEmergencyMinutes, SAFETY_DEFAULTS.escalateEmergencyMinutes),
    escalateSameDayWorkingDays: numberOr(settings.escalateSameDayWorkingDays, SAFETY_DEFAULTS.escalateSameDayWorkingDays),
  };
}
