// The fixed vocabularies of the product, each defined once: db/schema.ts types its columns
// with them, the zod schemas validate against them and the pages label them. Free of zod
// (and of any import) so client components and drizzle-kit can import this file as it is.

/** Who an account is: a login holds one or more staff roles, or is a patient's own. */
export const ROLES = ['physio', 'admin', 'patient'] as const;
export type Role = (typeof ROLES)[number];
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const PATIENT_STATUSES = ['active', 'discharged', 'archived'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];
export const PROGRAM_STATUSES = ['active', 'ended'] as const;
/** The practice's unit for distances (stored in km: lib/units.ts converts). */
export const DISTANCE_UNITS = ['km', 'mi'] as const;
export type DistanceUnit = (typeof DISTANCE_UNITS)[number];
/** How a library exercise is drawn: two-position figures, or a placeholder until it has them. */
export const ILLUSTRATIONS = ['figure', 'placeholder'] as const;
export type Illustration = (typeof ILLUSTRATIONS)[number];
/** Who wrote a logged entry: the patient in the portal, the clinic, or an imported file. */
export const ENTRY_SOURCES = ['patient', 'clinic', 'import'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/** The caseload's alert kinds (lib/analytics/alerts.ts raises them and may raise no other). */
export const ALERT_KINDS = ['red-flag', 'pain-worse', 'load-not-tolerated', 'acwr-spike', 'distance-spike', 'low-adherence', 'no-logs'] as const;

/** Warning-sign tiers, most urgent first: what each means, and all its wording, is in lib/validation/symptoms.ts. */
export const RED_FLAG_TIERS = ['emergency', 'same-day', 'review'] as const;
export type RedFlagTier = (typeof RED_FLAG_TIERS)[number];
/** Whether the email about a warning sign went (safety_notifications.status). */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'not-configured'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
/** Why someone was told about a warning sign (safety_notifications.reason). */
export const NOTIFICATION_REASONS = ['opened', 'raised', 'escalated', 'no-active-physio'] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];

// Logged entries.
export const ACTIVITIES = ['run', 'walk', 'cycle', 'swim', 'strength', 'other'] as const;
export const PAIN_LOCATIONS = ['lower-back', 'upper-back', 'hip-buttock', 'leg-left', 'leg-right', 'other'] as const;
export const PAIN_TIMINGS = ['during-run', 'after-run', 'morning', 'at-rest', 'at-night'] as const;
/** The next-morning check-in after a session: pain and stiffness compared with the usual. */
export const MORNING_AFTER = ['better', 'usual', 'worse'] as const;
export const TERRAINS = ['flat', 'hills', 'trail', 'treadmill'] as const;
/** Activities for which a distance makes sense. */
export const DISTANCE_ACTIVITIES: ReadonlySet<string> = new Set(['run', 'walk', 'cycle', 'swim']);

/** Words for the vocabularies, shared by the portal forms and the clinic pages. */
export const PAIN_LOCATION_LABELS: Record<string, string> = {
  'lower-back': 'Lower back', 'upper-back': 'Upper back', 'hip-buttock': 'Hip or buttock', 'leg-left': 'Left leg', 'leg-right': 'Right leg', other: 'Somewhere else',
};
export const PAIN_TIMING_LABELS: Record<string, string> = {
  'during-run': 'During a run', 'after-run': 'After a run', morning: 'In the morning', 'at-rest': 'At rest', 'at-night': 'At night',
};
/** Where and when a pain report says it hurts, in words: e.g. ['Lower back, Left leg', 'After a run']. */
export function painWhereWhen(locations: readonly string[], timing: string | null | undefined): string[] {
  return [locations.map((l) => PAIN_LOCATION_LABELS[l] ?? l).join(', '), timing ? (PAIN_TIMING_LABELS[timing] ?? timing) : ''].filter(Boolean);
}
export const ACTIVITY_LABELS: Record<string, string> = { run: 'Run', walk: 'Walk', cycle: 'Ride', swim: 'Swim', strength: 'Strength', other: 'Other' };
export const TERRAIN_LABELS: Record<string, string> = { flat: 'Flat', hills: 'Hills', trail: 'Trail', treadmill: 'Treadmill' };

export const PAIN_ANCHORS: Record<number, string> = { 0: 'No pain', 2: 'Mild', 5: 'Moderate', 7: 'Severe', 10: 'Worst imaginable' };
export const RPE_ANCHORS: Record<number, string> = {
  0: 'Rest', 1: 'Very, very easy', 2: 'Easy', 3: 'Moderate', 4: 'Somewhat hard', 5: 'Hard', 7: 'Very hard', 10: 'Maximal',
};
