// Small pure helpers for the patient portal: submission keys, scale words, units, days.
// Safe on the server and in the browser (no I/O, no JSX).

import { daysBetween, dayMonth } from '@/lib/dates';

/** A fresh idempotency key per submission or tap. Falls back to getRandomValues outside secure contexts. */
export function newKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The word for a point on a 0–10 scale: its anchor, or "between X and Y" for the points in between. */
export function anchorWord(value: number, anchors: Record<number, string>): string {
  const exact = anchors[value];
  if (exact) return exact;
  const points = Object.keys(anchors).map(Number).sort((a, b) => a - b);
  const below = [...points].reverse().find((p) => p < value);
  const above = points.find((p) => p > value);
  if (below === undefined || above === undefined) return '';
  return `between ${(anchors[below] ?? '').toLowerCase()} and ${(anchors[above] ?? '').toLowerCase()}`;
}

import { fromKm, type DistanceUnit } from '@/lib/units';

export type { DistanceUnit };

/** Distances are stored in km and shown in the practice's unit, to 2 decimals at most. */
export function kmToUnit(km: number, unit: DistanceUnit): number {
  return Math.round(fromKm(km, unit) * 100) / 100;
}

export function formatDistance(km: number, unit: DistanceUnit): string {
  const value = kmToUnit(km, unit);
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${unit}`;
}

const shortFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const asUtc = (iso: string) => new Date(`${iso}T12:00:00Z`);

/** "Today", "Yesterday" or "Tue 14 May" for a calendar day. */
export function dayLabel(iso: string, today: string): string {
  if (iso === today) return 'Today';
  if (daysBetween(iso, today) === 1) return 'Yesterday';
  return dayMonth(iso);
}

/** "14 May" for chart axes and tables. */
export const shortDay = (iso: string) => shortFormat.format(asUtc(iso));
/** "14 May 2025" for program dates. */
export const longDay = (iso: string) => longFormat.format(asUtc(iso));
