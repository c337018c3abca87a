// Caseload alerts: every kind firing and not firing at its threshold, and the order.
// All on asOf 2026-03-28; "the last 14 days" are 03-15..03-28.
import { describe, expect, it } from 'vitest';
import { type Alert, type AlertInput, DEFAULT_THRESHOLDS, lastActivity, type OpenWarningSigns, patientAlerts, SEVERITY_RANK } from '@/lib/analytics/alerts';
import type { Session } from '@/lib/analytics/load';
import { addDays, dateRange } from '@/lib/dates';
import { symptomLabel, TIER_GUIDE, type RedFlagTier } from '@/lib/validation/symptoms';
import { everyDay, session } from '../helpers/training';

const AS_OF = '2026-03-28';

const pain = (date: string, score: number) => ({ date, score });
const painDays = (from: string, to: string, score: number) => dateRange(from, to).map((d) => pain(d, score));
const run = (date: string, km: number) => session(date, 30, 4, { activity: 'run', distanceKm: km });
const completionsOn = (...dates: string[]) => dates.map((date) => ({ date }));
/** The patient's open warning-sign alert as lib/data/alert-state.ts passes it in. */
const signs = (tier: RedFlagTier, flags: string[], lastReportDate = '2026-03-27'): OpenWarningSigns => ({
  alertId: '00000000-0000-4000-8000-000000000001',
  tier,
  flags,
  openedAt: '2026-03-27T09:14:00.000Z',
  lastReportDate,
  reportCount: 1,
});

/**
 * A patient with nothing to flag: pain 3 in the baseline week and 3 now, a steady
 * 30 min × RPE 4 = 120 AU every day since 02-01 (EWMA ratio 1), no program.
 */
function quiet(overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    pain: [...painDays('2026-03-01', '2026-03-07', 3), ...painDays('2026-03-22', AS_OF, 3)],
    sessions: everyDay('2026-02-01', AS_OF, 30, 4),
    completions: [],
    prescribedPerWeek: 0,
    programStart: null,
    baselineDate: '2026-03-01',
    ...overrides,
  };
}
const kinds = (alerts: Alert[]) => alerts.map((a) => a.kind);
const only = (alerts: Alert[], kind: Alert['kind']) => alerts.filter((a) => a.kind === kind);

it('a quiet patient raises no alert; defaults are the documented thresholds', () => {
  expect(patientAlerts(quiet(), AS_OF)).toEqual([]);
  expect(DEFAULT_THRESHOLDS).toEqual({
    painWorseMinPoints: 2,
    painWorsePct: 30,
    acwrSpike: 1.5,
    weeklyDistanceRedPct: 30,
    adherenceLowPct: 50,
    inactivityDays: 14,
    painDuringMax: 5,
    weeklyRisePoints: 1,
  });
});

