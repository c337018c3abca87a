// Every action the audit trail records, with its words. The keys are the AuditAction union:
// every writer (lib/data/audit.ts) takes one and the audit page compares against them, so a
// misspelt action is a type error, and an action cannot be added without its label.

export const AUDIT_ACTION_LABELS = {
  'sign_in.success': 'Signed in',
  'sign_in.failure': 'Sign-in failed',
  'sign_in.throttled': 'Sign-in blocked (too many attempts)',
  'user.invite': 'Invited',
  'user.invite_existing': 'Invitation to an address with a Loadline login elsewhere (owner emailed, nothing created)',
  'user.invite_accept': 'Accepted invitation',
  'user.reset_issue': 'Password reset link issued',
  'user.password_reset': 'Password reset',
  'user.deactivate': 'Account deactivated',
  'user.reactivate': 'Account reactivated',
  'user.roles_change': 'Roles changed',
  'user.sign_out_everywhere': 'Signed out everywhere',
  'user.two_factor_enable': 'Two-factor sign-in turned on',
  'user.two_factor_reset': 'Two-factor sign-in reset by an admin',
  'patient.view': 'Patient record viewed',
  'patient.create': 'Patient created',
  'patient.update': 'Patient updated',
  'patient.export': 'Patient data exported',
  'patient.reassign': 'Patient reassigned',
  'patient.discharge': 'Patient discharged',
  'patient.archive': 'Patient archived',
  'patient.restore': 'Patient restored',
  'patient.screening': 'Screening history changed',
  'program.create': 'Program created',
  'program.update': 'Program changed',
  'program.end': 'Program ended',
  'program.send': 'Program emailed to the patient',
  'measure.assign': 'Questionnaire scheduled',
  'measure.unassign': 'Questionnaire schedule ended',
  'measure.submit': 'Questionnaire answered',
  'measure.correct': 'Questionnaire answers corrected',
  'pain.create': 'Pain logged',
  'pain.correct': 'Pain report corrected',
  'pain.void': 'Pain report voided',
  'session.create': 'Training session logged',
  'session.correct': 'Training session corrected',
  'session.void': 'Training session voided',
  'session.check_in': 'Morning check-in after a session',
  'session.import': 'Sessions imported from activity files',
  'session.rate': 'Imported session rated (effort)',
  'completion.create': 'Exercise ticked off',
  'completion.undo': 'Exercise tick undone',
  'alert.acknowledge': 'Alert acknowledged',
  'reminders.update': 'Reminder settings changed',
  'reminders.unsubscribe': 'Reminders stopped from the email link',
  'caseload.view_practice': 'Whole-practice caseload viewed',
  'safety.open': 'Warning sign opened',
  'safety.raise': 'Warning sign raised to a higher tier',
  'safety.add': 'Warning sign reported again',
  'safety.escalate': 'Warning sign escalated to the leads',
  'safety.close': 'Warning sign closed with an action',
  'exercise.create': 'Exercise created',
  'exercise.update': 'Exercise changed',
  'exercise.retire': 'Exercise retired',
  'exercise.restore': 'Exercise brought back',
  'practice.settings_update': 'Practice settings changed',
  'audit.export': 'Audit log downloaded',
} as const satisfies Record<`${string}.${string}`, string>;

/** One thing the audit trail records, e.g. 'user.invite'. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
/** The part before the dot: 'user' for every user.* action. */
export type AuditFamily = AuditAction extends `${infer F}.${string}` ? F : never;

/** Families the log's filter offers as "… (all)". */
const AUDIT_FAMILY_LABELS = {
  sign_in: 'Sign-ins (all)',
  user: 'Account changes (all)',
  patient: 'Patient records (all)',
  program: 'Programs (all)',
  measure: 'Outcome measures (all)',
  pain: 'Pain reports (all)',
  session: 'Training sessions (all)',
  completion: 'Exercise ticks (all)',
  alert: 'Alerts (all)',
  reminders: 'Reminders (all)',
  safety: 'Warning signs (all)',
  exercise: 'Practice exercises (all)',
} as const satisfies Partial<Record<AuditFamily, string>>;

/** The "what happened" filter: families and the actions admins ask about most. */
export const AUDIT_ACTION_FILTERS = [
  'sign_in', 'sign_in.success', 'sign_in.failure',
  'user', 'user.invite', 'user.invite_accept', 'user.deactivate', 'user.reactivate', 'user.roles_change', 'user.reset_issue', 'user.password_reset',
  'patient', 'patient.view', 'patient.export', 'patient.create', 'patient.update', 'patient.reassign',
  // How each warning sign was handled: opened, escalated to the leads, closed with an action.
  'safety', 'safety.open', 'safety.escalate', 'safety.close',
  'program', 'measure', 'pain', 'session', 'completion', 'alert', 'reminders', 'exercise', 'practice.settings_update', 'audit.export',
] as const satisfies readonly (AuditAction | keyof typeof AUDIT_FAMILY_LABELS)[];

// A Map, so an action read from a URL ("constructor") never finds an Object prototype member.
const LABELS: ReadonlyMap<string, string> = new Map(Object.entries({ ...AUDIT_FAMILY_LABELS, ...AUDIT_ACTION_LABELS }));

/** Words for an action or a family; one the trail no longer writes (or a filter typed by hand) shows its code. */
export const auditActionLabel = (action: string): string => LABELS.get(action) ?? action;
