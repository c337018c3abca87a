// Each file format's word for a sport, mapped to Loadline's activity vocabulary
// (lib/validation/vocabulary.ts). Words are compared lower-case without spaces or
// punctuation, so FIT's "trailRunning", TCX's "Running" and Strava's "Trail Run" all match.
import type { Activity } from './types';

const WORDS: Record<string, Activity> = {};
const add = (activity: Activity, words: string[]) => words.forEach((w) => (WORDS[w] = activity));

add('run', ['run', 'running', 'trailrun', 'trailrunning', 'treadmill', 'treadmillrunning', 'virtualrun', 'virtualrunning', 'streetrunning', 'trackrunning', 'indoorrunning', 'ultrarun', 'wheelchairpushrun']);
add('walk', ['walk', 'walking', 'hike', 'hiking', 'speedwalking', 'casualwalking', 'indoorwalking', 'snowshoe', 'snowshoeing', 'mountaineering', 'wheelchairpushwalk']);
add('cycle', ['ride', 'cycling', 'biking', 'bike', 'virtualride', 'ebikeride', 'ebiking', 'emountainbikeride', 'mountainbikeride', 'gravelride', 'gravelcycling', 'indoorcycling', 'spinning', 'handcycle', 'velomobile']);
add('swim', ['swim', 'swimming', 'lapswimming', 'openwater', 'openwaterswimming']);
add('strength', ['weighttraining', 'strengthtraining', 'strength', 'crossfit', 'crosstraining', 'workout', 'hiit']);

/** GPX files from some apps give a number (Strava: 1 ride, 9 run, 10 walk, 4 hike). */
const NUMBERED: Record<string, Activity> = { '1': 'cycle', '4': 'walk', '9': 'run', '10': 'walk' };

/** The activity for the most specific word first (a FIT sub-sport, then its sport); "other" when none is known. */
export function mapSport(...labels: (string | null | undefined)[]): Activity {
  for (const label of labels) {
    if (!label) continue;
    const key = String(label).toLowerCase().replace(/[^a-z0-9]/g, '');
    const found = WORDS[key] ?? NUMBERED[key];
    if (found) return found;
  }
  return 'other';
}
