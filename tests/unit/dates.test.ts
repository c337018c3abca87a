import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateRange, dayMonth, daysBetween, isIsoDate, localDate } from '@/lib/dates';

// The slow, obviously right definition: a day is valid when Date reads it back unchanged.
const viaDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

describe('isIsoDate', () => {
  it('accepts real days, leap days included', () => {
    for (const day of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31', '1999-04-30']) expect(isIsoDate(day)).toBe(true);
  });

  it('refuses impossible days and other shapes', () => {
    for (const day of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01', '2026-01-01T00:00', ' 2026-01-01', '']) {
      expect(isIsoDate(day)).toBe(false);
    }
  });

  it('agrees with Date on any YYYY-MM-DD shaped string', () => {
    const part = (len: number) => fc.stringMatching(new RegExp(`^\\d{${len}}$`));
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: 1, max: 9999 }).map((y) => String(y).padStart(4, '0')), part(2), part(2)), ([y, m, d]) => {
        const value = `${y}-${m}-${d}`;
        expect(isIsoDate(value)).toBe(viaDate(value));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});

describe('localDate', () => {
  it('gives the day in the practice time zone, reusing its formatter', () => {
    const lateEvening = new Date('2026-07-01T22:30:00Z'); // 23:30 in London (BST), 08:30 next day in Sydney
    expect(localDate(lateEvening, 'Europe/London')).toBe('2026-07-01');
    expect(localDate(lateEvening, 'Australia/Sydney')).toBe('2026-07-02');
    expect(localDate(lateEvening, 'America/New_York')).toBe('2026-07-01');
    expect(localDate(new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toBe('2026-07-02');
  });
});

// The Date-based definitions addDays and daysBetween had before they did integer arithmetic.
const addDaysViaDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetweenViaDate = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const anyDay = fc.integer({ min: -719_528, max: 2_932_896 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10)); // 0000-01-01 … 9999-12-31
const dayShaped = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
/** Both definitions, or both throwing (Date refuses '2026-13-01'). */
const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (error) {
    return { threw: (error as Error).name };
  }
};

describe('day arithmetic', () => {
  it('agrees with Date for every real day and offset, across years 0000–9999 and past their ends', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -4_000_000, max: 4_000_000 }), (day, offset) => {
        expect(outcome(() => addDays(day, offset))).toEqual(outcome(() => addDaysViaDate(day, offset)));
      }),
      { numRuns: 5000, seed: 11 },
    );
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        expect(daysBetween(a, b)).toBe(daysBetweenViaDate(a, b));
      }),
      { numRuns: 5000, seed: 12 },
    );
  });

  it("keeps Date's reading of strings that are not real days (2026-02-30 is 2 March; 2026-13-01 is refused)", () => {
    fc.assert(
      fc.property(dayShaped, fc.integer({ min: -400, max: 400 }), anyDay, (shaped, offset, real) => {
        expect(outcome(() => addDays(shaped, offset))).toEqual(outcome(() => addDaysViaDate(shaped, offset)));
        expect(daysBetween(shaped, real)).toEqual(daysBetweenViaDate(shaped, real));
        expect(daysBetween(real, shaped)).toEqual(daysBetweenViaDate(real, shaped));
      }),
      { numRuns: 5000, seed: 13 },
    );
    expect(addDays('2026-02-30', 0)).toBe('2026-03-02');
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(addDays('2026-01-01', 0.5)).toBe('2026-01-01'); // half a day: Date's reading, as before
    expect(daysBetween('nonsense', '2026-01-01')).toBeNaN();
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // clocks change in Europe on 29 March
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(dayMonth('2026-03-14')).toBe('Sat 14 Mar');
  });
});

describe('dateRange', () => {
  it('lists every day from..to, across month ends and a leap day', () => {
    expect(dateRange('2028-02-27', '2028-03-02')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02']);
    expect(dateRange('2026-12-30', '2027-01-01')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
    expect(dateRange('2026-05-05', '2026-05-05')).toEqual(['2026-05-05']);
    expect(dateRange('2026-05-05', '2026-05-04')).toEqual([]);
  });

  it('is day after day by addDays, for any start and length', () => {
    const day = fc.integer({ min: 0, max: 200_000 }).map((n) => addDays('1900-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (from, length) => {
        const to = addDays(from, length);
        expect(dateRange(from, to)).toEqual(Array.from({ length: length + 1 }, (_, i) => addDays(from, i)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps Date’s reading of a day that does not exist', () => {
    // Date reads 30 February as 2 March, as addDays and daysBetween do.
    expect(dateRange('2026-02-30', '2026-03-03')).toEqual(['2026-03-02', '2026-03-03']);
  });
});
