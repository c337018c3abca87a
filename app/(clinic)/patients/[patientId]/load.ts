import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import type { Actor } from '@/lib/access/actor';
import { getPatientAlerts } from '@/lib/data/caseload';
import { listPatientMeasures } from '@/lib/data/measures';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { listEntries } from '@/lib/data/entries';
import { getPatient, getPortalAccount } from '@/lib/data/patients';
import { getActiveProgram, listProgramHistory } from '@/lib/data/programs';
import { getReminderSettings } from '@/lib/data/reminders';
import { listSafetyAlerts } from '@/lib/data/safety-alerts';
import { getPatientTrends } from '@/lib/data/trends';
import { isAppError } from '@/lib/errors';

/** A malformed id in the URL is a 404 page, before anything is read with it. */
export function patientIdOr404(id: string): string {
  if (!z.uuid().safeParse(id).success) notFound();
  return id;
}

/** Load by id from the URL: a malformed id or a record the actor cannot reach is a 404 page. */
export async function patientOr404<T>(actor: Actor, id: string, load: (actor: Actor, id: string) => Promise<T>): Promise<T> {
  patientIdOr404(id);
  return load(actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
}

// The patient page's reads, each once per request (React cache: same actor object, same
// arguments, same promise). The page starts them all at once, before its header is
// rendered, and the streamed sections that share one (the charts and the recent lists
// both need the sessions' pain-monitoring verdicts and the trends) await the same promise:
// every read runs in parallel and every analytics function runs once. Each data function
// still checks access itself.
export const loadPatient = cache(getPatient);
export const loadPortalAccount = cache(getPortalAccount);
export const loadAlerts = cache(getPatientAlerts);
export const loadWarningSigns = cache((actor: Actor, patientId: string) => listSafetyAlerts(actor, patientId));
export const loadTrends = cache(getPatientTrends);
/** Every session of the charts' range with its pain-monitoring verdict (lib/analytics/pain-monitoring.ts). */
export const loadMonitoredSessions = cache((actor: Actor, patientId: string, from: string) => listMonitoredSessions(actor, patientId, from));
export const loadRecentPain = cache((actor: Actor, patientId: string) => listEntries(actor, 'pain', patientId, { includeVoided: true, limit: 10 }));
export const loadRecentSessions = cache((actor: Actor, patientId: string) => listEntries(actor, 'session', patientId, { includeVoided: true, limit: 10 }));
export const loadActiveProgram = cache(getActiveProgram);
export const loadProgramHistory = cache(listProgramHistory);
export const loadMeasures = cache(listPatientMeasures);
export const loadReminders = cache(getReminderSettings);

/**
 * Start a read now and let a section await it later. A read whose page ends early (a 404,
 * a permission error shown by the page) must not surface as an unhandled rejection; the
 * section that awaits it still sees the error.
 */
export function preload(read: Promise<unknown>): void {
  read.catch(() => undefined);
}
