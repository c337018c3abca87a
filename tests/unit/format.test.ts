import { describe, expect, it } from 'vitest';
import { formatChartDay, formatDate, formatDateTime, formatLongDay, formatRelativeDate, formatRoles, localHour, orderRoles } from '@/lib/format';

describe('formatDate: one format for a calendar day', () => {
  it('reads "30 Nov 2026"', () => {
    expect(formatDate('2026-11-30')).toBe('30 Nov 2026');
    expect(formatDate('2026-01-05')).toBe('5 Jan 2026');
  });

  it('never slips a day, whatever the server time zone (noon UTC)', () => {
    for (const day of ['2026-01-01', '2026-03-29', '2026-10-25', '2024-02-29', '2026-12-31']) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      expect(formatDate(day)).toMatch(new RegExp(`^${d} \\w{3,4} ${y}$`));
      expect(formatDate(day)).toContain(new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }));
    }
  });

  it('shows a dash for no day', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });
});

describe('formatRelativeDate', () => {
  it('says Today and Yesterday, else the day', () => {
    expect(formatRelativeDate('2026-11-30', '2026-11-30')).toBe('Today');
    expect(formatRelativeDate('2026-11-29', '2026-11-30')).toBe('Yesterday');
    expect(formatRelativeDate('2026-11-28', '2026-11-30')).toBe('28 Nov 2026');
    // Across a month and a year boundary.
    expect(formatRelativeDate('2026-12-31', '2027-01-01')).toBe('Yesterday');
    // A day after "today" (another time zone) is a plain day, not "Today".
    expect(formatRelativeDate('2026-12-01', '2026-11-30')).toBe('1 Dec 2026');
  });
});

describe('formatChartDay', () => {
  it('drops the year on an axis', () => {
    expect(formatChartDay('2026-11-30')).toBe('30 Nov');
  });
});

describe('formatLongDay and localHour: the portal greeting, in the practice time zone', () => {
  it('names the day in full, in the practice time zone', () => {
    expect(formatLongDay(new Date('2026-12-02T10:00:00Z'), 'Europe/London')).toBe('Wednesday 2 December');
    expect(formatLongDay(new Date('2026-12-02T23:30:00Z'), 'Australia/Sydney')).toBe('Thursday 3 December');
    expect(formatLongDay(new Date('2026-12-02T03:30:00Z'), 'America/New_York')).toBe('Tuesday 1 December');
  });

  it('gives the hour 0–23 there, each time zone with its own formatter', () => {
    expect(localHour(new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toBe(0);
    expect(localHour(new Date('2026-07-01T23:30:00Z'), 'America/New_York')).toBe(19);
    expect(localHour(new Date('2026-07-01T12:00:00Z'), 'UTC')).toBe(12);
    expect(localHour(new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toBe(0);
  });
});

describe('formatDateTime: an instant in the practice time zone', () => {
  it('reads "30 Nov 2026, 20:53"', () => {
    expect(formatDateTime(new Date('2026-11-30T20:53:10Z'), 'Europe/London')).toBe('30 Nov 2026, 20:53');
  });

  it('uses the practice time zone, not the server one (summer time, day change)', () => {
    expect(formatDateTime(new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toBe('2 Jul 2026, 00:30');
    expect(formatDateTime('2026-07-01T23:30:00Z', 'America/New_York')).toBe('1 Jul 2026, 19:30');
    expect(formatDateTime(new Date('2026-11-30T20:53:00Z'), 'Australia/Sydney')).toBe('1 Dec 2026, 07:53');
  });

  it('uses a 24-hour clock, midnight as 00', () => {
    expect(formatDateTime(new Date('2026-01-10T00:05:00Z'), 'UTC')).toBe('10 Jan 2026, 00:05');
  });

  it('shows a dash for nothing or an invalid instant', () => {
    expect(formatDateTime(null, 'UTC')).toBe('—');
    expect(formatDateTime(undefined, 'UTC')).toBe('—');
    expect(formatDateTime('not a date', 'UTC')).toBe('—');
  });
});

describe('formatRoles: one order everywhere', () => {
  it('lists physio before admin before patient, whatever the stored order', () => {
    expect(formatRoles(['admin', 'physio'])).toBe('Physio and admin');
    expect(formatRoles(['physio', 'admin'])).toBe('Physio and admin');
    expect(formatRoles(['patient', 'admin', 'physio'])).toBe('Physio, admin and patient');
  });

  it('one role, none, duplicates', () => {
    expect(formatRoles(['admin'])).toBe('Admin');
    expect(formatRoles(['patient'])).toBe('Patient');
    expect(formatRoles([])).toBe('');
    expect(formatRoles(['admin', 'admin'])).toBe('Admin');
  });

  it('orderRoles gives the same order for badges', () => {
    expect(orderRoles(['admin', 'physio'])).toEqual(['physio', 'admin']);
    expect(orderRoles(['patient', 'other', 'admin'])).toEqual(['admin', 'patient', 'other']);
  });
});