describe('red-flag (from the open warning sign)', () => {
  const withSigns = (warningSigns: OpenWarningSigns | null) => quiet({ warningSigns });

  it('no open warning sign (null or not given): no red-flag alert', () => {
    expect(patientAlerts(withSigns(null), AS_OF)).toEqual([]);
    expect(patientAlerts(quiet(), AS_OF)).toEqual([]);
  });

  it('same-day tier: one urgent alert, "Same day: <labels> (last reported for <day>)", evidence = the open warning sign', () => {
    const open = signs('same-day', ['leg-numbness'], '2026-03-26');
    expect(patientAlerts(withSigns(open), AS_OF)).toEqual([
      {
        kind: 'red-flag',
        severity: 'urgent',
        message: 'Same day: New numbness or tingling in one leg (last reported for Thu 26 Mar)',
        evidence: open,
        level: expect.any(Number),
      },
    ]);
  });

  it('emergency tier: one emergency alert naming every flag, the most urgent first', () => {
    const open = signs('emergency', ['leg-numbness', 'saddle-numbness'], '2026-03-28');
    const alerts = patientAlerts(withSigns(open), AS_OF);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'red-flag', severity: 'emergency', evidence: open });
    expect(alerts[0]?.message).toBe(
      `Emergency: ${symptomLabel('saddle-numbness')}; ${symptomLabel('leg-numbness')} (last reported for Sat 28 Mar)`,
    );
  });

  it('review tier: one high alert with the derived flag\'s label', () => {
    const open = signs('review', ['sleep-disturbed', 'severe-pain-two-days'], '2026-03-20');
    const [alert, ...rest] = patientAlerts(withSigns(open), AS_OF);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'red-flag', severity: 'high', evidence: open });
    expect(alert?.message).toBe('Review: Pain woke me at night; Severe pain on two days running (last reported for Fri 20 Mar)');
  });

  it('each tier shows its clinic label from TIER_GUIDE', () => {
    const expected = { emergency: ['emergency', 'Emergency'], 'same-day': ['urgent', 'Same day'], review: ['high', 'Review'] } as const;
    for (const [tier, [severity, label]] of Object.entries(expected) as [RedFlagTier, readonly [string, string]][]) {
      expect(TIER_GUIDE[tier].clinicLabel).toBe(label);
      const [alert] = patientAlerts(withSigns(signs(tier, ['leg-weakness'])), AS_OF);
      expect(alert?.severity, tier).toBe(severity);
      expect(alert?.message.startsWith(`${label}: ${symptomLabel('leg-weakness')} (`), tier).toBe(true);
    }
  });

  it('is not windowed: a sign last reported 60 days ago (2026-01-27) still shows while the alert is open', () => {
    const old = signs('same-day', ['leg-weakness'], addDays(AS_OF, -60));
    expect(old.lastReportDate).toBe('2026-01-27');
    const alerts = patientAlerts(withSigns(old), AS_OF);
    expect(kinds(alerts)).toEqual(['red-flag']);
    expect(alerts[0]?.message).toContain('(last reported for Tue 27 Jan)');
  });

  it('pain reports alone never raise it, even ones that used to carry red flags', () => {
    const legacy = [...quiet().pain, { date: '2026-03-27', score: 3, redFlags: ['saddle-numbness'] }];
    expect(patientAlerts(quiet({ pain: legacy }), AS_OF)).toEqual([]);
  });
});

describe('pain-worse (high)', () => {
  const withCurrent = (score: number, overrides: Partial<AlertInput> = {}) =>
    quiet({ pain: [...painDays('2026-03-01', '2026-03-07', 3), ...painDays('2026-03-22', AS_OF, score)], ...overrides });

  it('baseline 3, current 5: change +2 >= max(2, 0.9) fires with "Pain 5.0 vs baseline 3.0 (+2.0)"', () => {
    expect(patientAlerts(withCurrent(5), AS_OF)).toEqual([
      {
        kind: 'pain-worse',
        severity: 'high',
        message: 'Pain 5.0 vs baseline 3.0 (+2.0)',
        evidence: { baseline: 3, current: 5, change: 2 },
        level: 2,
      },
    ]);
  });

  it('does not fire for +1 (current 4), for a fall in pain, or without a baseline date', () => {
    expect(patientAlerts(withCurrent(4), AS_OF)).toEqual([]);
    expect(patientAlerts(withCurrent(0), AS_OF)).toEqual([]);
    expect(patientAlerts(withCurrent(9, { baselineDate: null }), AS_OF)).toEqual([]);
  });

  it('uses the practice thresholds: 1 point fires at +1; baseline 8 → 10 (+2 < 2.4) fires only with 25%', () => {
    expect(kinds(patientAlerts(withCurrent(4, { thresholds: { painWorseMinPoints: 1 } }), AS_OF))).toEqual(['pain-worse']);
    const eightToTen = quiet({ pain: [...painDays('2026-03-01', '2026-03-07', 8), ...painDays('2026-03-22', AS_OF, 10)] });
    expect(patientAlerts(eightToTen, AS_OF)).toEqual([]);
    expect(kinds(patientAlerts({ ...eightToTen, thresholds: { painWorsePct: 25 } }, AS_OF))).toEqual(['pain-worse']);
  });
});

