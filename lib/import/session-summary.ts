// One line naming an imported session, above its rating form (portal and patient page alike).
import type { IsoDate } from '@/lib/dates';
import { formatDate } from '@/lib/format';
import { fromKm, type DistanceUnit } from '@/lib/units';
import { ACTIVITY_LABELS } from '@/lib/validation/vocabulary';

export function importedSessionSummary(s: { activity: string; localDate: IsoDate; durationMin: number; distanceKm: number | null }, unit: DistanceUnit): string {
  return [ACTIVITY_LABELS[s.activity] ?? s.activity, formatDate(s.localDate), `${Math.round(s.durationMin)} min`, s.distanceKm !== null ? `${fromKm(s.distanceKm, unit).toFixed(1)} ${unit}` : null]
    .filter(Boolean)
    .join(' · ');
}
