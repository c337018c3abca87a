// The fixed vocabularies of logged entries, free of zod so client components can import
// them without shipping the validation library to a patient's phone.
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
