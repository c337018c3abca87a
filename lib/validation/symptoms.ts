// The symptom checklist a patient ticks when logging pain. Red flags follow DESIGN.md:
// each one raises an immediate alert and shows the patient a safety message.
export const SYMPTOMS = [
  { key: 'stiffness', label: 'Stiffness', redFlag: false },
  { key: 'muscle-spasm', label: 'Muscle spasm', redFlag: false },
  { key: 'buttock-pain', label: 'Pain into the buttock', redFlag: false },
  { key: 'sleep-disturbed', label: 'Pain woke me at night', redFlag: false },
  { key: 'pain-below-knee', label: 'Pain spreading below the knee', redFlag: true },
  { key: 'leg-numbness', label: 'Numbness or tingling in the leg', redFlag: true },
  { key: 'leg-weakness', label: 'Weakness in one leg (foot slapping down, knee giving way)', redFlag: true },
  { key: 'leg-weakness-worsening', label: 'Weakness in both legs, or leg weakness that is quickly getting worse', redFlag: true },
  { key: 'saddle-numbness', label: 'Numbness around the bottom, genitals or inner thighs (saddle area)', redFlag: true },
  { key: 'bladder-bowel', label: 'New problems controlling the bladder or bowel', redFlag: true },
  { key: 'fever-weight-loss', label: 'Fever or unexplained weight loss with back pain', redFlag: true },
] as const;

export type SymptomKey = (typeof SYMPTOMS)[number]['key'];
export const SYMPTOM_KEYS = SYMPTOMS.map((s) => s.key) as [SymptomKey, ...SymptomKey[]];
export const RED_FLAG_KEYS: ReadonlySet<string> = new Set(SYMPTOMS.filter((s) => s.redFlag).map((s) => s.key));
/**
 * Signs of cauda equina or a progressing nerve deficit: the patient is told to seek urgent
 * care now, not just call the physio. Weakness in one leg alone means "physio today", as
 * in content/education/when-to-see-a-professional.md.
 */
export const URGENT_KEYS: ReadonlySet<string> = new Set(['saddle-numbness', 'bladder-bowel', 'leg-weakness-worsening']);

export const symptomLabel = (key: string) => SYMPTOMS.find((s) => s.key === key)?.label ?? key;
export const redFlagsOf = (symptoms: readonly string[]) => symptoms.filter((s) => RED_FLAG_KEYS.has(s));
