// Pain trends and change from baseline against hand-computed fixtures (NRS 0–10).
import { describe, expect, it } from 'vitest';
import { importantChangeThreshold, isClinicallyImportant, painBaselineComparison, painBaselineDate, painChange, type PainReport, painTrend } from '@/lib/analytics/pain';
import { addDays } from '@/lib/dates';

const report = (date: string, score: number): PainReport => ({ date, score });
/** One report a day from `from` on, with the given scores. */
const days = (from: string, scores: number[]) => scores.map((score, i) => report(addDays(from, i), score));

describe('painTrend', () => {
  const reports = [
    report('2026-03-03', 4),
    report('2026-03-01', 2),
    report('2026-02-27', 6), // before `from`: only the rolling mean sees it
    report('2026-03-01', 5), // two reports on 03-01: daily = the highest, 5
    report('2026-03-04', 9), // after `to`
  ];

  it('daily = highest score of the day, null on a day without a report', () => {
    expect(painTrend(reports, '2026-03-01', '2026-03-03').map((p) => p.daily)).toEqual([5, null, 4]);
  });

  it('rolling = mean of reported days in D-6..D, looking back before `from`: 03-01 (6+5)/2, 03-02 (6+5)/2, 03-03 (6+5+4)/3', () => {
    expect(painTrend(reports, '2026-03-01', '2026-03-03')).toEqual([
      { date: '2026-03-01', daily: 5, rolling: 5.5 },
      { date: '2026-03-02', daily: null, rolling: 5.5 },
      { date: '2026-03-03', daily: 4, rolling: 5 },
    ]);
  });

  it('rolling includes D-6 and is null when no day of D-6..D has a report', () => {
    expect(painTrend([report('2026-03-14', 7)], '2026-03-20', '2026-03-21')).toEqual([
      { date: '2026-03-20', daily: null, rolling: 7 }, // 03-14 = 03-20 − 6
      { date: '2026-03-21', daily: null, rolling: null },
    ]);
    expect(painTrend([], '2026-03-20', '2026-03-20')).toEqual([{ date: '2026-03-20', daily: null, rolling: null }]);
  });
});

describe('painChange', () => {
  it('baseline = days 03-01..03-07 with a report: (3 + max(2,4) + 2)/3 = 3; current 03-22..03-28: (5 + 6)/2 = 5.5; change +2.5 = 83.3%', () => {
    const reports = [
      report('2026-03-01', 3),
      report('2026-03-03', 2),
      report('2026-03-03', 4),
      report('2026-03-07', 2), // last day of the baseline week
      report('2026-03-08', 9), // the day after the baseline week
      report('2026-03-21', 10), // the day before the current week
      report('2026-03-22', 5),
      report('2026-03-28', 6),
      report('2026-03-29', 10), // after asOf
    ];
    const c = painChange(reports, '2026-03-01', '2026-03-28');
    expect(c.baseline).toBe(3);
    expect(c.current).toBe(5.5);
    expect(c.change).toBe(2.5);
    expect(c.changePct).toBeCloseTo(250 / 3, 12);
    // |2.5| >= max(2, 0.3 × 3 = 0.9) = 2.
    expect(c.clinicallyWorse).toBe(true);
    expect(c.clinicallyBetter).toBe(false);
  });

  it('no report in the baseline week: everything null and both flags false', () => {
    expect(painChange([report('2026-03-28', 8)], '2026-03-01', '2026-03-28')).toEqual({
      baseline: null,
      current: 8,
      change: null,
      changePct: null,
      clinicallyWorse: false,
      clinicallyBetter: false,
    });
  });

  it('no report in the current week: change null, flags false', () => {
    const c = painChange([report('2026-03-01', 3)], '2026-03-01', '2026-03-28');
    expect(c).toMatchObject({ baseline: 3, current: null, change: null, clinicallyWorse: false, clinicallyBetter: false });
  });

  it('baseline 0: changePct null; a rise of 2 is still clinically worse (threshold max(2, 0) = 2)', () => {
    const c = painChange([report('2026-03-01', 0), report('2026-03-28', 2)], '2026-03-01', '2026-03-28');
    expect(c).toMatchObject({ baseline: 0, current: 2, change: 2, changePct: null, clinicallyWorse: true });
  });

  it('ignores reports after asOf, also inside a baseline week that is still running', () => {
    const reports = [report('2026-03-01', 4), report('2026-03-05', 10)];
    expect(painChange(reports, '2026-03-01', '2026-03-03')).toMatchObject({ baseline: 4, current: 4, change: 0 });
  });

  describe('clinically important change: |change| >= max(2, 0.3 × baseline)', () => {
    const baselineWeek = (score: number) => days('2026-03-01', [score]);
    const check = (baseline: number, current: number[]) =>
      painChange([...baselineWeek(baseline), ...days('2026-03-22', current)], '2026-03-01', '2026-03-28');

    it('baseline 8 needs 2.4: current (6+6+5+5+6)/5 = 5.6 is −2.4, better; 5.8 is −2.2, not', () => {
      expect(check(8, [6, 6, 5, 5, 6])).toMatchObject({ current: 5.6, clinicallyBetter: true, clinicallyWorse: false });
      expect(check(8, [6, 6, 6, 5, 6])).toMatchObject({ current: 5.8, clinicallyBetter: false, clinicallyWorse: false });
    });

    it('baseline 10 needs 3: current 7 is better, (7+7+7+7+8)/5 = 7.2 is not', () => {
      expect(check(10, [7]).clinicallyBetter).toBe(true);
      expect(check(10, [7, 7, 7, 7, 8]).clinicallyBetter).toBe(false);
    });

    it('baseline 2 needs 2 points (0.3 × 2 = 0.6 is smaller): current 4 is worse, (4+4+4+4+3)/5 = 3.8 is not', () => {
      expect(check(2, [4])).toMatchObject({ change: 2, clinicallyWorse: true, clinicallyBetter: false });
      expect(check(2, [4, 4, 4, 4, 3]).clinicallyWorse).toBe(false);
    });

    it('baseline 7 needs 2.1: +2 (current 9) is not worse, (9+9+9+9+10)/5 = 9.2 (+2.2) is', () => {
      expect(check(7, [9]).clinicallyWorse).toBe(false);
      expect(check(7, [9, 9, 9, 9, 10]).clinicallyWorse).toBe(true);
    });

    it('takes custom thresholds (1 point or 10%)', () => {
      expect(isClinicallyImportant(1, 3, { minPoints: 1, pct: 10 })).toBe(true);
      expect(isClinicallyImportant(0.9, 3, { minPoints: 1, pct: 10 })).toBe(false);
      expect(isClinicallyImportant(-1.5, 15, { minPoints: 1, pct: 10 })).toBe(true);
    });
  });
});

