import type { Role } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { AuditAction } from '@/lib/audit/actions';
import type { Actor } from './actor';

// Permissions as data: which role may do which action. Resource rules (a patient only
// reaches their own record, everything is scoped by practice) live in lib/data.
//
// Clinical data is for clinical roles. An admin without the physio role (a practice manager)
// handles identity, contact and account data: they list, invite and export patients, but the
// export holds identity/contact/account only, the audit log shows them who did what to which
// record and when without the clinical details, and the patients list has no clinical filters
// or sorts for them. README "Security" says the same in prose.
export const PERMISSIONS = {
  'patient:list': ['physio', 'admin'],
  'patient:read': ['physio', 'admin', 'patient'],
  'patient:readClinical': ['physio', 'patient'],
  'patient:write': ['physio'],
  'patient:archive': ['physio'],
  'patient:invite': ['physio', 'admin'],
  /** Identity, contact and account data of a patient, for handing over or moving. */
  'patient:export': ['physio', 'admin'],
  /** The whole record: condition, notes, red-flag history, programs, logs, alerts. */
  'patient:exportClinical': ['physio'],
  'program:read': ['physio', 'patient'],
  'program:write': ['physio'],
  'entry:log': ['physio', 'patient'],
  'entry:void': ['physio', 'patient'],
  'library:read': ['physio', 'patient'],
  'exercise:write': ['physio'],
  'alert:read': ['physio'],
  'alert:acknowledge': ['physio'],
  'user:manage': ['admin'],
  'settings:manage': ['admin'],
  'audit:read': ['admin'],
  /** The clinical details of audit events (scores, red flags, tiers, reasons, notes); with audit:read. */
  'audit:readClinical': ['physio'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return actor.roles.some((role) => allowed.includes(role));
}

/** Throws forbidden unless one of the actor's roles grants the permission. */
export function assertCan(actor: Pick<Actor, 'roles'>, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden');
}

/**
 * Audit actions whose details are administrative (accounts, roles, settings, sign-ins, the
 * log itself, who treats whom, an export's format): shown to everyone who reads the log. The
 * details of every other action (pain, sessions, programs, alerts, safety, screening,
 * corrections) are clinical and shown with audit:readClinical only. Default: clinical.
 */
const ADMINISTRATIVE_AUDIT_FAMILIES = ['user', 'practice', 'audit', 'sign_in', 'sign_out'];
const ADMINISTRATIVE_AUDIT_ACTIONS: readonly string[] = ['patient.reassign', 'patient.export', 'patient.view', 'patient.restore', 'patient.discharge', 'patient.archive'] satisfies AuditAction[];

export function isAdministrativeAuditAction(action: string): boolean {
  return ADMINISTRATIVE_AUDIT_FAMILIES.includes(action.split('.')[0]!) || ADMINISTRATIVE_AUDIT_ACTIONS.includes(action);
}

/** Whether this reader of the audit log sees the details (meta) of an event with this action. */
export function auditDetailsVisible(actor: Pick<Actor, 'roles'>, action: string): boolean {
  return can(actor, 'audit:readClinical') || isAdministrativeAuditAction(action);
}

export const isPatient = (actor: Pick<Actor, 'roles'>) => actor.roles.includes('patient');

/** Where each role lands after sign-in. */
export function homePath(actor: Pick<Actor, 'roles'>): string {
  if (actor.roles.includes('patient')) return '/portal';
  if (actor.roles.includes('physio')) return '/dashboard';
  return '/admin';
}