describe('acwr-spike (medium: the ratio describes change, it does not predict injury)', () => {
  // 120 AU a day from 02-01, then 60 min × RPE 8 = 480 AU a day for 03-22..03-28.
  // After k days at a new constant load L from a steady L0: E = L − (L − L0)(1 − λ)^k.
  const spike = [...everyDay('2026-02-01', '2026-03-21', 30, 4), ...everyDay('2026-03-22', AS_OF, 60, 8)];
  const ewmaAcute = 480 - 360 * 0.75 ** 7; // ≈ 431.95
  const ewmaChronic = 480 - 360 * (27 / 29) ** 7; // ≈ 261.70
  const ratio = ewmaAcute / ewmaChronic; // ≈ 1.65

  it('fires on the EWMA ratio 431.95 / 261.70 ≈ 1.65 > 1.5', () => {
    const [alert] = patientAlerts(quiet({ sessions: spike }), AS_OF);
    expect(alert?.kind).toBe('acwr-spike');
    expect(alert?.severity).toBe('medium');
    expect(alert?.message).toBe(`Load spike: acute:chronic ${ratio.toFixed(2)} (EWMA)`);
    expect(alert?.message).toBe('Load spike: acute:chronic 1.65 (EWMA)');
    expect(alert?.level).toBeCloseTo(ratio, 9);
    const evidence = alert?.kind === 'acwr-spike' ? alert.evidence : null;
    expect(evidence?.method).toBe('ewma');
    expect(evidence?.acute).toBeCloseTo(ewmaAcute, 9);
    expect(evidence?.chronic).toBeCloseTo(ewmaChronic, 9);
  });

  it('fires only above the threshold: not at the ratio itself, yes just below it', () => {
    const level = patientAlerts(quiet({ sessions: spike }), AS_OF)[0]?.level ?? 0;
    expect(patientAlerts(quiet({ sessions: spike, thresholds: { acwrSpike: level } }), AS_OF)).toEqual([]);
    expect(kinds(patientAlerts(quiet({ sessions: spike, thresholds: { acwrSpike: level - 0.001 } }), AS_OF))).toEqual(['acwr-spike']);
  });

  it('does not fire with fewer than 21 days of history (same spike after a start on 03-08)', () => {
    const short = spike.filter((s) => s.date >= '2026-03-08');
    expect(patientAlerts(quiet({ sessions: short }), AS_OF)).toEqual([]);
  });
});

describe('distance-spike (medium)', () => {
  const withRuns = (...runs: Session[]) => quiet({ sessions: [...quiet().sessions, ...runs] });

  it('13.5 km after 10 km is +35% > 30%: "Running distance up 35% (13.5 km vs 10.0 km)"', () => {
    expect(patientAlerts(withRuns(run('2026-03-20', 10), run('2026-03-27', 13.5)), AS_OF)).toEqual([
      {
        kind: 'distance-spike',
        severity: 'medium',
        message: 'Running distance up 35% (13.5 km vs 10.0 km)',
        evidence: { thisWeekKm: 13.5, lastWeekKm: 10, changePct: 35 },
        level: 35,
      },
    ]);
  });

  it('in miles for a practice in miles: 13.5 km = 8.39 mi, 10 km = 6.21 mi; evidence stays in km', () => {
    const [alert] = patientAlerts({ ...withRuns(run('2026-03-20', 10), run('2026-03-27', 13.5)), distanceUnit: 'mi' }, AS_OF);
    expect(alert).toEqual({
      kind: 'distance-spike',
      severity: 'medium',
      message: 'Running distance up 35% (8.4 mi vs 6.2 mi)',
      evidence: { thisWeekKm: 13.5, lastWeekKm: 10, changePct: 35 },
      level: 35,
    });
    expect(alert?.message).not.toContain('km');
    expect(patientAlerts({ ...withRuns(run('2026-03-20', 10), run('2026-03-27', 13.5)), distanceUnit: 'km' }, AS_OF)[0]?.message).toBe('Running distance up 35% (13.5 km vs 10.0 km)');
  });

  it('does not fire at exactly +30% (13 km after 10 km) or without running last week', () => {
    expect(patientAlerts(withRuns(run('2026-03-20', 10), run('2026-03-27', 13)), AS_OF)).toEqual([]);
    expect(patientAlerts(withRuns(run('2026-03-27', 40)), AS_OF)).toEqual([]);
  });
});

