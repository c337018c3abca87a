// Calendar days as 'YYYY-MM-DD' strings. All arithmetic runs in UTC on the date
// itself, so a day is always a day whatever the server's own time zone is.
export type IsoDate = string;

const DAY_MS = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `length` ASCII digits at `at`, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Days since 1970-01-01 of a real calendar day 'YYYY-MM-DD', or null for anything else.
 * Integer arithmetic (the proleptic Gregorian calendar, as Date uses), no Date objects and no
 * regular expression: charts and alerts call this for every day and every log they read.
 */
export function dayNumber(value: string): number | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  // Years counted from March, so the leap day is the last of its year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of a day number (the inverse of dayNumber), or null outside years 0000–9999. */
function isoOfDayNumber(n: number): IsoDate | null {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A real calendar day as 'YYYY-MM-DD' (no Date objects: this runs for every log an alert reads). */
export function isIsoDate(value: string): boolean {
  return dayNumber(value) !== null;
}

/**
 * One format in any time zone: building an Intl.DateTimeFormat costs far more than using one,
 * so each time zone's formatter is built on first use and kept (an unknown zone throws, as
 * Intl does, and nothing is kept).
 */
export function formatPerZone(locale: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): (timeZone: string) => Intl.DateTimeFormat {
  const built = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = built.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      built.set(timeZone, format);
    }
    return format;
  };
}

// en-CA formats as YYYY-MM-DD.
const dayFormat = formatPerZone('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day an instant falls on in a time zone (e.g. 23:30 in London stays that day). */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return dayFormat(timeZone).format(instant);
}

const dayMonthFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Thu 5 Nov": a calendar day as people read it (for messages that are stored, so never "today"). */
export function dayMonth(date: IsoDate): string {
  return dayMonthFormat.format(new Date(`${date}T12:00:00Z`));
}

// addDays and daysBetween work on day numbers for real calendar days. Anything else (a
// whole number of days aside) keeps Date's own reading: Date.parse accepts '2026-02-30' as
// 2 March and refuses '2026-13-01', and the results below stay exactly what they were.
export function addDays(date: IsoDate, days: number): IsoDate {
  const n = dayNumber(date);
  const fast = n !== null && Number.isInteger(days) ? isoOfDayNumber(n + days) : null;
  return fast ?? new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const from = dayNumber(a);
  const to = dayNumber(b);
  if (from !== null && to !== null) return to - from;
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Every day from..to inclusive. */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const n = daysBetween(from, to);
  const start = dayNumber(from);
  // A real calendar day is read once, not once per day of the range (charts ask for a year).
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => (start !== null && isoOfDayNumber(start + i)) || addDays(from, i));
}

/** Age in whole years on a given day. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
