// Warning signs (red flags): which tier a report raises, what it does to the open alert,
// who is told at once and when the leads are told. Every expectation is worked out by hand.
// Calendar used below: 2026-02-02 is a Monday (…02-06 Fri, 02-07 Sat, 02-08 Sun, 02-09 Mon);
// 2026-03-27 is a Friday. Europe/London is UTC+0 in February.
import { describe, expect, it } from 'vitest';
import {
  escalationDeadline,
  notifiesAtOnce,
  safetyStep,
  stepNotifies,
  triageReport,
  type EscalationSettings,
  type OpenSafetyAlert,
  type SafetyStep,
  type Triage,
} from '@/lib/analytics/red-flags';
import { localDate } from '@/lib/dates';
import { TIER_RANK, type RedFlagTier } from '@/lib/validation/symptoms';

const SEVERE = 8;
const report = (symptoms: string[], score = 3, date = '2026-03-10') => ({ date, score, symptoms });
const day = (date: string, score: number) => ({ date, score });

describe('triageReport: ticked symptoms', () => {
  it('leg numbness alone is same-day', () => {
    expect(triageReport(report(['leg-numbness']), [], SEVERE)).toEqual({ tier: 'same-day', flags: ['leg-numbness'] });
  });

  it('leg numbness with saddle numbness is emergency and keeps both flags (vocabulary order, not tick order)', () => {
    expect(triageReport(report(['saddle-numbness', 'leg-numbness']), [], SEVERE)).toEqual({
      tier: 'emergency',
      flags: ['leg-numbness', 'saddle-numbness'],
    });
  });

  it('pain that woke the patient at night is review', () => {
    expect(triageReport(report(['sleep-disturbed']), [], SEVERE)).toEqual({ tier: 'review', flags: ['sleep-disturbed'] });
  });

  it('stiffness, muscle spasm or buttock pain alone, no symptoms, or an unknown key: no warning sign', () => {
    expect(triageReport(report(['stiffness']), [], SEVERE)).toBeNull();
    expect(triageReport(report(['stiffness', 'muscle-spasm', 'buttock-pain']), [], SEVERE)).toBeNull();
    expect(triageReport(report([]), [], SEVERE)).toBeNull();
    expect(triageReport(report(['not-a-symptom']), [], SEVERE)).toBeNull();
  });

  it('symptoms that are not warning signs are left out of the flags', () => {
    expect(triageReport(report(['stiffness', 'leg-weakness', 'buttock-pain']), [], SEVERE)).toEqual({ tier: 'same-day', flags: ['leg-weakness'] });
  });

  it('every ticked symptom on its own gives its tier', () => {
    const expected: [string, RedFlagTier | null][] = [
      ['stiffness', null],
      ['muscle-spasm', null],
      ['buttock-pain', null],
      ['sleep-disturbed', 'review'],
      ['pain-below-knee', 'same-day'],
      ['leg-numbness', 'same-day'],
      ['leg-weakness', 'same-day'],
      ['fever-weight-loss', 'same-day'],
      ['leg-weakness-worsening', 'emergency'],
      ['both-legs', 'emergency'],
      ['saddle-numbness', 'emergency'],
      ['bladder-bowel', 'emergency'],
      ['sexual-dysfunction', 'emergency'],
    ];
    for (const [key, tier] of expected) {
      expect(triageReport(report([key]), [], SEVERE), key).toEqual(tier === null ? null : { tier, flags: [key] });
    }
  });

  it("the report's tier is its highest: review + same-day + emergency is emergency with all three flags", () => {
    expect(triageReport(report(['both-legs', 'sleep-disturbed', 'leg-weakness']), [], SEVERE)).toEqual({
      tier: 'emergency',
      flags: ['sleep-disturbed', 'leg-weakness', 'both-legs'],
    });
    expect(triageReport(report(['sleep-disturbed', 'fever-weight-loss']), [], SEVERE)).toEqual({
      tier: 'same-day',
      flags: ['sleep-disturbed', 'fever-weight-loss'],
    });
  });
});

