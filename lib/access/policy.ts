import type { Role } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';

// Permissions as data: which role may do which action. Resource rules (a patient only
// reaches their own record, everything is scoped by practice) live in lib/data.
export const PERMISSIONS = {
  'patient:list': ['physio', 'admin'],
  'patient:read': ['physio', 'admin', 'patient'],
  'patient:readClinical': ['physio', 'patient'],
  'patient:write': ['physio'],
  'patient:archive': ['physio'],
  'patient:invite': ['physio', 'admin'],
  'patient:export': ['physio', 'admin'],
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

export const isStaff = (actor: Pick<Actor, 'roles'>) => actor.roles.some((r) => r === 'physio' || r === 'admin');
export const isPatient = (actor: Pick<Actor, 'roles'>) => actor.roles.includes('patient');

/** Where each role lands after sign-in. */
export function homePath(actor: Pick<Actor, 'roles'>): string {
  if (actor.roles.includes('patient')) return '/portal';
  if (actor.roles.includes('physio')) return '/dashboard';
  return '/admin';
}
