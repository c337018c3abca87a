// Small pure helpers for the patient portal: submission keys, scale words, units, days.
// Safe on the server and in the browser (no I/O, no JSX).

import { formatChartDay, formatDate, formatRelativeDate } from '@/lib/format';

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

// Days use the app's one set of formats (lib/format.ts).
/** "Today", "Yesterday" or "30 Nov 2026" for a calendar day. */
export const dayLabel = (iso: string, today: string): string => formatRelativeDate(iso, today);
/** "30 Nov" for chart axes. */
export const shortDay = (iso: string) => formatChartDay(iso);
/** "30 Nov 2026" for program dates. */
export const longDay = (iso: string) => formatDate(iso);