describe('triageReport: severe pain on two days running', () => {
  const severeOn = (neighbours: { date: string; score: number }[], score = 8, severe = SEVERE, date = '2026-03-10') =>
    triageReport(report([], score, date), neighbours, severe);
  const TWO_DAYS: Triage = { tier: 'review', flags: ['severe-pain-two-days'] };

  it('8 today and 8 the day before, or 9 the day after: review', () => {
    expect(severeOn([day('2026-03-09', 8)])).toEqual(TWO_DAYS);
    expect(severeOn([day('2026-03-11', 9)])).toEqual(TWO_DAYS);
    expect(severeOn([day('2026-03-09', 10), day('2026-03-11', 10)])).toEqual(TWO_DAYS); // flagged once
  });

  it('a severe day two days away (03-08 or 03-12) is not "running": nothing', () => {
    expect(severeOn([day('2026-03-08', 10), day('2026-03-12', 10)])).toBeNull();
  });

  it('another severe report on the same day is not a second day: nothing', () => {
    expect(severeOn([day('2026-03-10', 10)])).toBeNull();
  });

  it('both days must reach the severe score: 7 next to 9, or 9 next to 7, is nothing at 8', () => {
    expect(severeOn([day('2026-03-09', 9)], 7)).toBeNull();
    expect(severeOn([day('2026-03-09', 7)], 9)).toBeNull();
  });

  it("uses the practice's severe score: 7 and 7 flag at 7, not at 8; 8 and 8 do not flag at 9", () => {
    expect(severeOn([day('2026-03-09', 7)], 7, 7)).toEqual(TWO_DAYS);
    expect(severeOn([day('2026-03-09', 7)], 7, 8)).toBeNull();
    expect(severeOn([day('2026-03-09', 8)], 8, 9)).toBeNull();
  });

  it('across a month and a year boundary (03-01 after 02-28, 2026-01-01 after 2025-12-31)', () => {
    expect(severeOn([day('2026-02-28', 8)], 8, SEVERE, '2026-03-01')).toEqual(TWO_DAYS);
    expect(severeOn([day('2025-12-31', 8)], 8, SEVERE, '2026-01-01')).toEqual(TWO_DAYS);
  });

  it('a backdated report is judged on the day it describes: 01-15 next to 01-14 flags; next to 03-27 (the entry day) does not', () => {
    expect(severeOn([day('2026-01-14', 9)], 9, SEVERE, '2026-01-15')).toEqual(TWO_DAYS);
    expect(severeOn([day('2026-01-16', 9)], 9, SEVERE, '2026-01-15')).toEqual(TWO_DAYS);
    expect(severeOn([day('2026-03-26', 9), day('2026-03-28', 9)], 9, SEVERE, '2026-01-15')).toBeNull();
  });

  it('with ticked warning signs: the flag is added after them and the tier is the highest', () => {
    const withSevere = (symptoms: string[]) => triageReport(report(symptoms, 9), [day('2026-03-09', 8)], SEVERE);
    expect(withSevere(['leg-numbness'])).toEqual({ tier: 'same-day', flags: ['leg-numbness', 'severe-pain-two-days'] });
    expect(withSevere(['bladder-bowel'])).toEqual({ tier: 'emergency', flags: ['bladder-bowel', 'severe-pain-two-days'] });
    expect(withSevere(['sleep-disturbed'])).toEqual({ tier: 'review', flags: ['sleep-disturbed', 'severe-pain-two-days'] });
    expect(withSevere(['stiffness'])).toEqual(TWO_DAYS);
  });
});

