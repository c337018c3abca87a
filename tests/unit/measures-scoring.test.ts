// Outcome-measure scoring and change against hand-worked fixtures. Instruments are the shipped
// files in content/measures/ plus the Oswestry-style test fixture (placeholder wording).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Answers, bandOf, type Instrument, measureChange, measureDue, mcidThreshold, scoreResponse } from '@/lib/analytics/measures';
import { loadMeasures, type Measure } from '@/lib/content/measures';

const shipped = loadMeasures(path.join(process.cwd(), 'content', 'measures'));
const fixtures = loadMeasures(path.join(process.cwd(), 'tests', 'fixtures', 'measures'));
const measure = (slug: string): Measure => {
  const found = [...shipped, ...fixtures].find((m) => m.slug === slug);
  if (!found) throw new Error(`no measure ${slug}`);
  return found;
};
const psfs = measure('patient-specific-functional-scale');
const pain = measure('pain-rating-last-week');
const groc = measure('global-rating-of-change');
const run = measure('running-function-check');
const osw = measure('oswestry-style-fixture');

/** PSFS answers: ratings for activity-1.., each with a named activity. */
const activities = (...ratings: number[]): Answers =>
  Object.fromEntries(ratings.map((value, i) => [`activity-${i + 1}`, { value, label: `Activity ${i + 1}` }]));
/** Oswestry-style answers: item-1.. in order; null leaves an item unanswered. */
const oswItems = (...values: (number | null)[]): Answers => Object.fromEntries(values.map((v, i) => [`item-${i + 1}`, v]));
const at = (date: string, answers: Answers) => ({ date, answers });

describe('scoreResponse: mean (PSFS, 0–10, 3 to 5 activities)', () => {
  it('three activities 4, 5, 6: mean 15/3 = 5', () => {
    expect(scoreResponse(psfs, activities(4, 5, 6))).toEqual({
      score: 5,
      subscores: { 'activity-1': 4, 'activity-2': 5, 'activity-3': 6 },
      answered: 3,
      valid: true,
      reason: null,
    });
  });

  it('five activities 2, 3, 4, 6, 7: mean 22/5 = 4.4', () => {
    const r = scoreResponse(psfs, activities(2, 3, 4, 6, 7));
    expect(r.score).toBeCloseTo(4.4, 12);
    expect(r.answered).toBe(5);
  });

  it('the mean is over the answered activities only: 1, 3 and 8 with slots 4–5 empty is 12/3 = 4', () => {
    expect(scoreResponse(psfs, { ...activities(1, 3, 8), 'activity-4': null, 'activity-5': { value: null, label: 'Hills' } }).score).toBe(4);
  });

  it('0 and 10 are on the scale; 0s are answers, not gaps: (0 + 0 + 10)/3', () => {
    expect(scoreResponse(psfs, activities(0, 0, 10)).score).toBeCloseTo(10 / 3, 12);
  });

  it('two activities are too few: not valid, no score, the answered ones kept', () => {
    expect(scoreResponse(psfs, activities(6, 7))).toEqual({
      score: null,
      subscores: { 'activity-1': 6, 'activity-2': 7 },
      answered: 2,
      valid: false,
      reason: '2 answered; needs at least 3 of 5',
    });
  });

  it('rejects a rating whose activity is not named, a value off the scale or between steps', () => {
    const unnamed = scoreResponse(psfs, { ...activities(4, 5), 'activity-3': 6 });
    expect(unnamed).toMatchObject({ score: null, valid: false, reason: 'activity-3: the activity is not named' });
    expect(scoreResponse(psfs, { ...activities(4, 5), 'activity-3': { value: 6, label: '   ' } }).reason).toBe('activity-3: the activity is not named');
    expect(scoreResponse(psfs, activities(4, 5, 11)).reason).toBe('activity-3: 11 is outside 0..10');
    expect(scoreResponse(psfs, activities(4, 5, -1)).reason).toBe('activity-3: -1 is outside 0..10');
    expect(scoreResponse(psfs, activities(4, 5, 6.5)).reason).toBe('activity-3: 6.5 is not on a step of 1');
    expect(scoreResponse(psfs, activities(4, 5, Number.NaN)).reason).toBe('activity-3: NaN is not a number');
  });

  it('rejects an item the instrument does not have, as a whole (nothing scored)', () => {
    expect(scoreResponse(psfs, { ...activities(4, 5, 6), 'activity-6': { value: 3, label: 'Golf' } })).toEqual({
      score: null,
      subscores: {},
      answered: 0,
      valid: false,
      reason: 'activity-6: not an item of this instrument',
    });
  });
});

