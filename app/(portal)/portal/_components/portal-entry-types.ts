import type { PainMonitoringLimits, SessionTolerance } from '@/lib/analytics/pain-monitoring';
import type { SafetyReceipt } from '@/lib/safety/receipt';
import { fieldList, fieldText } from '@/lib/actions/form-values';
import { redFlagsOf } from '@/lib/validation/symptoms';

// What the portal's pain and session forms show after a save: from the server's answer
// online, or from the form itself when the entry was kept on the phone to send later
// (`queued`: the practice has not been told anything yet).

export type PainSaved = { score: number; redFlags: string[]; safety: SafetyReceipt | null; queued: boolean };

export type SessionSaved = {
  activity: string;
  durationMin: number;
  distance: number | null;
  rpe: number;
  painDuring: number | null;
  monitoring: { tolerance: SessionTolerance | null; limits: PainMonitoringLimits; notTolerated: boolean } | null;
  queued: boolean;
};

export type TickSaved = { done: boolean; queued: boolean };

/**
 * A pain report as its form sent it, for the confirmation: a correction's answer and the
 * phone's own copy of a report kept to send later (safety null: nobody has been told yet).
 */
export function painSavedFrom(fields: Record<string, unknown>, safety: SafetyReceipt | null, queued: boolean): PainSaved {
  return { score: Number(fieldText(fields, 'score')), redFlags: redFlagsOf(fieldList(fields, 'symptoms')), safety, queued };
}

/** A number field's text as a number, or null when it was left empty (never 0). */
export const numberOrNull = (text: string) => (text === '' ? null : Number(text));

/**
 * A session as its form sent it, for the confirmation: the server's answer (with the
 * pain-monitoring verdict) and the phone's own copy of a session kept to send later (without
 * one) are built here alike, so both show the same figures.
 */
export function sessionSavedFrom(fields: Record<string, unknown>, monitoring: SessionSaved['monitoring'], queued: boolean): SessionSaved {
  return {
    activity: fieldText(fields, 'activity'),
    durationMin: Number(fieldText(fields, 'durationMin')),
    distance: numberOrNull(fieldText(fields, 'distance')),
    rpe: Number(fieldText(fields, 'rpe')),
    painDuring: numberOrNull(fieldText(fields, 'painDuring')),
    monitoring,
    queued,
  };
}
