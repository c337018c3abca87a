import { describe, expect, it } from 'vitest';
import { adherence, MIN_ADHERENCE_DAYS, programItemSpan, type AdherenceCompletion, type AdherenceItem } from '@/lib/analytics/adherence';
import { patientAlerts, alertAdherence, type AlertInput } from '@/lib/analytics/alerts';
import { dateRange } from '@/lib/dates';

// The window of every fixture: 14 days, 2026-03-15 .. 2026-03-28 (the alert's window on 03-28).
const FROM = '2026-03-15';
const TO = '2026-03-28';
const item = (id: string, sessionsPerWeek: number, from = '2026-03-01', to: string | null = null): AdherenceItem => ({ id, sessionsPerWeek, from, to });
const ticks = (itemId: string, ...dates: string[]): AdherenceCompletion[] => dates.map((date) => ({ itemId, date }));

describe('adherence: per exercise, capped, averaged', () => {
  it('a stretch ticked daily does not hide a skipped strength exercise: 50%, not the pooled 78%', () => {
    // Stretch 7/week × 14 days / 7 = 14 doses, 14 ticked → 14/14 = 1.
    // Strength 2/week × 14 / 7 = 4 doses, 0 ticked → 0/4 = 0.
    // Per exercise: (1 + 0) / 2 = 50%. Pooled (the old formula) would say 14 / 18 = 77.8%.
    const result = adherence([item('stretch', 7), item('strength', 2)], ticks('stretch', ...dateRange(FROM, TO)), FROM, TO);
    expect(result.pct).toBeCloseTo(50, 9);
    expect(result.days).toBe(14);
    expect(result.completed).toBe(14);
    expect(result.prescribed).toBe(18);
    expect(result.perItem.map((i) => [i.id, i.prescribed, i.done, i.ratio])).toEqual([
      ['stretch', 14, 14, 1],
      ['strength', 4, 0, 0],
    ]);
  });

  it('an item added or removed mid-window counts only its days', () => {
    // A, 7/week all 14 days: 14 doses, 7 ticked → 0.5.
    // B, 7/week added 03-22: 03-22..03-28 = 7 days → 7 doses, 7 ticked → 1.
    // C, 7/week, last prescribed 03-18: 03-15..03-18 = 4 days → 4 doses; 2 ticked on those
    //   days → 0.5 (its tick on 03-20, after it was removed, does not count).
    // Mean (0.5 + 1 + 0.5) / 3 = 66.67%; completed 7 + 7 + 2 = 16 of 14 + 7 + 4 = 25 doses.
    const items = [item('A', 7), item('B', 7, '2026-03-22'), item('C', 7, '2026-03-01', '2026-03-18')];
    const done = [
      ...ticks('A', ...dateRange('2026-03-15', '2026-03-21')),
      ...ticks('B', ...dateRange('2026-03-22', '2026-03-28')),
      ...ticks('C', '2026-03-15', '2026-03-16', '2026-03-20'),
    ];
    const result = adherence(items, done, FROM, TO);
    expect(result.perItem.map((i) => [i.id, i.days, i.prescribed, i.counted])).toEqual([
      ['A', 14, 14, 7],
      ['B', 7, 7, 7],
      ['C', 4, 4, 2],
    ]);
    expect(result.pct).toBeCloseTo(200 / 3, 9);
    expect(result.completed).toBe(16);
    expect(result.prescribed).toBe(25);
  });

  it('caps each exercise at its prescription: ticking one daily does not make up for another', () => {
    // X 3/week → 6 doses; ticked all 14 days → counted 6 → 1 (not 14/6 = 233%).
    // Y 3/week → 6 doses; 3 ticked → 0.5.  Mean (1 + 0.5) / 2 = 75% (uncapped pooled: 17/12 = 142%).
    const result = adherence([item('X', 3), item('Y', 3)], [...ticks('X', ...dateRange(FROM, TO)), ...ticks('Y', '2026-03-16', '2026-03-20', '2026-03-24')], FROM, TO);
    expect(result.pct).toBeCloseTo(75, 9);
    expect(result.perItem.map((i) => [i.done, i.counted])).toEqual([[14, 6], [3, 3]]);
    expect(result.completed).toBe(9);
  });

  it('counts ticks given as per-day counts (n)', () => {
    // Twice a day (14/week) over 7 days (03-22..03-28): 14 doses; 2 + 2 + 1 = 5 ticked → 35.7%.
    const result = adherence([item('Z', 14, '2026-03-22')], [{ itemId: 'Z', date: '2026-03-22', n: 2 }, { itemId: 'Z', date: '2026-03-23', n: 2 }, { itemId: 'Z', date: '2026-03-24' }], FROM, TO);
    expect(result.pct).toBeCloseTo((5 / 14) * 100, 9);
  });

  it(`too early: fewer than ${MIN_ADHERENCE_DAYS} prescribed days, or nothing prescribed, is null — never 0%`, () => {
    expect(MIN_ADHERENCE_DAYS).toBe(7);
    // Program from 03-23: 03-23..03-28 = 6 days → null, even with nothing ticked.
    expect(adherence([item('A', 7, '2026-03-23')], [], FROM, TO)).toMatchObject({ pct: null, days: 6 });
    // From 03-22: 7 days → 7 doses, 0 ticked → 0%, a real number now.
    expect(adherence([item('A', 7, '2026-03-22')], [], FROM, TO)).toMatchObject({ pct: 0, days: 7 });
    // Created today (03-28): 1 day.
    expect(adherence([item('A', 7, TO)], [], FROM, TO).pct).toBeNull();
    // Nothing prescribed, or an item whose program starts after the window.
    expect(adherence([], ticks('A', TO), FROM, TO)).toMatchObject({ pct: null, days: 0, completed: 0, prescribed: 0, perItem: [] });
    expect(adherence([item('A', 7, '2026-04-01')], [], FROM, TO).pct).toBeNull();
  });

  it('counts prescribed days as the union of the items: 3 + 3 days apart is 6 days (too early), overlapping ones once', () => {
    // A 03-15..03-17 (3 days), B 03-20..03-22 (3 days): 6 days with anything prescribed → null.
    expect(adherence([item('A', 7, '2026-03-01', '2026-03-17'), item('B', 7, '2026-03-20', '2026-03-22')], [], FROM, TO)).toMatchObject({ pct: null, days: 6 });
    // A 03-15..03-20 (6 days), B 03-18..03-24 (7 days): union 03-15..03-24 = 10 days.
    expect(adherence([item('A', 7, '2026-03-01', '2026-03-20'), item('B', 7, '2026-03-18', '2026-03-24')], [], FROM, TO).days).toBe(10);
  });

  it('prorates a fractional prescription: 5/week over 10 days = 7.14 doses; 2 ticked = 28%', () => {
    const result = adherence([item('A', 5, '2026-03-19')], ticks('A', '2026-03-20', '2026-03-21'), FROM, TO);
    expect(result.prescribed).toBeCloseTo(50 / 7, 12);
    expect(result.pct).toBeCloseTo(28, 9);
  });
});

