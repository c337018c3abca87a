import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayMonth, daysBetween, isIsoDate, localDate } from '@/lib/dates';

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

describe('day arithmetic', () => {
  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // clocks change in Europe on 29 March
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(dayMonth('2026-03-14')).toBe('Sat 14 Mar');
  });
});
