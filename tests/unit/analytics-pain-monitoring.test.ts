import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyPain, painTrend } from '@/lib/analytics/pain';
import { addDays } from '@/lib/dates';
import {
  checkInOpen,
  DEFAULT_PAIN_MONITORING,
  loadNotTolerated,
  painMonitoring,
  weeklyPainRise,
  type MonitoredSession,
} from '@/lib/analytics/pain-monitoring';

const run = (date: string, painDuring: number | null, morningAfter: MonitoredSession['morningAfter'] = null): MonitoredSession => ({ date, activity: 'run', painDuring, morningAfter });

describe('weeklyPainRise', () => {
  it('compares the mean daily pain of the 7 days ending on the day with the 7 days before', () => {
    // Last week (1–7 Mar): 3 on 2 Mar, 5 on 5 Mar → (3 + 5) / 2 = 4.
    // This week (8–14 Mar): 4 and 6 on 10 Mar (the day counts its highest, 6), 5 on 14 Mar → (6 + 5) / 2 = 5.5.
    // Rise = 5.5 − 4 = 1.5. The report of 15 Mar is after the day and is not counted.
    const pain = [
      { date: '2026-03-02', score: 3 }, { date: '2026-03-05', score: 5 },
      { date: '2026-03-10', score: 4 }, { date: '2026-03-10', score: 6 }, { date: '2026-03-14', score: 5 },
      { date: '2026-03-15', score: 9 },
    ];
    expect(weeklyPainRise(pain, '2026-03-14')).toEqual({ thisWeek: 5.5, lastWeek: 4, rise: 1.5 });
  });

  it('has no rise unless both weeks have a report', () => {
    expect(weeklyPainRise([{ date: '2026-03-10', score: 4 }], '2026-03-14')).toEqual({ thisWeek: 4, lastWeek: null, rise: null });
  });
});