describe('scoreResponse: sum', () => {
  it('pain over the last week: one item, the score is the answer (7)', () => {
    expect(scoreResponse(pain, { 'average-pain': 7 })).toMatchObject({ score: 7, answered: 1, valid: true });
    expect(scoreResponse(pain, { 'average-pain': 0 })).toMatchObject({ score: 0, valid: true });
  });

  it('pain left blank: not valid', () => {
    expect(scoreResponse(pain, {})).toMatchObject({ score: null, answered: 0, valid: false, reason: '0 answered; needs all 1' });
  });

  it('running check 2 + 1 + 3 = 6 of 12', () => {
    expect(scoreResponse(run, { 'pain-free-running': 2, 'weekly-distance': 1, 'longest-run': 3 })).toMatchObject({ score: 6, answered: 3, valid: true });
    expect(scoreResponse(run, { 'pain-free-running': 4, 'weekly-distance': 4, 'longest-run': 4 }).score).toBe(12);
  });

  it('running check with one answer missing is not valid (a sum needs every item)', () => {
    expect(scoreResponse(run, { 'pain-free-running': 4, 'weekly-distance': 4 })).toMatchObject({ score: null, answered: 2, valid: false, reason: '2 answered; needs all 3' });
  });

  it('a choice value that no option has is rejected', () => {
    expect(scoreResponse(run, { 'pain-free-running': 5, 'weekly-distance': 4, 'longest-run': 4 }).reason).toBe('pain-free-running: 5 is not one of the options');
  });
});

describe('scoreResponse: percentage of answered max (Oswestry-style fixture, 10 items 0–5)', () => {
  it('all ten: 2+3+1+0+4+5+2+1+3+2 = 23; 23 / (5 × 10) × 100 = 46', () => {
    expect(scoreResponse(osw, oswItems(2, 3, 1, 0, 4, 5, 2, 1, 3, 2))).toMatchObject({ score: 46, answered: 10, valid: true });
  });

  it('two missing: 2+3+1+0+4+5+2+1 = 18; 18 / (5 × 8) × 100 = 45 (not 18/50 = 36)', () => {
    expect(scoreResponse(osw, oswItems(2, 3, 1, 0, 4, 5, 2, 1, null, null))).toMatchObject({ score: 45, answered: 8, valid: true });
  });

  it('one missing: 45 − 5 = 40 of 45; 40/45 × 100 = 88.89', () => {
    expect(scoreResponse(osw, oswItems(5, 5, 5, 5, 5, 5, 5, 5, 0, null)).score).toBeCloseTo(8000 / 90, 12);
  });

  it('three missing is below minAnswered 8: not valid', () => {
    expect(scoreResponse(osw, oswItems(2, 3, 1, 0, 4, 5, 2, null, null, null))).toMatchObject({ score: null, answered: 7, valid: false, reason: '7 answered; needs at least 8 of 10' });
  });
});

describe('scoreResponse: per item (global rating of change, −7..+7)', () => {
  it('no total; the value is in subscores; the comment is never scored', () => {
    expect(scoreResponse(groc, { 'overall-change': 4, comment: { text: 'Back to parkrun.' } })).toEqual({
      score: null,
      subscores: { 'overall-change': 4 },
      answered: 1,
      valid: true,
      reason: null,
    });
  });

  it('a number for the text item, or text that is too long, is rejected', () => {
    expect(scoreResponse(groc, { 'overall-change': 4, comment: 3 }).reason).toBe('comment: takes text, not a number');
    expect(scoreResponse(groc, { 'overall-change': 4, comment: { text: 'x'.repeat(1001) } }).reason).toBe('comment: longer than 1000 characters');
  });

  it('bands: +3 and up improved, −2..+2 about the same, −3 and down worse (edges included)', () => {
    expect([-7, -3, -2, 0, 2, 3, 7].map((v) => bandOf(groc, v))).toEqual(['Worse', 'Worse', 'About the same', 'About the same', 'About the same', 'Improved', 'Improved']);
    expect(bandOf(pain, 3)).toBeNull(); // no bands
  });
});