describe('safetyStep', () => {
  const triage = (tier: RedFlagTier, flags: string[]): Triage => ({ tier, flags });
  const open = (tier: RedFlagTier, flags: string[]): OpenSafetyAlert => ({ tier, flags });

  it('no open alert: opens one at the report tier with its flags (a copy)', () => {
    const t = triage('same-day', ['leg-numbness']);
    const step = safetyStep(null, t);
    expect(step).toEqual({ kind: 'open', tier: 'same-day', flags: ['leg-numbness'] });
    expect(step.flags).not.toBe(t.flags);
    expect(safetyStep(null, triage('review', ['sleep-disturbed']))).toEqual({ kind: 'open', tier: 'review', flags: ['sleep-disturbed'] });
    expect(safetyStep(null, triage('emergency', ['saddle-numbness']))).toEqual({ kind: 'open', tier: 'emergency', flags: ['saddle-numbness'] });
  });

  it.each([
    {
      name: 'same-day open + an emergency report: raise from same-day, union of flags, the new one listed',
      current: open('same-day', ['leg-numbness']),
      next: triage('emergency', ['leg-numbness', 'saddle-numbness']),
      step: { kind: 'raise', tier: 'emergency', from: 'same-day', flags: ['leg-numbness', 'saddle-numbness'], newFlags: ['saddle-numbness'] },
    },
    {
      name: 'review open + a same-day report that does not repeat the old flag: raise, the old flag kept',
      current: open('review', ['sleep-disturbed']),
      next: triage('same-day', ['leg-weakness']),
      step: { kind: 'raise', tier: 'same-day', from: 'review', flags: ['sleep-disturbed', 'leg-weakness'], newFlags: ['leg-weakness'] },
    },
    {
      name: 'emergency open + a same-day report: add; the tier stays emergency, flags are the union',
      current: open('emergency', ['bladder-bowel']),
      next: triage('same-day', ['leg-numbness']),
      step: { kind: 'add', tier: 'emergency', flags: ['bladder-bowel', 'leg-numbness'], newFlags: ['leg-numbness'] },
    },
    {
      name: 'emergency open + a review report: add, tier stays emergency',
      current: open('emergency', ['saddle-numbness', 'leg-numbness']),
      next: triage('review', ['severe-pain-two-days']),
      step: { kind: 'add', tier: 'emergency', flags: ['saddle-numbness', 'leg-numbness', 'severe-pain-two-days'], newFlags: ['severe-pain-two-days'] },
    },
  ])('$name', ({ current, next, step }) => {
    expect(safetyStep(current, next)).toEqual(step);
  });

  it('the same flags again: add with no new flags; a new flag at the same tier: add with it', () => {
    expect(safetyStep(open('same-day', ['leg-numbness']), triage('same-day', ['leg-numbness']))).toEqual({
      kind: 'add',
      tier: 'same-day',
      flags: ['leg-numbness'],
      newFlags: [],
    });
    expect(safetyStep(open('same-day', ['leg-numbness']), triage('same-day', ['leg-weakness']))).toEqual({
      kind: 'add',
      tier: 'same-day',
      flags: ['leg-numbness', 'leg-weakness'],
      newFlags: ['leg-weakness'],
    });
  });

  it('an open alert never loses a flag or drops a tier, and is not changed itself', () => {
    const samples: Triage[] = [
      triage('review', ['sleep-disturbed']),
      triage('review', ['severe-pain-two-days']),
      triage('same-day', ['leg-numbness']),
      triage('same-day', ['sleep-disturbed', 'leg-weakness']),
      triage('emergency', ['both-legs']),
      triage('emergency', ['leg-numbness', 'saddle-numbness']),
    ];
    for (const before of samples) {
      for (const next of samples) {
        const current = open(before.tier, [...before.flags]);
        const step = safetyStep(current, next);
        const label = `${before.flags} then ${next.flags}`;
        expect(step.kind, label).not.toBe('open');
        for (const flag of [...before.flags, ...next.flags]) expect(step.flags, label).toContain(flag);
        expect(new Set(step.flags).size, label).toBe(step.flags.length);
        expect(TIER_RANK[step.tier], label).toBe(Math.max(TIER_RANK[before.tier], TIER_RANK[next.tier]));
        expect(step.kind, label).toBe(TIER_RANK[next.tier] > TIER_RANK[before.tier] ? 'raise' : 'add');
        expect(current, label).toEqual(open(before.tier, before.flags));
      }
    }
  });
});