describe('programItemSpan', () => {
  it('an item saved with the program counts from the program start (even a backdated one)', () => {
    expect(programItemSpan({ programStart: '2026-02-15', programEnd: null, addedOn: null, removedOn: null })).toEqual({ from: '2026-02-15', to: null });
  });
  it('an item added later counts from the day it was added, not before the program starts', () => {
    expect(programItemSpan({ programStart: '2026-02-15', programEnd: null, addedOn: '2026-03-20', removedOn: null })).toEqual({ from: '2026-03-20', to: null });
    expect(programItemSpan({ programStart: '2026-04-01', programEnd: null, addedOn: '2026-03-20', removedOn: null })).toEqual({ from: '2026-04-01', to: null });
  });
  it('a removed item counts up to the day before its removal, and never past the program end', () => {
    expect(programItemSpan({ programStart: '2026-02-15', programEnd: null, addedOn: null, removedOn: '2026-03-19' })).toEqual({ from: '2026-02-15', to: '2026-03-18' });
    expect(programItemSpan({ programStart: '2026-02-15', programEnd: '2026-03-10', addedOn: null, removedOn: '2026-03-19' })).toEqual({ from: '2026-02-15', to: '2026-03-10' });
    // Added and removed the same day: no days at all.
    const span = programItemSpan({ programStart: '2026-02-15', programEnd: null, addedOn: '2026-03-19', removedOn: '2026-03-19' });
    expect(adherence([{ id: 'A', sessionsPerWeek: 7, ...span }], [], FROM, TO).perItem).toEqual([]);
  });
});

describe('the low-adherence alert uses the same function', () => {
  const quiet = (overrides: Partial<AlertInput>): AlertInput => ({
    pain: [{ date: TO, score: 2 }], sessions: [{ date: TO, durationMin: 30, rpe: 3, activity: 'run' }], completions: [], prescribedPerWeek: 0, programStart: null, baselineDate: null, ...overrides,
  });

  it('fires at 35.7% per exercise where the pooled figure was exactly 50% (no alert)', () => {
    // Stretch 7/week: 14 doses, 10 ticked → 10/14. Strength 3/week: 6 doses, 0 ticked → 0.
    // Mean (0.714 + 0) / 2 = 35.7% < 50%. Pooled: 10 / 20 = 50%, not below the line.
    const items = [{ ...item('stretch', 7), title: 'Cat-cow' }, { ...item('strength', 3), title: 'Bird dog' }];
    const input = quiet({ prescribedPerWeek: 10, programStart: '2026-03-01', adherence: { items, completions: ticks('stretch', ...dateRange('2026-03-15', '2026-03-24')) } });
    const [alert] = patientAlerts(input, TO);
    expect(alert?.kind).toBe('low-adherence');
    expect(alert?.message).toBe('Adherence 36% over 14 days (10 of 20 doses; least done: Bird dog, 0 of 6)');
    const evidence = alert?.kind === 'low-adherence' ? alert.evidence : null;
    expect(evidence?.adherencePct).toBeCloseTo((10 / 14 / 2) * 100, 9);
    expect(evidence?.adherencePct).toBe(alertAdherence(input, TO).pct);
    // The same ticks without per-item data (one pooled item): exactly 50%, no alert.
    expect(patientAlerts({ ...input, adherence: undefined, completions: ticks('x', ...dateRange('2026-03-15', '2026-03-24')).map((c) => ({ date: c.date })) }, TO)).toEqual([]);
  });

  it('says nothing for a program created today (too early), rather than 0%', () => {
    const input = quiet({ prescribedPerWeek: 7, programStart: TO, adherence: { items: [item('A', 7, TO)], completions: [] } });
    expect(alertAdherence(input, TO).pct).toBeNull();
    expect(patientAlerts(input, TO)).toEqual([]);
  });
});