describe('low-adherence (medium)', () => {
  const program = (overrides: Partial<AlertInput>) => quiet({ prescribedPerWeek: 10, programStart: '2026-03-01', ...overrides });
  const sevenDone = completionsOn(...dateRange('2026-03-15', '2026-03-21'));

  it('10 a week over 14 days = 20 doses; 7 done = 35%: fires, level 100 − 35 = 65', () => {
    expect(patientAlerts(program({ completions: sevenDone }), AS_OF)).toEqual([
      {
        kind: 'low-adherence',
        severity: 'medium',
        message: 'Adherence 35% over 14 days (7 of 20 doses)',
        evidence: { completed: 7, prescribed: 20, adherencePct: 35 },
        level: 65,
      },
    ]);
  });

  it('10 of 20 = exactly 50% does not fire; completions outside the 14 days are not counted', () => {
    const ten = completionsOn(...dateRange('2026-03-15', '2026-03-24'));
    expect(patientAlerts(program({ completions: ten }), AS_OF)).toEqual([]);
    const outside = completionsOn('2026-03-14', '2026-03-29', '2026-03-29', '2026-03-29');
    expect(only(patientAlerts(program({ completions: [...sevenDone, ...outside] }), AS_OF), 'low-adherence')[0]?.evidence).toEqual({
      completed: 7,
      prescribed: 20,
      adherencePct: 35,
    });
  });

  it('counts only program days: start 03-22 gives 7 days = 10 doses, 4 done = 40% (one on 03-20, before the start, ignored)', () => {
    const done = completionsOn('2026-03-20', '2026-03-22', '2026-03-24', '2026-03-26', '2026-03-28');
    const [alert] = patientAlerts(program({ programStart: '2026-03-22', completions: done }), AS_OF);
    expect(alert).toMatchObject({ kind: 'low-adherence', evidence: { completed: 4, prescribed: 10, adherencePct: 40 } });
    expect(alert?.message).toBe('Adherence 40% over 7 days (4 of 10 doses)');
  });

  it('is silent for fewer than 7 program days (start 03-23) and without a program', () => {
    expect(patientAlerts(program({ programStart: '2026-03-23' }), AS_OF)).toEqual([]);
    expect(patientAlerts(quiet({ prescribedPerWeek: 0, programStart: '2026-03-01' }), AS_OF)).toEqual([]);
  });

  it('rounds prescribed doses to 1 decimal in evidence: 5 a week × 10 days / 7 = 7.14 → 7.1; 2 done = 28%', () => {
    const [alert] = patientAlerts(program({ prescribedPerWeek: 5, programStart: '2026-03-19', completions: completionsOn('2026-03-20', '2026-03-21') }), AS_OF);
    expect(alert?.message).toBe('Adherence 28% over 10 days (2 of 7.1 doses)');
    const evidence = alert?.kind === 'low-adherence' ? alert.evidence : null;
    expect(evidence?.prescribed).toBe(7.1);
    expect(evidence?.adherencePct).toBeCloseTo(28, 9);
  });
});