describe('stepNotifies', () => {
  it('opening or raising to emergency or same-day tells someone now', () => {
    expect(stepNotifies({ kind: 'open', tier: 'emergency', flags: ['saddle-numbness'] })).toBe(true);
    expect(stepNotifies({ kind: 'open', tier: 'same-day', flags: ['leg-numbness'] })).toBe(true);
    expect(stepNotifies({ kind: 'raise', tier: 'emergency', from: 'same-day', flags: ['leg-numbness', 'both-legs'], newFlags: ['both-legs'] })).toBe(true);
    expect(stepNotifies({ kind: 'raise', tier: 'same-day', from: 'review', flags: ['sleep-disturbed', 'leg-weakness'], newFlags: ['leg-weakness'] })).toBe(true);
  });

  it('review waits on the dashboard', () => {
    expect(stepNotifies({ kind: 'open', tier: 'review', flags: ['sleep-disturbed'] })).toBe(false);
    expect(notifiesAtOnce('review')).toBe(false);
    expect(notifiesAtOnce('same-day')).toBe(true);
    expect(notifiesAtOnce('emergency')).toBe(true);
  });

  it('adding to an open alert tells nobody, even with a new flag on an emergency alert', () => {
    const adds: SafetyStep[] = [
      { kind: 'add', tier: 'emergency', flags: ['bladder-bowel', 'leg-numbness'], newFlags: ['leg-numbness'] },
      { kind: 'add', tier: 'same-day', flags: ['leg-numbness'], newFlags: [] },
      { kind: 'add', tier: 'review', flags: ['sleep-disturbed'], newFlags: [] },
    ];
    for (const step of adds) expect(stepNotifies(step)).toBe(false);
  });

  it('agrees with safetyStep end to end: a repeat same-day report after an open one is silent', () => {
    const first = safetyStep(null, { tier: 'same-day', flags: ['leg-numbness'] });
    expect(stepNotifies(first)).toBe(true);
    expect(stepNotifies(safetyStep({ tier: first.tier, flags: first.flags }, { tier: 'same-day', flags: ['leg-numbness'] }))).toBe(false);
    expect(stepNotifies(safetyStep({ tier: first.tier, flags: first.flags }, { tier: 'emergency', flags: ['saddle-numbness'] }))).toBe(true);
  });
});

