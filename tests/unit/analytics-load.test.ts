// Training-load analytics against hand-computed fixtures. Load = minutes × RPE (AU).
import { describe, expect, it } from 'vitest';
import {
  dailyLoads,
  distanceChangeLevel,
  LOAD_HISTORY_DAYS,
  loadHistoryStart,
  type LoadMetrics,
  loadMetrics,
  metricsSeries,
  type Session,
  weeklyLoadChanges,
  weeklyLoads,
  windowedLoadMetrics,
  windowedLoadMetricsOn,
} from '@/lib/analytics/load';
import { addDays, localDate } from '@/lib/dates';
import { everyDay, session } from '../helpers/training';

const run = (date: string, km: number | null, durationMin = 30, rpe = 5): Session =>
  session(date, durationMin, rpe, { activity: 'run', distanceKm: km });

/** Deterministic pseudo-random numbers (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSessions(seed: number, from: string, days: number, count: number): Session[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => ({
    date: addDays(from, Math.floor(rand() * days)),
    durationMin: Math.round(rand() * 120 * 10) / 10,
    rpe: Math.floor(rand() * 11),
    activity: rand() < 0.5 ? 'run' : 'cycle',
    distanceKm: rand() < 0.2 ? null : Math.round(rand() * 250) / 10,
  }));
}

const expectFiniteOrNull = (metrics: LoadMetrics) => {
  for (const [key, value] of Object.entries(metrics)) {
    expect(value === null || Number.isFinite(value), `${key} = ${value}`).toBe(true);
  }
};

describe('dailyLoads', () => {
  it('gives one row per day: 03-01 = 40×5 + 20×3 = 260 (two sessions), 03-02 = 0 (gap), 03-03 = 30×4 = 120', () => {
    const sessions = [
      session('2026-03-03', 30, 4),
      session('2026-03-04', 90, 9), // after `to`
      session('2026-03-01', 40, 5),
      session('2026-02-28', 90, 9), // before `from`
      session('2026-03-01', 20, 3),
    ];
    expect(dailyLoads(sessions, '2026-03-01', '2026-03-03')).toEqual([
      { date: '2026-03-01', load: 260 },
      { date: '2026-03-02', load: 0 },
      { date: '2026-03-03', load: 120 },
    ]);
  });

  it('is empty when `to` is before `from`', () => {
    expect(dailyLoads([session('2026-03-01', 40, 5)], '2026-03-02', '2026-03-01')).toEqual([]);
  });
});

describe('loadMetrics: acute, chronic and rolling ACWR', () => {
  it('no sessions: loads 0, every ratio, EWMA, monotony (SD 0) and distance change null', () => {
    expect(loadMetrics([], '2026-03-10')).toEqual({
      acute: 0,
      chronic: 0,
      acwr: null,
      ewmaAcute: null,
      ewmaChronic: null,
      ewmaAcwr: null,
      monotony: null,
      strain: null,
      weeklyDistanceKm: 0,
      weeklyDistanceChangePct: null,
    });
  });

  it('one session of 40 min × RPE 5 = 200: acute 200, chronic 200/4 = 50, EWMA seeded at 200, ratios null (0 days of history)', () => {
    const m = loadMetrics([session('2026-03-10', 40, 5)], '2026-03-10');
    expect(m.acute).toBe(200);
    expect(m.chronic).toBe(50);
    expect(m.acwr).toBeNull();
    expect(m.ewmaAcute).toBe(200);
    expect(m.ewmaChronic).toBe(200);
    expect(m.ewmaAcwr).toBeNull();
    // One non-zero day x in seven: mean x/7, population SD x√6/7, so monotony = 1/√6.
    expect(m.monotony).toBeCloseTo(1 / Math.sqrt(6), 12);
    expect(m.strain).toBeCloseTo(200 / Math.sqrt(6), 10);
  });

  describe('with gaps, two sessions on a day, unsorted input and a session after asOf (asOf 2026-03-28)', () => {
    const sessions = [
      session('2026-03-26', 40, 5), // 200
      session('2026-03-29', 90, 9), // after asOf: ignored
      session('2026-02-28', 100, 10), // 1000, first session, outside the 28 days 03-01..03-28
      session('2026-03-28', 20, 5), // 100
      session('2026-03-10', 30, 4), // 120
      session('2026-03-22', 40, 5), // 200, first day of the acute week 03-22..03-28
      session('2026-03-01', 60, 6), // 360, first day of the chronic window
      session('2026-03-28', 20, 5), // 100: 03-28 = 200
    ];

    it('acute = 200 (03-22) + 200 (03-26) + 200 (03-28) = 600; chronic = (360 + 120 + 600) / 4 = 270; acwr = 600/270', () => {
      const m = loadMetrics(sessions, '2026-03-28');
      expect(m.acute).toBe(600);
      expect(m.chronic).toBe(270);
      // History: 02-28 to 03-28 is 28 days (2026 is not a leap year) >= 21.
      expect(m.acwr).toBeCloseTo(600 / 270, 12);
    });

    it('gives the same answer for reversed input and without the session after asOf', () => {
      const expected = loadMetrics(sessions, '2026-03-28');
      expect(loadMetrics([...sessions].reverse(), '2026-03-28')).toEqual(expected);
      expect(loadMetrics(sessions.filter((s) => s.date <= '2026-03-28'), '2026-03-28')).toEqual(expected);
    });
  });

  describe('history rule: ratios need asOf at least 21 days after the first session (daily 30 min × RPE 4 = 120 from 03-01)', () => {
    const sessions = everyDay('2026-03-01', '2026-03-31', 30, 4);

    it('03-21 is 20 days after 03-01: acute 7×120 = 840 and chronic 21×120/4 = 630 are given, both ratios null', () => {
      const m = loadMetrics(sessions, '2026-03-21');
      expect(m.acute).toBe(840);
      expect(m.chronic).toBe(630);
      expect(m.acwr).toBeNull();
      expect(m.ewmaAcwr).toBeNull();
    });

    it('03-22 is day 21: acwr = 840 / (22×120/4 = 660) = 14/11; EWMA of a constant 120 stays 120, ratio 1', () => {
      const m = loadMetrics(sessions, '2026-03-22');
      expect(m.acute).toBe(840);
      expect(m.chronic).toBe(660);
      expect(m.acwr).toBeCloseTo(14 / 11, 12);
      expect(m.ewmaAcute).toBeCloseTo(120, 9);
      expect(m.ewmaChronic).toBeCloseTo(120, 9);
      expect(m.ewmaAcwr).toBeCloseTo(1, 9);
    });
  });

  it('ratios are null when the chronic load is 0 even with enough history (every session at RPE 0)', () => {
    const m = loadMetrics(everyDay('2026-02-01', '2026-03-28', 45, 0), '2026-03-28');
    expect(m.chronic).toBe(0);
    expect(m.acwr).toBeNull();
    expect(m.ewmaChronic).toBe(0);
    expect(m.ewmaAcwr).toBeNull();
  });
});

describe('EWMA (Williams 2017)', () => {
  // λ acute = 2/8 = 0.25, λ chronic = 2/29. Day 1 = 20×5 = 100, day 2 = 0, day 3 = 30×5 + 20×7 = 290.
  const sessions = [session('2026-03-03', 20, 7), session('2026-03-01', 20, 5), session('2026-03-03', 30, 5)];

  it('day 1 seeds both at the first day load: E = 100', () => {
    const m = loadMetrics(sessions, '2026-03-01');
    expect(m.ewmaAcute).toBe(100);
    expect(m.ewmaChronic).toBe(100);
  });

  it('day 2: acute 0.25×0 + 0.75×100 = 75; chronic (27/29)×100', () => {
    const m = loadMetrics(sessions, '2026-03-02');
    expect(m.ewmaAcute).toBeCloseTo(75, 12);
    expect(m.ewmaChronic).toBeCloseTo(2700 / 29, 12);
  });

  it('day 3: acute 0.25×290 + 0.75×75 = 128.75; chronic (2/29)×290 + (27/29)×(2700/29) = 20 + 72900/841', () => {
    const m = loadMetrics(sessions, '2026-03-03');
    expect(m.ewmaAcute).toBeCloseTo(128.75, 12);
    expect(m.ewmaChronic).toBeCloseTo(20 + 72900 / 841, 12);
    expect(m.ewmaAcwr).toBeNull(); // 2 days of history
  });

  it('is null before the first session and carries on through days without sessions after it', () => {
    expect(loadMetrics(sessions, '2026-02-28').ewmaAcute).toBeNull();
    // Two empty days after day 3: 128.75 × 0.75² = 72.421875.
    expect(loadMetrics(sessions, '2026-03-05').ewmaAcute).toBeCloseTo(72.421875, 12);
  });
});

describe('monotony and strain', () => {
  it('loads 100..700 (10..70 min × RPE 10): mean 400, population SD 200, monotony 2, strain 2800 × 2 = 5600', () => {
    const sessions = [1, 2, 3, 4, 5, 6, 7].map((k) => session(addDays('2026-03-21', k), 10 * k, 10));
    const m = loadMetrics(sessions, '2026-03-28');
    expect(m.acute).toBe(2800);
    expect(m.monotony).toBeCloseTo(2, 12);
    expect(m.strain).toBeCloseTo(5600, 9);
  });

  it('a week of identical loads has SD 0: monotony and strain null', () => {
    const m = loadMetrics(everyDay('2026-03-22', '2026-03-28', 45, 6.5), '2026-03-28');
    expect(m.acute).toBe(7 * 292.5);
    expect(m.monotony).toBeNull();
    expect(m.strain).toBeNull();
  });
});

describe('weekly running distance (asOf 2026-03-28)', () => {
  it('this week 10 + 12 = 22 km (runs only), last week 8 + 8 = 16 km: change (22 − 16)/16 × 100 = 37.5%', () => {
    const sessions = [
      run('2026-03-22', 10),
      run('2026-03-27', 12),
      run('2026-03-28', null), // a run without distance adds nothing
      session('2026-03-25', 90, 5, { activity: 'cycle', distanceKm: 40 }), // not a run
      run('2026-03-15', 8),
      run('2026-03-21', 8),
      run('2026-03-14', 50), // two weeks back: in neither week
      run('2026-03-29', 30), // after asOf
    ];
    const m = loadMetrics(sessions, '2026-03-28');
    expect(m.weeklyDistanceKm).toBe(22);
    expect(m.weeklyDistanceChangePct).toBe(37.5);
  });

  it('change is null when the previous week has no running, −100% when this week has none', () => {
    expect(loadMetrics([run('2026-03-28', 10)], '2026-03-28').weeklyDistanceChangePct).toBeNull();
    expect(loadMetrics([run('2026-03-20', 10)], '2026-03-28').weeklyDistanceChangePct).toBe(-100);
  });

  it('13 km after 10 km is exactly 30%', () => {
    expect(loadMetrics([run('2026-03-20', 10), run('2026-03-28', 13)], '2026-03-28').weeklyDistanceChangePct).toBe(30);
  });
});

describe('zones', () => {
  it.each([
    [-50, 'ok'],
    [10, 'ok'],
    [10.1, 'amber'],
    [30, 'amber'],
    [30.1, 'red'],
    [null, null],
  ] as const)('distanceChangeLevel(%s) = %s', (pct, level) => {
    expect(distanceChangeLevel(pct)).toBe(level);
  });

  it('uses the practice’s alert level for red (the distance-spike alert’s), amber above 10%', () => {
    expect(distanceChangeLevel(45, 50)).toBe('amber');
    expect(distanceChangeLevel(50.1, 50)).toBe('red');
    expect(distanceChangeLevel(10.1, 50)).toBe('amber');
  });
});

describe('weeklyLoads', () => {
  const sessions = [
    session('2026-02-28', 100, 10), // before the first week
    run('2026-03-01', 5, 40, 5), // 200 AU, 5 km
    session('2026-03-08', 60, 6), // 360 AU
    run('2026-03-15', 6, 30, 4), // 120 AU
    run('2026-03-21', 10, 60, 5), // 300 AU
  ];

  it('03-01..03-28 gives four full weeks ending 03-07, 03-14, 03-21, 03-28 (03-15..03-21: 120 + 300 = 420 AU, 16 km)', () => {
    expect(weeklyLoads(sessions, '2026-03-01', '2026-03-28')).toEqual([
      { weekEnd: '2026-03-07', load: 200, distanceKm: 5 },
      { weekEnd: '2026-03-14', load: 360, distanceKm: 0 },
      { weekEnd: '2026-03-21', load: 420, distanceKm: 16 },
      { weekEnd: '2026-03-28', load: 0, distanceKm: 0 },
    ]);
  });

  it('the oldest bucket is a full week even when `from` falls inside it', () => {
    const weeks = weeklyLoads(sessions, '2026-03-02', '2026-03-28');
    expect(weeks).toHaveLength(4);
    expect(weeks[0]).toEqual({ weekEnd: '2026-03-07', load: 200, distanceKm: 5 });
    expect(weeklyLoads(sessions, '2026-03-23', '2026-03-28').map((w) => w.weekEnd)).toEqual(['2026-03-28']);
    expect(weeklyLoads(sessions, '2026-03-28', '2026-03-01')).toEqual([]);
  });
});

describe('weeklyLoadChanges: each week against the 7 days before it', () => {
  const sessions = [
    session('2026-02-28', 100, 10), // 1000 AU in 02-22..02-28, the week before the first one shown
    run('2026-03-01', 5, 40, 5), // 200 AU
    session('2026-03-08', 60, 6), // 360 AU
    run('2026-03-15', 6, 30, 4), // 120 AU
    run('2026-03-21', 10, 60, 5), // 300 AU
  ];

  it('(200 − 1000)/1000 = −80%, (360 − 200)/200 = +80%, (420 − 360)/360 = +16.7%, (0 − 420)/420 = −100%', () => {
    const weeks = weeklyLoadChanges(sessions, '2026-03-01', '2026-03-28');
    expect(weeks.map(({ weekEnd, load }) => ({ weekEnd, load }))).toEqual(weeklyLoads(sessions, '2026-03-01', '2026-03-28').map(({ weekEnd, load }) => ({ weekEnd, load })));
    expect(weeks.map((w) => w.loadChangePct)).toEqual([-80, 80, 50 / 3, -100]);
  });

  it('null after a week without load', () => {
    const weeks = weeklyLoadChanges(sessions.slice(1), '2026-03-01', '2026-03-28');
    expect(weeks[0]?.loadChangePct).toBeNull();
    expect(weeklyLoadChanges(sessions, '2026-03-28', '2026-03-01')).toEqual([]);
  });
});

describe('windowedLoadMetrics: the ratios from the LOAD_HISTORY_DAYS window, as alerts and chart read them', () => {
  const asOf = '2026-03-28';
  const recent = everyDay('2026-03-19', asOf, 30, 4); // 10 days of 120 AU

  it('the window is 182 days: 2025-09-27..2026-03-28', () => {
    expect(LOAD_HISTORY_DAYS).toBe(182);
    expect(loadHistoryStart(asOf)).toBe('2025-09-27');
  });

  it('a session 200 days back does not start the EWMA nor count as history: 9 days of history, no ratio', () => {
    const sessions = [session(addDays(asOf, -200), 30, 4), ...recent];
    expect(loadMetrics(sessions, asOf).ewmaAcwr).not.toBeNull(); // all history: 200 days
    expect(windowedLoadMetrics(sessions, asOf)).toEqual(loadMetrics(recent, asOf));
    expect(windowedLoadMetrics(sessions, asOf)).toMatchObject({ acwr: null, ewmaAcwr: null, acute: 840 });
  });

  it('a session on the first day of the window (182 days back) counts; 183 days back does not', () => {
    expect(windowedLoadMetrics([session('2025-09-27', 30, 4), ...recent], asOf).ewmaAcwr).not.toBeNull();
    expect(windowedLoadMetrics([session('2025-09-26', 30, 4), ...recent], asOf).ewmaAcwr).toBeNull();
  });

  it('ignores sessions after asOf', () => {
    expect(windowedLoadMetrics([...recent, session('2026-03-29', 600, 10)], asOf)).toEqual(loadMetrics(recent, asOf));
  });
});

describe('metricsSeries', () => {
  it('equals loadMetrics on every day of the range', () => {
    const sessions = randomSessions(7, '2025-12-01', 120, 150);
    const series = metricsSeries(sessions, '2026-01-15', '2026-03-15');
    expect(series).toHaveLength(60);
    for (const day of series) {
      const { date, ...metrics } = day;
      expect(metrics, date).toEqual(loadMetrics(sessions, date));
    }
  });

  it('covers a 365-day chart, including days before the first session', () => {
    const sessions = randomSessions(11, '2025-06-01', 300, 400);
    const series = metricsSeries(sessions, '2025-04-01', '2026-03-31');
    expect(series).toHaveLength(365);
    expect(series[0]?.date).toBe('2025-04-01');
    expect(series[0]?.ewmaAcute).toBeNull();
    expect(series.at(-1)?.date).toBe('2026-03-31');
  });
});

describe('time-zone day boundaries: sessions are dated by their local calendar day', () => {
  it('a 23:30 run in London in March (GMT) counts on that day', () => {
    const date = localDate(new Date('2026-03-10T23:30:00Z'), 'Europe/London');
    expect(date).toBe('2026-03-10');
    expect(dailyLoads([run(date, 5)], '2026-03-10', '2026-03-11').map((d) => d.load)).toEqual([150, 0]);
  });

  it('a 23:30 run in New York (EDT) is the next UTC day but the same local day', () => {
    const instant = new Date('2026-03-11T03:30:00Z'); // 23:30 on 03-10 at UTC−4
    expect(instant.toISOString().slice(0, 10)).toBe('2026-03-11');
    const date = localDate(instant, 'America/New_York');
    expect(date).toBe('2026-03-10');
    expect(dailyLoads([run(date, 5)], '2026-03-10', '2026-03-11').map((d) => d.load)).toEqual([150, 0]);
  });

  it('00:30 in London in summer (BST) is still the previous day in UTC but the next local day', () => {
    const date = localDate(new Date('2026-07-10T23:30:00Z'), 'Europe/London');
    expect(date).toBe('2026-07-11');
    expect(loadMetrics([run(date, 5)], '2026-07-10').acute).toBe(0);
    expect(loadMetrics([run(date, 5)], '2026-07-11').acute).toBe(150);
  });
});

describe('never NaN or Infinity', () => {
  it('every metric of random inputs (RPE 0 days, duplicates, gaps) is finite or null', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const sessions = randomSessions(seed, '2026-01-01', 90, seed * 3);
      for (const day of metricsSeries(sessions, '2025-12-20', '2026-04-15')) {
        const { date: _date, ...metrics } = day;
        expectFiniteOrNull(metrics);
      }
      for (const week of weeklyLoads(sessions, '2026-01-01', '2026-04-15')) {
        expect(Number.isFinite(week.load) && Number.isFinite(week.distanceKm)).toBe(true);
      }
    }
  });

  it('a malformed session (NaN minutes) adds no load instead of spreading NaN', () => {
    const m = loadMetrics([session('2026-03-10', Number.NaN, 5), session('2026-03-10', 40, 5)], '2026-03-10');
    expect(m.acute).toBe(200);
    expectFiniteOrNull(m);
  });
});

describe('windowedLoadMetricsOn: many days from one table, equal to each day read alone', () => {
  // The definition: loadMetrics on the sessions of the day's own history window.
  const alone = (sessions: readonly Session[], day: string) =>
    loadMetrics(sessions.filter((s) => s.date >= loadHistoryStart(day) && s.date <= day), day);

  it.each([1, 2, 3, 4, 5])('random sessions over 14 months, every week end of a year and today (seed %i)', (seed) => {
    const sessions = randomSessions(seed, '2025-01-01', 430, 250);
    // Unrated imports (no load) and a session on an impossible date are part of real data.
    sessions.push(session('2025-09-10', 40, 0, { rpe: null, activity: 'run' }), session('2025-02-30', 30, 5));
    const days = Array.from({ length: 53 }, (_, w) => addDays('2025-03-01', w * 7));
    days.push('2026-03-05');
    const many = windowedLoadMetricsOn(sessions, days);
    expect(many).toHaveLength(days.length);
    days.forEach((day, i) => expect(many[i], day).toEqual(alone(sessions, day)));
  });

  it('a day before any session, days in any order and one day alone', () => {
    const sessions = randomSessions(9, '2025-06-01', 100, 60);
    const days = ['2025-08-20', '2025-05-01', '2025-06-15'];
    expect(windowedLoadMetricsOn(sessions, days)).toEqual(days.map((d) => alone(sessions, d)));
    expect(windowedLoadMetricsOn(sessions, ['2025-05-01'])[0]).toMatchObject({ acute: 0, ewmaAcute: null, acwr: null });
    expect(windowedLoadMetrics(sessions, '2025-08-20')).toEqual(alone(sessions, '2025-08-20'));
    expect(windowedLoadMetricsOn(sessions, [])).toEqual([]);
  });

  it('refuses a day that is not a calendar day, as loadMetrics does', () => {
    expect(() => windowedLoadMetricsOn([], ['2026-02-30'])).toThrow(RangeError);
  });
});
