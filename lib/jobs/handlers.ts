import 'server-only';
import { escalateSafetyAlert, sendSafetyEmail } from '@/lib/safety/jobs';
import { EXERCISE_REMINDER_KIND, sendExerciseReminder, sendWeeklySummary, WEEKLY_SUMMARY_KIND } from '@/lib/reminders/jobs';
import { ALERT_REFRESH_KIND, refreshPracticeAlerts } from './alert-refresh';
import type { JobHandler } from './worker';

/** Every kind of background job and the function that runs it. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  'safety.email': sendSafetyEmail,
  'safety.escalate': escalateSafetyAlert,
  [ALERT_REFRESH_KIND]: refreshPracticeAlerts,
  [EXERCISE_REMINDER_KIND]: sendExerciseReminder,
  [WEEKLY_SUMMARY_KIND]: sendWeeklySummary,
};
