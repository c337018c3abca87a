import { z } from 'zod';

// Red-flag history a physio screens at intake. A positive answer does not alarm on its own;
// it changes how a new symptom is read, so it shows as a banner wherever the patient does.
export const SCREENING_FLAGS = [
  { key: 'cancer-history', label: 'History of cancer' },
  { key: 'recent-trauma', label: 'Recent significant trauma (fall, accident)' },
  { key: 'steroids-osteoporosis', label: 'Long-term steroid use or osteoporosis' },
  { key: 'immunosuppression-ivdu', label: 'Immunosuppression or intravenous drug use' },
  { key: 'age-at-onset', label: 'Under 20 or over 50 when the pain began' },
  { key: 'weight-loss', label: 'Weight loss without a known reason' },
  { key: 'constant-night-pain', label: 'Constant pain at night, not eased by any position' },
] as const;

export type ScreeningFlagKey = (typeof SCREENING_FLAGS)[number]['key'];
export const SCREENING_KEYS = SCREENING_FLAGS.map((f) => f.key) as [ScreeningFlagKey, ...ScreeningFlagKey[]];
export const screeningLabel = (key: string) => SCREENING_FLAGS.find((f) => f.key === key)?.label ?? key;

/** The screening form: each ticked box arrives as `flags` (one or many); none ticked is a valid answer. */
export const screeningSchema = z.object({
  patientId: z.uuid(),
  flags: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(SCREENING_KEYS)).max(SCREENING_KEYS.length)).transform((f) => [...new Set(f)]),
});
export type ScreeningInput = z.infer<typeof screeningSchema>;
