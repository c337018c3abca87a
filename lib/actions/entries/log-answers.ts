import 'server-only';
import type { Actor } from '@/lib/access/actor';
import type { PainMonitoringLimits, SessionTolerance } from '@/lib/analytics/pain-monitoring';
import { logPain, logSession } from '@/lib/data/entries';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { safetyReceipt } from '@/lib/data/safety-alerts';
import type { SafetyReceipt } from '@/lib/safety/receipt';
import type { PainReportInput, TrainingSessionInput } from '@/lib/validation/entries';
import { redFlagsOf } from '@/lib/validation/symptoms';

// What a log form is told after a save, said once for the clinic's log actions (which then
// re-render the patient page) and the portal's (which answer the Log page without a re-render:
// portal-entry-actions.ts). Not a server action module: these take an actor already checked.

export type LoggedPain = { id: string; duplicate: boolean; redFlags: string[]; safety: SafetyReceipt | null };
export type LoggedSession = { id: string; duplicate: boolean; tolerance: SessionTolerance | null; limits: PainMonitoringLimits; notTolerated: boolean };

/** Log pain; with a warning sign, the answer says who was emailed, as recorded after trying. */
export async function logPainAnswer(actor: Actor, data: PainReportInput): Promise<{ patientId: string; answer: LoggedPain }> {
  const result = await logPain(actor, data);
  const safety = result.safetyAlertId && result.tier ? await safetyReceipt(actor, result.safetyAlertId, result.tier) : null;
  return { patientId: result.patientId, answer: { id: result.id, duplicate: result.duplicate, redFlags: redFlagsOf(data.symptoms), safety } };
}

/** Log a session; the answer carries its pain-monitoring verdict so far (lib/analytics/pain-monitoring.ts). */
export async function logSessionAnswer(actor: Actor, data: TrainingSessionInput): Promise<{ patientId: string; answer: LoggedSession }> {
  const result = await logSession(actor, data);
  const monitoring = await listMonitoredSessions(actor, result.patientId, data.date);
  const tolerance = monitoring.sessions.find((s) => s.id === result.id)?.tolerance ?? null;
  return { patientId: result.patientId, answer: { id: result.id, duplicate: result.duplicate, tolerance, limits: monitoring.limits, notTolerated: monitoring.notTolerated } };
}
