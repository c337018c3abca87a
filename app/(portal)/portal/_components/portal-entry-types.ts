import type { PainMonitoringLimits, SessionTolerance } from '@/lib/analytics/pain-monitoring';
import type { SafetyReceipt } from '@/lib/safety/receipt';

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
