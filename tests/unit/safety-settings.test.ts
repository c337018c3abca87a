import { describe, expect, it } from 'vitest';
import { SAFETY_DEFAULTS, safetySettings } from '@/lib/safety/settings';
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

  it('treats a blank inbox as none', () => {
    expect(safetySettings({ ...old, safetyInbox: '  ' }).safetyInbox).toBeNull();
  });

  it('a new practice starts with the defaults and no inbox', () => {
    expect(defaultPracticeSettings()).toMatchObject({ ...SAFETY_DEFAULTS, safetyInbox: null });
    expect(safetySettings(defaultPracticeSettings())).toEqual({ ...SAFETY_DEFAULTS, safetyInbox: null });
  });
});