describe('painBaselineDate: the patient\'s set date, else the current program\'s start', () => {
  it('a set baseline date wins over the active program\'s start', () => {
    expect(painBaselineDate('2026-02-10', '2026-03-01')).toBe('2026-02-10');
  });
  it('no set date: the active program\'s start; neither: null', () => {
    expect(painBaselineDate(null, '2026-03-01')).toBe('2026-03-01');
    expect(painBaselineDate(undefined, undefined)).toBeNull();
    expect(painBaselineDate(null, null)).toBeNull();
  });
  it('a malformed date is no date', () => {
    expect(painBaselineDate('2026-02-30', '2026-03-01')).toBe('2026-03-01');
  });
});

describe('painBaselineComparison: baseline, current, change, threshold and the chart band', () => {
  // Baseline week 03-01..03-07: 2, 4, 3 → (2 + 4 + 3)/3 = 3. Current week 03-22..03-28: 5, 6 → 5.5.
  const reports = [...days('2026-03-01', [2, 4, 3]), report('2026-03-22', 5), report('2026-03-28', 6)];

  it('practice 2 points: threshold max(2, 0.3 × 3 = 0.9) = 2, band 3 ± 2 = 1..5; +2.5 is clinically worse', () => {
    expect(painBaselineComparison(reports, '2026-03-01', '2026-03-28', { minPoints: 2, pct: 30 })).toEqual({
      baselineDate: '2026-03-01',
      baseline: 3,
      current: 5.5,
      change: 2.5,
      changePct: 250 / 3,
      clinicallyWorse: true,
      clinicallyBetter: false,
      mcid: { minPoints: 2, pct: 30 },
      threshold: 2,
      band: { low: 1, high: 5 },
    });
  });

  it('practice 3 points: threshold 3, band 3 ± 3 = 0..6; the same +2.5 is not', () => {
    const c = painBaselineComparison(reports, '2026-03-01', '2026-03-28', { minPoints: 3, pct: 30 });
    expect(c).toMatchObject({ baseline: 3, current: 5.5, change: 2.5, threshold: 3, band: { low: 0, high: 6 }, clinicallyWorse: false });
  });

  it('baseline 8: 30% (2.4) beats 2 points; band 5.6..10.4 is clipped to 5.6..10', () => {
    const c = painBaselineComparison(days('2026-03-01', [8]), '2026-03-01', '2026-03-28');
    expect(c.threshold).toBeCloseTo(2.4, 12);
    expect(c.band?.low).toBeCloseTo(5.6, 12);
    expect(c.band?.high).toBe(10);
    expect(c.current).toBeNull();
    expect(c.change).toBeNull();
    expect(importantChangeThreshold(8)).toBeCloseTo(2.4, 12);
    expect(importantChangeThreshold(8, { minPoints: 3, pct: 30 })).toBe(3);
  });

  it('agrees with painChange (the alert\'s figures) on the same inputs', () => {
    const mcid = { minPoints: 3, pct: 30 };
    const { baselineDate: _d, mcid: _m, threshold: _t, band: _b, ...figures } = painBaselineComparison(reports, '2026-03-01', '2026-03-28', mcid);
    expect(figures).toEqual(painChange(reports, '2026-03-01', '2026-03-28', mcid));
  });

  it('no baseline date, or no report in the baseline week: no threshold and no band', () => {
    expect(painBaselineComparison(reports, null, '2026-03-28')).toMatchObject({ baselineDate: null, baseline: null, current: null, change: null, threshold: null, band: null });
    expect(painBaselineComparison(reports, '2026-02-01', '2026-03-28')).toMatchObject({ baseline: null, current: 5.5, threshold: null, band: null });
  });
});

describe('never NaN or Infinity', () => {
  it('random reports give finite or null trends and changes', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 30; n++) {
      const reports = Array.from({ length: n }, () => report(addDays('2026-02-15', Math.floor(rand() * 45)), Math.floor(rand() * 11)));
      for (const p of painTrend(reports, '2026-02-20', '2026-03-31')) {
        for (const v of [p.daily, p.rolling]) expect(v === null || Number.isFinite(v)).toBe(true);
      }
      const c = painChange(reports, '2026-02-15', '2026-03-28');
      for (const v of [c.baseline, c.current, c.change, c.changePct]) expect(v === null || Number.isFinite(v)).toBe(true);
    }
  });
});