describe('mcidThreshold', () => {
  it('points, with the larger of 2 and 30% of the first score for pain', () => {
    expect(mcidThreshold(pain.mcid, 6)).toBe(2); // 30% of 6 = 1.8 < 2
    expect(mcidThreshold(pain.mcid, 10)).toBe(3); // 30% of 10 = 3 > 2
    expect(mcidThreshold(pain.mcid, 0)).toBe(2);
    expect(mcidThreshold(psfs.mcid, 9)).toBe(2);
  });

  it('percent of the first score; none for a first score of 0; none when not established', () => {
    expect(mcidThreshold(osw.mcid, 40)).toBe(12); // 30% × 40
    expect(mcidThreshold(osw.mcid, 0)).toBeNull();
    expect(mcidThreshold(run.mcid, 6)).toBeNull();
    expect(mcidThreshold(groc.mcid, 4)).toBeNull();
  });
});

describe('measureChange: higher is better (PSFS, MCID 2 for the mean, 3 for one activity)', () => {
  it('mean 3 → 5 is +2, exactly the MCID: improved; one activity +3 is improved on its own line', () => {
    // first 2, 3, 4: mean 3. latest 4, 4, 7: mean 5. Items +2, +1, +3.
    const c = measureChange(psfs, [at('2026-01-05', activities(2, 3, 4)), at('2026-02-02', activities(4, 4, 7))]);
    expect(c.first).toEqual({ date: '2026-01-05', score: 3, subscores: { 'activity-1': 2, 'activity-2': 3, 'activity-3': 4 } });
    expect(c.latest?.score).toBe(5);
    expect(c).toMatchObject({ change: 2, threshold: 2, clinicallyImproved: true, clinicallyWorse: false });
    expect(c.items).toEqual({
      'activity-1': { first: 2, latest: 4, change: 2, threshold: 3, clinicallyImproved: false, clinicallyWorse: false },
      'activity-2': { first: 3, latest: 4, change: 1, threshold: 3, clinicallyImproved: false, clinicallyWorse: false },
      'activity-3': { first: 4, latest: 7, change: 3, threshold: 3, clinicallyImproved: true, clinicallyWorse: false },
    });
  });

  it('mean 7/3 → 13/3 is +2 but 1.9999999999999996 in floating point: still on the line, improved', () => {
    // first 1, 2, 4 (sum 7); latest 3, 4, 6 (sum 13).
    const c = measureChange(psfs, [at('2026-01-05', activities(1, 2, 4)), at('2026-02-02', activities(3, 4, 6))]);
    expect(c.change).toBeCloseTo(2, 12);
    expect(c.change).not.toBe(2);
    expect(c.clinicallyImproved).toBe(true);
  });

  it('mean 3 → 14/3 is +1.67, below the line: neither', () => {
    const c = measureChange(psfs, [at('2026-01-05', activities(2, 3, 4)), at('2026-02-02', activities(4, 4, 6))]);
    expect(c.change).toBeCloseTo(5 / 3, 12);
    expect(c).toMatchObject({ clinicallyImproved: false, clinicallyWorse: false });
  });

  it('mean 5 → 3 is −2: worse (a fall is worse when higher is better)', () => {
    const c = measureChange(psfs, [at('2026-01-05', activities(5, 5, 5)), at('2026-02-02', activities(3, 3, 3))]);
    expect(c).toMatchObject({ change: -2, clinicallyImproved: false, clinicallyWorse: true });
  });

  it('an activity renamed in between is not compared; the same name in other case is', () => {
    const first = { 'activity-1': { value: 2, label: 'Running 20 minutes' }, 'activity-2': { value: 3, label: 'Stairs' }, 'activity-3': { value: 4, label: 'Gardening' } };
    const latest = { 'activity-1': { value: 6, label: 'running 20 minutes ' }, 'activity-2': { value: 5, label: 'Cycling' }, 'activity-3': { value: 4, label: 'Gardening' } };
    const c = measureChange(psfs, [at('2026-01-05', first), at('2026-02-02', latest)]);
    expect(Object.keys(c.items)).toEqual(['activity-1', 'activity-3']);
    expect(c.items['activity-1']).toMatchObject({ change: 4, clinicallyImproved: true });
  });

  it('takes responses in date order and skips responses that are not valid', () => {
    const c = measureChange(psfs, [
      at('2026-03-01', activities(9, 9)), // latest by date, but only two activities: skipped
      at('2026-02-02', activities(4, 4, 7)),
      at('2026-01-05', activities(2, 3, 4)),
      at('2025-12-20', activities(1, 1, 12)), // earliest by date, but off the scale: skipped
    ]);
    expect(c.first?.date).toBe('2026-01-05');
    expect(c.latest?.date).toBe('2026-02-02');
    expect(c.change).toBe(2);
  });

  it('one valid response: a first, no latest, no change; none: nothing', () => {
    expect(measureChange(psfs, [at('2026-01-05', activities(2, 3, 4))])).toEqual({
      first: { date: '2026-01-05', score: 3, subscores: { 'activity-1': 2, 'activity-2': 3, 'activity-3': 4 } },
      latest: null,
      change: null,
      threshold: null,
      clinicallyImproved: false,
      clinicallyWorse: false,
      items: {},
    });
    expect(measureChange(psfs, [at('2026-01-05', activities(2))])).toMatchObject({ first: null, latest: null, change: null });
    expect(measureChange(psfs, [])).toMatchObject({ first: null, latest: null, change: null });
  });
});

