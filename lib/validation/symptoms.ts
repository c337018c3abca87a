// The one source of warning-sign (red-flag) wording and tiers. The portal's pain form and
// safety message, the clinic's alerts, the printed handout and every article's and
// program's "when to get help" part (the `::when-to-get-help` line in content/) are
// rendered from this file; tests/unit/safety-vocabulary.test.ts refuses any other text
// that states a rule of its own.

import { RED_FLAG_TIERS, type RedFlagTier } from './vocabulary';

/**
 * The tiers (vocabulary, shared with the schema):
 * emergency: signs of cauda equina syndrome or a quickly progressing nerve problem;
 * same-day: a nerve or other cause that needs a check today;
 * review: worth a look at the next contact.
 */
export { RED_FLAG_TIERS, type RedFlagTier };

/** Each tier in a word or two, for lists that name the tier (the audit log). */
export const TIER_LABELS: Readonly<Record<RedFlagTier, string>> = { emergency: 'Emergency', 'same-day': 'Same day', review: 'Review at the next contact' };

/** Higher is more urgent. */
export const TIER_RANK: Readonly<Record<RedFlagTier, number>> = { emergency: 3, 'same-day': 2, review: 1 };

export const SYMPTOMS = [
  { key: 'stiffness', label: 'Stiffness', tier: null },
  { key: 'muscle-spasm', label: 'Muscle spasm', tier: null },
  { key: 'buttock-pain', label: 'Pain into the buttock', tier: null },
  { key: 'sleep-disturbed', label: 'Pain woke me at night', tier: 'review' },
  { key: 'pain-below-knee', label: 'Pain below the knee that is new or spreading', tier: 'same-day' },
  { key: 'leg-numbness', label: 'New numbness or tingling in one leg', tier: 'same-day' },
  { key: 'leg-weakness', label: 'Weakness in one leg (foot slapping down, knee giving way)', tier: 'same-day' },
  { key: 'fever-weight-loss', label: 'Fever, or weight loss I cannot explain, with back pain', tier: 'same-day' },
  { key: 'leg-weakness-worsening', label: 'Weakness in both legs, or leg weakness that is quickly getting worse', tier: 'emergency' },
  { key: 'both-legs', label: 'Pain, numbness or tingling in both legs', tier: 'emergency' },
  { key: 'saddle-numbness', label: 'Numbness around the bottom, genitals or inner thighs (saddle area)', tier: 'emergency' },
  { key: 'bladder-bowel', label: 'New problems controlling the bladder or bowel', tier: 'emergency' },
  { key: 'sexual-dysfunction', label: 'New problems with sexual function', tier: 'emergency' },
] as const satisfies readonly { key: string; label: string; tier: RedFlagTier | null }[];

export type SymptomKey = (typeof SYMPTOMS)[number]['key'];
export const SYMPTOM_KEYS = SYMPTOMS.map((s) => s.key) as [SymptomKey, ...SymptomKey[]];

/**
 * Warning signs that are not a box the patient ticks but a pattern in what they log:
 * severe pain (the practice's "severe" score, default 8, or more) on two days running.
 */
export const DERIVED_FLAGS = [{ key: 'severe-pain-two-days', label: 'Severe pain on two days running', tier: 'review' }] as const;
export type DerivedFlagKey = (typeof DERIVED_FLAGS)[number]['key'];
export type FlagKey = SymptomKey | DerivedFlagKey;

const FLAGS: readonly { key: string; label: string; tier: RedFlagTier | null }[] = [...SYMPTOMS, ...DERIVED_FLAGS];
const TIER_OF = new Map(FLAGS.filter((f) => f.tier !== null).map((f) => [f.key, f.tier as RedFlagTier]));

export const RED_FLAG_KEYS: ReadonlySet<string> = new Set(SYMPTOMS.filter((s) => s.tier !== null).map((s) => s.key));
export const tierOf = (key: string): RedFlagTier | null => TIER_OF.get(key) ?? null;
export const symptomLabel = (key: string) => FLAGS.find((s) => s.key === key)?.label ?? key;
/** Flags most urgent first (vocabulary order within a tier), for anything a clinician reads. */
export const byUrgency = (flags: readonly string[]) => [...flags].sort((a, b) => (TIER_RANK[tierOf(b) ?? 'review'] ?? 0) - (TIER_RANK[tierOf(a) ?? 'review'] ?? 0) || FLAGS.findIndex((f) => f.key === a) - FLAGS.findIndex((f) => f.key === b));
/** The ticked symptoms that are warning signs, in vocabulary order. */
export const redFlagsOf = (symptoms: readonly string[]) => SYMPTOMS.filter((s) => s.tier !== null && symptoms.includes(s.key)).map((s) => s.key);

/** The most urgent tier among these flags, or null when none is a warning sign. */
export function highestTier(flags: readonly string[]): RedFlagTier | null {
  let best: RedFlagTier | null = null;
  for (const flag of flags) {
    const tier = tierOf(flag);
    if (tier && (best === null || TIER_RANK[tier] > TIER_RANK[best])) best = tier;
  }
  return best;
}

/** What each tier means, for clinicians and for patients. */
export const TIER_GUIDE: Readonly<Record<RedFlagTier, { clinicLabel: string; heading: string; advice: string }>> = {
  emergency: {
    clinicLabel: 'Emergency',
    heading: 'Get emergency care now if you have',
    advice:
      'These can be signs that the nerves at the base of the spine are being squeezed (cauda equina syndrome). It is rare, but it needs treatment within hours. Go to an emergency department now or call the emergency number. Do not wait for a reply from your physio.',
  },
  'same-day': {
    clinicLabel: 'Same day',
    heading: 'Contact your physio today if you have',
    advice:
      'These are not usually an emergency, but a nerve or another cause needs checking today. Phone your practice, and do not run until you have spoken to them. If you cannot reach them today, see a doctor or an urgent care service.',
  },
  review: {
    clinicLabel: 'Review',
    heading: 'Tell your physio at your next contact if you have',
    advice: 'These are worth a closer look, but they do not need the same-day response of the lists above. If one gets worse quickly, follow the lists above.',
  },
};

/** The warning signs of each tier, in vocabulary order, for guides and checklists. */
export function flagsOfTier(tier: RedFlagTier, severePainScore = 8): { key: string; label: string }[] {
  return FLAGS.filter((f) => f.tier === tier).map((f) =>
    f.key === 'severe-pain-two-days' ? { key: f.key, label: `Severe pain (${severePainScore} or more out of 10) on two days running` } : { key: f.key, label: f.label },
  );
}

/** The line in a content file's Markdown that the renderer replaces with the tiered guide. */
export const WHEN_TO_GET_HELP_DIRECTIVE = '::when-to-get-help';
