// Distances are stored in km and shown in the practice's unit.
import type { DistanceUnit } from '@/lib/validation/vocabulary';

export type { DistanceUnit };
export const KM_PER_MILE = 1.609344;

export const toKm = (distance: number, unit: DistanceUnit) => (unit === 'mi' ? distance * KM_PER_MILE : distance);
export const fromKm = (km: number, unit: DistanceUnit) => (unit === 'mi' ? km / KM_PER_MILE : km);