describe('escalationDeadline', () => {
  const DEFAULTS: EscalationSettings = { escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1 };
  const at = (iso: string) => new Date(iso);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const sameDay = (from: string, localDay: string, workingDays = 1, timeZone = 'Europe/London') =>
    iso(escalationDeadline(at(from), localDay, 'same-day', { ...DEFAULTS, escalateSameDayWorkingDays: workingDays }, timeZone));

  it('emergency: from + the practice minutes (120 by default, 30 when set), also across midnight', () => {
    expect(iso(escalationDeadline(at('2026-02-06T16:45:00.000Z'), '2026-02-06', 'emergency', DEFAULTS, 'Europe/London'))).toBe('2026-02-06T18:45:00.000Z');
    expect(iso(escalationDeadline(at('2026-02-06T16:45:00.000Z'), '2026-02-06', 'emergency', { ...DEFAULTS, escalateEmergencyMinutes: 30 }, 'Europe/London'))).toBe(
      '2026-02-06T17:15:00.000Z',
    );
    expect(iso(escalationDeadline(at('2026-02-07T23:30:00.000Z'), '2026-02-07', 'emergency', DEFAULTS, 'Europe/London'))).toBe('2026-02-08T01:30:00.000Z');
  });

  it('emergency ignores weekends: Saturday 10:00 escalates Saturday 12:00', () => {
    expect(iso(escalationDeadline(at('2026-02-07T10:00:00.000Z'), '2026-02-07', 'emergency', DEFAULTS, 'Europe/London'))).toBe('2026-02-07T12:00:00.000Z');
  });

  it('review: never', () => {
    expect(escalationDeadline(at('2026-02-02T10:00:00.000Z'), '2026-02-02', 'review', DEFAULTS, 'Europe/London')).toBeNull();
    expect(escalationDeadline(at('2026-02-06T10:00:00.000Z'), '2026-02-06', 'review', { escalateEmergencyMinutes: 1, escalateSameDayWorkingDays: 1 }, 'Europe/London')).toBeNull();
  });

  it('same day, 1 working day: Monday → Tuesday and Thursday → Friday at the same instant of day', () => {
    expect(sameDay('2026-02-02T10:15:00.000Z', '2026-02-02')).toBe('2026-02-03T10:15:00.000Z');
    expect(sameDay('2026-02-05T08:00:00.000Z', '2026-02-05')).toBe('2026-02-06T08:00:00.000Z');
  });

  it('same day, 1 working day: Friday → Monday (+3 days), Saturday → Monday (+2), Sunday → Monday (+1)', () => {
    expect(sameDay('2026-02-06T15:30:00.000Z', '2026-02-06')).toBe('2026-02-09T15:30:00.000Z');
    expect(sameDay('2026-02-07T11:00:00.000Z', '2026-02-07')).toBe('2026-02-09T11:00:00.000Z');
    expect(sameDay('2026-02-08T09:00:00.000Z', '2026-02-08')).toBe('2026-02-09T09:00:00.000Z');
  });

  it('same day, 2 working days: Thursday → Monday (+4), Monday → Wednesday (+2); 3 from Friday → Wednesday (+5)', () => {
    expect(sameDay('2026-02-05T14:00:00.000Z', '2026-02-05', 2)).toBe('2026-02-09T14:00:00.000Z');
    expect(sameDay('2026-02-02T14:00:00.000Z', '2026-02-02', 2)).toBe('2026-02-04T14:00:00.000Z');
    expect(sameDay('2026-02-06T14:00:00.000Z', '2026-02-06', 3)).toBe('2026-02-11T14:00:00.000Z');
  });

  it("counts from the practice's local day, not the UTC day", () => {
    // Sydney (UTC+11 in February): Friday 08:30 local is Thursday 21:30 UTC → Monday 08:30 local.
    const sydneyFriday = at('2026-02-05T21:30:00.000Z');
    expect(localDate(sydneyFriday, 'Australia/Sydney')).toBe('2026-02-06');
    expect(sameDay(sydneyFriday.toISOString(), '2026-02-06', 1, 'Australia/Sydney')).toBe('2026-02-08T21:30:00.000Z');
    // Los Angeles (UTC−8): Friday 17:00 local is Saturday 01:00 UTC → Monday 17:00 local.
    const laFriday = at('2026-02-07T01:00:00.000Z');
    expect(localDate(laFriday, 'America/Los_Angeles')).toBe('2026-02-06');
    expect(sameDay(laFriday.toISOString(), '2026-02-06', 1, 'America/Los_Angeles')).toBe('2026-02-10T01:00:00.000Z');
  });

  // The deadline keeps the practice's local clock time, not 24-hour days, across a clock change.
  it('same day across a clock change keeps the local clock time (London: Fri 27 Mar 15:00 GMT → Mon 30 Mar 15:00 BST)', () => {
    const withZone = escalationDeadline;
    // Clocks go forward on Sunday 29 March 2026: Monday 15:00 BST is 14:00 UTC.
    expect(iso(withZone(at('2026-03-27T15:00:00.000Z'), '2026-03-27', 'same-day', DEFAULTS, 'Europe/London'))).toBe('2026-03-30T14:00:00.000Z');
    // Clocks go back on Sunday 25 October 2026: Friday 15:00 BST (14:00 UTC) → Monday 15:00 GMT (15:00 UTC).
    expect(iso(withZone(at('2026-10-23T14:00:00.000Z'), '2026-10-23', 'same-day', DEFAULTS, 'Europe/London'))).toBe('2026-10-26T15:00:00.000Z');
  });
});