describe('no-logs (low)', () => {
  const lastLogOn = (date: string) =>
    quiet({ pain: painDays('2026-03-01', '2026-03-07', 3), sessions: everyDay('2026-02-01', date, 30, 4) });

  it('last log 03-14 is 14 days ago: fires with "No log or tick for 14 days (last Sat 14 Mar)"', () => {
    expect(patientAlerts(lastLogOn('2026-03-14'), AS_OF)).toEqual([
      {
        kind: 'no-logs',
        severity: 'low',
        message: 'No log or tick for 14 days (last Sat 14 Mar)',
        evidence: { lastLogDate: '2026-03-14', daysSince: 14 },
        level: 14,
      },
    ]);
  });

  it('a log on 03-15 (13 days ago), a pain report alone, or a session alone keeps it quiet', () => {
    expect(patientAlerts(lastLogOn('2026-03-15'), AS_OF)).toEqual([]);
    expect(kinds(patientAlerts(quiet({ sessions: [] }), AS_OF))).not.toContain('no-logs');
    const sessionsOnly = quiet({ pain: [], baselineDate: null });
    expect(patientAlerts(sessionsOnly, AS_OF)).toEqual([]);
  });

  it('counts exercise ticks as activity: ticks alone keep it quiet; the latest of the three is the last activity', () => {
    // No pain or session for 20 days, but an exercise ticked on 03-27 (1 day before AS_OF).
    const ticksOnly = quiet({ pain: [pain('2026-03-08', 2)], sessions: [session('2026-03-08', 30, 4)], completions: [{ date: '2026-03-27' }], baselineDate: null });
    expect(kinds(patientAlerts(ticksOnly, AS_OF))).not.toContain('no-logs');
    expect(lastActivity({ pain: [{ date: '2026-03-08' }], sessions: [{ date: '2026-03-10' }], completions: [{ date: '2026-03-09' }, { date: 'not a day' }] }, AS_OF)).toBe('2026-03-10');
    // A last activity known from beyond the windows passed wins over what the lists hold.
    expect(patientAlerts(quiet({ pain: [], sessions: [], baselineDate: null, lastActivityDate: '2026-03-01' }), AS_OF).find((a) => a.kind === 'no-logs')?.evidence).toEqual({ lastLogDate: '2026-03-01', daysSince: 27 });
  });

  it('never logged: level 999, evidence nulls; logs after asOf do not count', () => {
    const never = quiet({ pain: [pain('2026-03-30', 2)], sessions: [session('2026-03-29', 30, 4)], baselineDate: null });
    expect(patientAlerts(never, AS_OF)).toEqual([
      { kind: 'no-logs', severity: 'low', message: 'Nothing logged or ticked yet', evidence: { lastLogDate: null, daysSince: null }, level: 999 },
    ]);
  });

  it('uses the practice inactivity threshold (3 days: a log 3 days ago fires, 2 days ago does not)', () => {
    expect(kinds(patientAlerts({ ...lastLogOn('2026-03-25'), thresholds: { inactivityDays: 3 } }, AS_OF))).toEqual(['no-logs']);
    expect(patientAlerts({ ...lastLogOn('2026-03-26'), thresholds: { inactivityDays: 3 } }, AS_OF)).toEqual([]);
  });
});

