'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import type { PainMonitoringLimits, SessionTolerance } from '@/lib/analytics/pain-monitoring';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { logSession } from '@/lib/data/entries';
import { trainingSessionSchema } from '@/lib/validation/entries';

export type LoggedSession = { id: string; duplicate: boolean; tolerance: SessionTolerance | null; limits: PainMonitoringLimits; notTolerated: boolean };

/**
 * Log a run or other session: portal and clinic share this action. The answer carries the
 * session's pain-monitoring verdict so far (lib/analytics/pain-monitoring.ts).
 */
export async function logSessionAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<LoggedSession>> {
  return runAction(trainingSessionSchema, input, async (actor, data) => {
    const result = await logSession(actor, data);
    revalidatePatient(result.patientId);
    const monitoring = await listMonitoredSessions(actor, result.patientId, data.date);
    const tolerance = monitoring.sessions.find((s) => s.id === result.id)?.tolerance ?? null;
    return { id: result.id, duplicate: result.duplicate, tolerance, limits: monitoring.limits, notTolerated: monitoring.notTolerated };
  });
}
