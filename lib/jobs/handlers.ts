import 'server-only';
import { escalateSafetyAlert, sendSafetyEmail } from '@/lib/safety/jobs';
import type { JobHandler } from './worker';

/** Every kind of background job and the function that runs it. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  'safety.email': sendSafetyEmail,
  'safety.escalate': escalateSafetyAlert,
};