describe('ordering', () => {
  // Baseline 2; on 03-23 pain 8, then nothing: change +6, last log 5 days ago.
  // Runs of 10 km (03-16) and 15 km (03-22): +50%. First session 03-16: too little history for ACWR.
  // 7 a week over 14 days = 14 doses, 3 done = 21.4%.
  const busy = (warningSigns: OpenWarningSigns | null): AlertInput => ({
    pain: [pain('2026-03-01', 2), pain('2026-03-23', 8)],
    warningSigns,
    sessions: [run('2026-03-16', 10), run('2026-03-22', 15)],
    completions: completionsOn('2026-03-16', '2026-03-18', '2026-03-20'),
    prescribedPerWeek: 7,
    programStart: '2026-03-01',
    baselineDate: '2026-03-01',
    thresholds: { inactivityDays: 3 },
  });

  it('urgent, high, medium, low; within medium by level (adherence 100 − 21.4 = 78.6 before distance +50%)', () => {
    const alerts = patientAlerts(busy(signs('same-day', ['leg-weakness'], '2026-03-23')), AS_OF);
    expect(kinds(alerts)).toEqual(['red-flag', 'pain-worse', 'low-adherence', 'distance-spike', 'no-logs']);
    expect(alerts.map((a) => a.severity)).toEqual(['urgent', 'high', 'medium', 'medium', 'low']);
    expect(alerts.map((a) => SEVERITY_RANK[a.severity])).toEqual([3, 2, 1, 1, 0]);
    expect(alerts[2]?.level).toBeCloseTo(100 - 300 / 14, 9);
  });

  it('an emergency warning sign comes before everything (rank 4, above urgent 3)', () => {
    expect(SEVERITY_RANK).toEqual({ emergency: 4, urgent: 3, high: 2, medium: 1, low: 0 });
    const alerts = patientAlerts(busy(signs('emergency', ['bladder-bowel'], '2026-03-23')), AS_OF);
    expect(kinds(alerts)).toEqual(['red-flag', 'pain-worse', 'low-adherence', 'distance-spike', 'no-logs']);
    expect(alerts.map((a) => SEVERITY_RANK[a.severity])).toEqual([4, 2, 1, 1, 0]);
    expect(kinds(patientAlerts(busy(null), AS_OF))).toEqual(['pain-worse', 'low-adherence', 'distance-spike', 'no-logs']);
  });

  it('a review warning sign is high: with pain-worse (+6, also high) it sorts by level, ahead of it and of the medium ones', () => {
    const alerts = patientAlerts(busy(signs('review', ['sleep-disturbed'], '2026-03-23')), AS_OF);
    expect(kinds(alerts)).toEqual(['red-flag', 'pain-worse', 'low-adherence', 'distance-spike', 'no-logs']);
    expect(alerts.map((a) => a.severity)).toEqual(['high', 'high', 'medium', 'medium', 'low']);
    expect(alerts[1]).toMatchObject({ kind: 'pain-worse', level: 6 });
    expect(alerts[0]!.level).toBeGreaterThan(alerts[1]!.level);
    expect(Number.isFinite(alerts[0]!.level)).toBe(true);
  });

  it('clinically worse pain (high) always ranks above a load ratio (medium): pain +2 or +1 before an ACWR of 1.65', () => {
    const spike = [...everyDay('2026-02-01', '2026-03-21', 30, 4), ...everyDay('2026-03-22', AS_OF, 60, 8)];
    const withPain = (score: number) => [...painDays('2026-03-01', '2026-03-07', 3), ...painDays('2026-03-22', AS_OF, score)];
    const alerts = patientAlerts(quiet({ sessions: spike, pain: withPain(5) }), AS_OF);
    expect(kinds(alerts)).toEqual(['pain-worse', 'acwr-spike']);
    expect(alerts.map((a) => a.severity)).toEqual(['high', 'medium']);
    const smallerPain = quiet({ sessions: spike, pain: withPain(4), thresholds: { painWorseMinPoints: 1 } });
    expect(kinds(patientAlerts(smallerPain, AS_OF))).toEqual(['pain-worse', 'acwr-spike']);
  });
});

describe('never NaN or Infinity', () => {
  it('random patients give finite levels and finite-or-null evidence', () => {
    let seed = 2026;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const day = () => addDays('2026-01-01', Math.floor(rand() * 100));
    for (let n = 0; n < 40; n++) {
      const input: AlertInput = {
        pain: Array.from({ length: Math.floor(rand() * 20) }, () => pain(day(), Math.floor(rand() * 11))),
        warningSigns: rand() < 0.3 ? signs((['emergency', 'same-day', 'review'] as const)[Math.floor(rand() * 3)]!, ['leg-numbness'], day()) : null,
        sessions: Array.from({ length: Math.floor(rand() * 60) }, () =>
          session(day(), Math.floor(rand() * 90), Math.floor(rand() * 11), rand() < 0.5 ? { activity: 'run', distanceKm: Math.floor(rand() * 200) / 10 } : {}),
        ),
        completions: completionsOn(...Array.from({ length: Math.floor(rand() * 30) }, day)),
        prescribedPerWeek: Math.floor(rand() * 8),
        programStart: rand() < 0.5 ? day() : null,
        baselineDate: rand() < 0.7 ? day() : null,
      };
      for (const alert of patientAlerts(input, addDays('2026-01-01', Math.floor(rand() * 110)))) {
        expect(Number.isFinite(alert.level)).toBe(true);
        for (const value of Object.values(alert.evidence)) {
          if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
      }
    }
  });
});