describe('measureChange: higher is worse (pain, larger of 2 points and 30% of the first score)', () => {
  const painAt = (date: string, score: number) => at(date, { 'average-pain': score });

  it('6 → 4 is −2, exactly max(2, 1.8) = 2: improved; 6 → 8 is +2: worse', () => {
    expect(measureChange(pain, [painAt('2026-01-05', 6), painAt('2026-02-02', 4)])).toMatchObject({ change: -2, threshold: 2, clinicallyImproved: true, clinicallyWorse: false });
    expect(measureChange(pain, [painAt('2026-01-05', 6), painAt('2026-02-02', 8)])).toMatchObject({ change: 2, clinicallyImproved: false, clinicallyWorse: true });
  });

  it('8 → 6 is −2 but 30% of 8 = 2.4 is the line: neither; 8 → 5 is −3: improved', () => {
    expect(measureChange(pain, [painAt('2026-01-05', 8), painAt('2026-02-02', 6)])).toMatchObject({ change: -2, threshold: 2.4, clinicallyImproved: false, clinicallyWorse: false });
    expect(measureChange(pain, [painAt('2026-01-05', 8), painAt('2026-02-02', 5)])).toMatchObject({ clinicallyImproved: true });
  });

  it('10 → 7 is −3, exactly 30% of 10: improved', () => {
    expect(measureChange(pain, [painAt('2026-01-05', 10), painAt('2026-02-02', 7)])).toMatchObject({ change: -3, threshold: 3, clinicallyImproved: true });
  });

  it('0 → 2 is +2, the 2-point floor: worse', () => {
    expect(measureChange(pain, [painAt('2026-01-05', 0), painAt('2026-02-02', 2)])).toMatchObject({ change: 2, threshold: 2, clinicallyWorse: true });
  });

  it('the same +2 rise is improved on the PSFS and worse on pain: direction decides', () => {
    expect(measureChange(pain, [painAt('2026-01-05', 3), painAt('2026-02-02', 5)]).clinicallyWorse).toBe(true);
    expect(measureChange(psfs, [at('2026-01-05', activities(3, 3, 3)), at('2026-02-02', activities(5, 5, 5))]).clinicallyImproved).toBe(true);
  });
});

