import { describe, expect, it } from 'vitest';
import { SAFETY_DEFAULTS, SEVERE_PAIN_SCORE_RANGE, safetySettings } from '@/lib/safety/settings';
import { defaultPracticeSettings } from '@/db/seed';

const old = { sessionIdleMinutes: 60, painWorseMinPoints: 2, acwrSpike: 1.5, weeklyDistanceRedPct: 30, adherenceLowPct: 50, inactivityDays: 14 };

describe('safetySettings', () => {
  it('fills the defaults for a row saved before the safety fields existed', () => {
    expect(SAFETY_DEFAULTS).toEqual({ severePainScore: 8, escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1 });
    expect(safetySettings(old)).toEqual({ safetyInbox: null, severePainScore: 8, escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1 });
    expect(safetySettings({ ...old, safetyInbox: null })).toMatchObject({ safetyInbox: null });
  });

  it('keeps the saved values', () => {
    expect(safetySettings({ ...old, safetyInbox: 'safety@clinic.example', severePainScore: 7, escalateEmergencyMinutes: 30, escalateSameDayWorkingDays: 2 })).toEqual({
      safetyInbox: 'safety@clinic.example', severePainScore: 7, escalateEmergencyMinutes: 30, escalateSameDayWorkingDays: 2,
    });
  });

  it('brings a severe pain score stored outside the settable range inside it', () => {
    // The shortcut in recordWarningSigns (no symptom, score below the range's lowest: nothing to
    // judge) relies on this: a hand-edited 3 must not make a 4/10 report "severe" there either.
    expect(SEVERE_PAIN_SCORE_RANGE).toEqual({ min: 5, max: 10 });
    expect(safetySettings({ ...old, severePainScore: 3 }).severePainScore).toBe(5);
    expect(safetySettings({ ...old, severePainScore: 12 }).severePainScore).toBe(10);
    expect(safetySettings({ ...old, severePainScore: 5 }).severePainScore).toBe(5);
  });

  it('treats a blank inbox as none', () => {
    expect(safetySettings({ ...old, safetyInbox: '  ' }).safetyInbox).toBeNull();
  });

  it('a new practice starts with the defaults and no inbox', () => {
    expect(defaultPracticeSettings()).toMatchObject({ ...SAFETY_DEFAULTS, safetyInbox: null });
    expect(safetySettings(defaultPracticeSettings())).toEqual({ ...SAFETY_DEFAULTS, safetyInbox: null });
  });
});
