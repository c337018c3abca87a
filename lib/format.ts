// How dates, times and roles read on screen: one format per purpose, used everywhere.
// Pure and safe on the server and in the browser (no I/O, no JSX).
//
//   a calendar day          formatDate('2026-11-30')                    → "30 Nov 2026"
//   a recent calendar day   formatRelativeDate('2026-11-30', today)     → "Today", "Yesterday" or "30 Nov 2026"
//   a chart axis tick       formatChartDay('2026-11-30')                → "30 Nov" (the axis has no room for the year)
//   an instant              formatDateTime(date, 'Europe/London')       → "30 Nov 2026, 20:53" in the practice's time zone
//   today's date, in full   formatLongDay(now, 'Europe/London')         → "Wednesday 2 December"
//   the hour of an instant  localHour(now, 'Europe/London')             → 20 (0–23, in the practice's time zone)
//   roles                   formatRoles(['admin', 'physio'])            → "Physio and admin"

import { daysBetween, formatPerZone, type IsoDate } from '@/lib/dates';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const chartDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateTimeFormat = formatPerZone('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const longDayFormat = formatPerZone('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });
const hourFormat = formatPerZone('en-GB', { hour: 'numeric', hourCycle: 'h23' });

/** Noon UTC of a calendar day: formatting it in UTC can never slip to the day before or after. */
const noonOf = (iso: IsoDate) => new Date(`${iso}T12:00:00Z`);

/** A calendar day ('YYYY-MM-DD'): "30 Nov 2026". */
export function formatDate(iso: IsoDate): string;
export function formatDate(iso: IsoDate | null | undefined): string;
export function formatDate(iso: IsoDate | null | undefined): string {
  return iso ? dayFormat.format(noonOf(iso)) : '—';
}

/** A calendar day near today: "Today", "Yesterday", else formatDate ("30 Nov 2026"). */
export function formatRelativeDate(iso: IsoDate, today: IsoDate): string {
  const ago = daysBetween(iso, today);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  return formatDate(iso);
}

/** A chart's axis tick, where the year does not fit: "30 Nov". Tooltips and tables use formatDate. */
export function formatChartDay(iso: IsoDate): string {
  return chartDayFormat.format(noonOf(iso));
}

/** An instant in the practice's time zone, 24-hour clock: "30 Nov 2026, 20:53". */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return '—';
  const parts = Object.fromEntries(dateTimeFormat(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

/** An instant's day in the practice's time zone, in full: "Wednesday 2 December". */
export function formatLongDay(instant: Date, timeZone: string): string {
  return longDayFormat(timeZone).format(instant);
}

/** The hour (0–23) of an instant in the practice's time zone. */
export function localHour(instant: Date, timeZone: string): number {
  return Number(hourFormat(timeZone).format(instant));
}

/** The one order roles are listed in, everywhere: the clinical role first. */
export const ROLE_ORDER = ['physio', 'admin', 'patient'] as const;
export const ROLE_LABELS: Record<string, string> = { physio: 'Physio', admin: 'Admin', patient: 'Patient' };

const rank = (role: string) => {
  const i = (ROLE_ORDER as readonly string[]).indexOf(role);
  return i === -1 ? ROLE_ORDER.length : i;
};

/** Roles in ROLE_ORDER (unknown ones last, alphabetically), without duplicates: for lists of badges. */
export function orderRoles<R extends string>(roles: readonly R[]): R[] {
  return [...new Set(roles)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Roles as a phrase in ROLE_ORDER: "Physio", "Physio and admin", "Physio, admin and patient". */
export function formatRoles(roles: readonly string[]): string {
  const words = orderRoles(roles).map((r, i) => {
    const label = ROLE_LABELS[r] ?? r.replace(/[-_]/g, ' ');
    return i === 0 ? label.charAt(0).toUpperCase() + label.slice(1) : label.toLowerCase();
  });
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * When a questionnaire is asked for, in words: "at intake (3 Mar) · every 4 weeks · at discharge".
 * `intakeDate` adds the day to "at intake" (a live schedule); a template's default has none.
 */
export function formatMeasureOccasions(s: { atIntake: boolean; everyWeeks?: number | null; atDischarge: boolean }, intakeDate?: IsoDate): string {
  return [
    s.atIntake && (intakeDate ? `at intake (${formatDate(intakeDate)})` : 'at intake'),
    s.everyWeeks && `every ${s.everyWeeks} week${s.everyWeeks === 1 ? '' : 's'}`,
    s.atDischarge && 'at discharge',
  ]
    .filter(Boolean)
    .join(' · ');
}