describe('measureChange: MCID in percent of the first score (Oswestry-style fixture, 30%)', () => {
  // Ten items answered each time, so score = sum × 2.
  it('40 → 28 is −12, exactly 30% of 40: improved (higher is worse)', () => {
    const c = measureChange(osw, [at('2026-01-05', oswItems(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)), at('2026-02-02', oswItems(2, 2, 2, 2, 1, 1, 1, 1, 1, 1))]);
    expect(c).toMatchObject({ change: -12, threshold: 12, clinicallyImproved: true, clinicallyWorse: false });
  });

  it('40 → 30 is −10, below 12: neither; 40 → 52 is +12: worse', () => {
    expect(measureChange(osw, [at('2026-01-05', oswItems(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)), at('2026-02-02', oswItems(2, 2, 2, 2, 2, 1, 1, 1, 1, 1))])).toMatchObject({ change: -10, clinicallyImproved: false, clinicallyWorse: false });
    expect(measureChange(osw, [at('2026-01-05', oswItems(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)), at('2026-02-02', oswItems(3, 3, 3, 3, 3, 3, 2, 2, 2, 2))])).toMatchObject({ change: 12, clinicallyWorse: true });
  });

  it('a first score of 0: no percentage to take, so no judgement', () => {
    const c = measureChange(osw, [at('2026-01-05', oswItems(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), at('2026-02-02', oswItems(5, 5, 5, 5, 5, 5, 5, 5, 5, 5))]);
    expect(c).toMatchObject({ change: 100, threshold: null, clinicallyImproved: false, clinicallyWorse: false });
  });
});

describe('measureChange without an MCID', () => {
  it('running check: the change is reported, never flagged (not established)', () => {
    const c = measureChange(run, [
      at('2026-01-05', { 'pain-free-running': 0, 'weekly-distance': 0, 'longest-run': 0 }),
      at('2026-03-02', { 'pain-free-running': 4, 'weekly-distance': 4, 'longest-run': 4 }),
    ]);
    expect(c).toMatchObject({ change: 12, threshold: null, clinicallyImproved: false, clinicallyWorse: false });
  });

  it('global rating of change: per item, no total and no threshold (not applicable)', () => {
    const c = measureChange(groc, [at('2026-01-05', { 'overall-change': 1 }), at('2026-03-02', { 'overall-change': 5 })]);
    expect(c).toMatchObject({ change: null, threshold: null, clinicallyImproved: false, clinicallyWorse: false });
    expect(c.items['overall-change']).toEqual({ first: 1, latest: 5, change: 4, threshold: null, clinicallyImproved: false, clinicallyWorse: false });
  });

  it('per-item scoring with an established MCID judges each item by it', () => {
    const perItem: Instrument = { ...groc, mcid: { status: 'established', value: 2, unit: 'points', source: 'Test only.' } };
    const c = measureChange(perItem, [at('2026-01-05', { 'overall-change': 1 }), at('2026-03-02', { 'overall-change': 3 })]);
    expect(c.items['overall-change']).toMatchObject({ change: 2, threshold: 2, clinicallyImproved: true });
  });
});

describe('measureDue', () => {
  const schedule = { startDate: '2026-03-02', atIntake: true, everyWeeks: 4, atDischarge: true };

  it('intake is due from the start date until a response answers it', () => {
    expect(measureDue(schedule, [], '2026-03-01')).toEqual({ due: false, occasion: null, dueSince: null, overdue: false });
    expect(measureDue(schedule, [], '2026-03-02')).toEqual({ due: true, occasion: 'intake', dueSince: '2026-03-02', overdue: false });
    // 3 days early still counts (a visit before the start); 4 days early does not.
    expect(measureDue(schedule, ['2026-02-27'], '2026-03-05').due).toBe(false);
    expect(measureDue(schedule, ['2026-02-26'], '2026-03-05').due).toBe(true);
    // Overdue after 7 days: due since 2 Mar, on 10 Mar that is 8 days.
    expect(measureDue(schedule, [], '2026-03-10')).toMatchObject({ due: true, overdue: true });
  });

  it('follow-ups every 4 weeks: 30 Mar is start + 28 days', () => {
    expect(measureDue(schedule, ['2026-03-02'], '2026-03-29').due).toBe(false);
    expect(measureDue(schedule, ['2026-03-02'], '2026-03-30')).toMatchObject({ due: true, occasion: 'follow-up', dueSince: '2026-03-30' });
    expect(measureDue(schedule, ['2026-03-02', '2026-03-31'], '2026-04-02').due).toBe(false);
    // The second follow-up (27 Apr) is due again.
    expect(measureDue(schedule, ['2026-03-02', '2026-03-31'], '2026-04-27')).toMatchObject({ due: true, dueSince: '2026-04-27' });
  });

  it('discharge: due from the discharge day when asked for, latest occasion first', () => {
    expect(measureDue(schedule, ['2026-03-02'], '2026-03-12', '2026-03-12')).toMatchObject({ due: true, occasion: 'discharge', dueSince: '2026-03-12' });
    expect(measureDue({ ...schedule, atDischarge: false }, ['2026-03-02'], '2026-03-12', '2026-03-12').due).toBe(false);
  });
});