describe('judging many sessions against one index of daily pain', () => {
  // Random reports over 60 days (several a day, some on days without others), a random day
  // and a session: the verdict from the reports, from dailyPain(reports) built once, and the
  // week means read off painTrend (the definition the chart uses) all agree. Week means are
  // read by day number and painTrend by date string: the spans cross a year's end and a leap day.
  it.each(['2026-01-01', '2027-12-10', '2028-02-01'])('gives the same weekly rise and verdict either way (60 days from %s)', (start) => {
    const day = fc.integer({ min: 0, max: 59 }).map((n) => addDays(start, n));
    const reports = fc.array(fc.record({ date: day, score: fc.integer({ min: 0, max: 10 }) }), { maxLength: 80 });
    fc.assert(
      fc.property(reports, day, fc.option(fc.integer({ min: 0, max: 10 })), fc.constantFrom('better', 'usual', 'worse', null), (pain, on, during, morning) => {
        const daily = dailyPain(pain);
        const points = painTrend(pain, addDays(on, -7), on);
        const rise = weeklyPainRise(pain, on);
        expect(rise).toEqual(weeklyPainRise(daily, on));
        expect(rise.thisWeek).toBe(points.at(-1)!.rolling);
        expect(rise.lastWeek).toBe(points[0]!.rolling);
        const session: MonitoredSession = { date: on, activity: 'run', painDuring: during, morningAfter: morning as MonitoredSession['morningAfter'] };
        expect(painMonitoring(session, pain, '2026-03-15')).toEqual(painMonitoring(session, daily, '2026-03-15'));
        expect(loadNotTolerated([session], pain, on)).toEqual(loadNotTolerated([session], daily, on));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });
});

describe('painMonitoring', () => {
  const today = '2026-03-16';

  it('is acceptable with pain during at the limit, a settled morning and no weekly rise', () => {
    // 5/10 is within "5 or less"; morning same as usual; no pain reports → no rise.
    expect(painMonitoring(run('2026-03-14', 5, 'usual'), [], today)).toEqual({ verdict: 'acceptable', reasons: [], weeklyPain: { thisWeek: null, lastWeek: null, rise: null } });
    expect(painMonitoring(run('2026-03-14', 0, 'better'), [], today).verdict).toBe('acceptable');
  });

  it('is too much with pain during above the limit, even before the morning check-in', () => {
    // 6 > 5: the verdict is known the moment the session is logged.
    expect(painMonitoring(run('2026-03-16', 6), [], today)).toMatchObject({ verdict: 'too-much', reasons: ['pain-during-high'] });
  });

  it('is too much when the next morning is worse than usual, whatever the pain during', () => {
    expect(painMonitoring(run('2026-03-14', 2, 'worse'), [], today)).toMatchObject({ verdict: 'too-much', reasons: ['worse-next-morning'] });
  });

  it('is too much when the week rises by the set points, and names every reason', () => {
    // Last week 2 (one report), this week 3 (one report): rise 1.0 ≥ 1 point.
    const pain = [{ date: '2026-03-05', score: 2 }, { date: '2026-03-12', score: 3 }];
    expect(painMonitoring(run('2026-03-14', 7, 'worse'), pain, today)).toMatchObject({ verdict: 'too-much', reasons: ['pain-during-high', 'worse-next-morning', 'weekly-rise'] });
    // A rise of 0.5 (2 → 2.5, the days 3 and 2 averaged) stays under 1 point.
    const smallRise = [{ date: '2026-03-05', score: 2 }, { date: '2026-03-12', score: 3 }, { date: '2026-03-13', score: 2 }];
    expect(painMonitoring(run('2026-03-14', 3, 'usual'), smallRise, today).verdict).toBe('acceptable');
  });

  it('uses the practice limits', () => {
    const strict = { painDuringMax: 3, weeklyRisePoints: 2 };
    expect(painMonitoring(run('2026-03-14', 4, 'usual'), [], today, strict).verdict).toBe('too-much');
    // Rise 1.0 is under a 2-point setting.
    const pain = [{ date: '2026-03-05', score: 2 }, { date: '2026-03-12', score: 3 }];
    expect(painMonitoring(run('2026-03-14', 3, 'usual'), pain, today, strict).verdict).toBe('acceptable');
  });

  it('is unknown while something the rule needs is missing', () => {
    // Session yesterday, no check-in yet: still open (day + 1, day + 2).
    expect(painMonitoring(run('2026-03-15', 3), [], today)).toMatchObject({ verdict: 'unknown', reasons: ['morning-pending'] });
    // Three days ago: the check-in was missed.
    expect(painMonitoring(run('2026-03-13', 3), [], today)).toMatchObject({ verdict: 'unknown', reasons: ['morning-missed'] });
    expect(painMonitoring(run('2026-03-13', null, 'usual'), [], today)).toMatchObject({ verdict: 'unknown', reasons: ['pain-during-missing'] });
  });

  it('does not ask the morning question after a walk or a ride', () => {
    expect(painMonitoring({ date: '2026-03-15', activity: 'walk', painDuring: 2, morningAfter: null }, [], today).verdict).toBe('acceptable');
  });
});

describe('checkInOpen', () => {
  it('is open on the two days after the session only', () => {
    expect(checkInOpen('2026-03-14', '2026-03-14')).toBe(false);
    expect(checkInOpen('2026-03-14', '2026-03-15')).toBe(true);
    expect(checkInOpen('2026-03-14', '2026-03-16')).toBe(true);
    expect(checkInOpen('2026-03-14', '2026-03-17')).toBe(false);
  });
});

describe('loadNotTolerated', () => {
  it('applies with two sessions too much in the 7 days ending on the day', () => {
    // 10 Mar (pain 6 during) and 16 Mar (worse next morning) are 6 days apart: both in 10–16 Mar.
    const sessions = [run('2026-03-10', 6, 'usual'), run('2026-03-12', 3, 'usual'), run('2026-03-16', 2, 'worse')];
    const result = loadNotTolerated(sessions, [], '2026-03-16');
    expect(result?.map((r) => r.session.date)).toEqual(['2026-03-10', '2026-03-16']);
    // A day later 10 Mar has left the window: one session too much is not enough.
    expect(loadNotTolerated(sessions, [], '2026-03-17')).toBeNull();
  });

  it('does not apply to one session too much, or to unknown ones', () => {
    expect(loadNotTolerated([run('2026-03-15', 8), run('2026-03-16', null)], [], '2026-03-16', DEFAULT_PAIN_MONITORING)).toBeNull();
  });
});
