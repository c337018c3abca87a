import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { patients, practices, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, can } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import { sendAccessLink } from '@/lib/mail/send-access-link';
import type { InviteStaffInput } from '@/lib/validation/admin';
import { type Issued, issueToken, linkFor, type TokenPurpose } from './access-tokens';
import { audit } from './audit';

export { acceptToken, describeToken, hashToken, TOKEN_TTL_DAYS, type TokenInfo, type TokenPurpose } from './access-tokens';

// Who may hand out one-time links, and to whom: staff invitations (admins), patient portal
// invitations (physios and admins), password resets. The link itself: access-tokens.ts.
export type AccessLink = { url: string; emailed: boolean; expiresAt: Date };

const invalid = (field: string, message: string) => new AppError('invalid', message, { [field]: [message] });

/** Postgres unique violation (postgres.js and PGlite, possibly wrapped by drizzle). */
const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/** After the transaction commits: email the link when SMTP is configured, and return it to show. */
async function deliver(actor: Actor, purpose: TokenPurpose, issued: Issued): Promise<AccessLink> {
  const url = linkFor(purpose, issued.token);
  const [practice] = await getDb().select({ name: practices.name }).from(practices).where(eq(practices.id, actor.practiceId)).limit(1);
  const emailed = await sendAccessLink({ to: issued.user.email, name: issued.user.name, practiceName: practice?.name ?? 'Your practice', purpose, url, expiresAt: issued.expiresAt });
  return { url, emailed, expiresAt: issued.expiresAt };
}

async function userByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  return row;
}

const EMAIL_TAKEN = 'This email address is already used by another account.';

/** Invite a physio, an admin or both. Inviting someone still invited sends a fresh link. */
export async function inviteStaff(actor: Actor, input: InviteStaffInput): Promise<AccessLink> {
  assertCan(actor, 'user:manage');
  const email = input.email.trim().toLowerCase();
  try {
    const issued = await getDb().transaction(async (tx) => {
      const existing = await userByEmail(tx, email);
      let user: Issued['user'];
      if (existing) {
        if (existing.practiceId !== actor.practiceId || existing.patientId) throw invalid('email', EMAIL_TAKEN);
        if (existing.status !== 'invited') {
          throw invalid('email', `${existing.name} already has an account here (${existing.status}). Use their account page instead.`);
        }
        await tx.update(users).set({ name: input.name, roles: input.roles, updatedAt: new Date() }).where(and(eq(users.id, existing.id), eq(users.practiceId, actor.practiceId)));
        user = { id: existing.id, email: existing.email, name: input.name };
      } else {
        const [row] = await tx
          .insert(users)
          .values({ practiceId: actor.practiceId, email, name: input.name, roles: input.roles, status: 'invited', passwordHash: null })
          .returning({ id: users.id, email: users.email, name: users.name });
        if (!row) throw new Error('user insert returned nothing');
        user = row;
      }
      const out = await issueToken(tx, actor, user, 'invite');
      await audit(tx, actor, { action: 'user.invite', entity: 'user', entityId: user.id, meta: { kind: 'staff', email, roles: input.roles, resent: Boolean(existing) } });
      return out;
    });
    return deliver(actor, 'invite', issued);
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('email', EMAIL_TAKEN);
    throw error;
  }
}

/**
 * Give a patient of the practice a portal login (physio or admin). The patient record's
 * email is the login. A still-invited account gets a fresh link; older links stop working.
 */
export async function invitePatient(actor: Actor, patientId: string): Promise<AccessLink> {
  assertCan(actor, 'patient:invite');
  try {
    const issued = await getDb().transaction(async (tx) => {
      const [patient] = await tx.select().from(patients).where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId))).limit(1);
      if (!patient) throw notFound('Patient not found.');
      if (patient.status === 'archived') throw invalid('patientId', 'This patient is archived: restore them before inviting them.');
      const email = patient.email?.trim().toLowerCase();
      if (!email) throw invalid('patientId', 'Add an email address to the patient record first: it becomes their login.');
      const name = `${patient.firstName} ${patient.lastName}`;
      const [account] = await tx.select().from(users).where(and(eq(users.patientId, patient.id), eq(users.practiceId, actor.practiceId))).limit(1);
      const holder = await userByEmail(tx, email);
      if (holder && holder.id !== account?.id) throw invalid('patientId', `${EMAIL_TAKEN} Change the patient's email first.`);
      let user: Issued['user'];
      if (account) {
        if (account.status === 'active') throw invalid('patientId', `${name} already has portal access. Issue a password reset if they cannot sign in.`);
        if (account.status === 'deactivated') throw invalid('patientId', `${name}'s portal access is turned off. An admin can reactivate it.`);
        await tx.update(users).set({ email, name, updatedAt: new Date() }).where(eq(users.id, account.id));
        user = { id: account.id, email, name };
      } else {
        const [row] = await tx
          .insert(users)
          .values({ practiceId: actor.practiceId, email, name, roles: ['patient'], patientId: patient.id, status: 'invited', passwordHash: null })
          .returning({ id: users.id, email: users.email, name: users.name });
        if (!row) throw new Error('user insert returned nothing');
        user = row;
      }
      const out = await issueToken(tx, actor, user, 'invite');
      await audit(tx, actor, { action: 'user.invite', entity: 'user', entityId: user.id, patientId: patient.id, meta: { kind: 'patient', email, resent: Boolean(account) } });
      return out;
    });
    return deliver(actor, 'invite', issued);
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid('patientId', EMAIL_TAKEN);
    throw error;
  }
}

/** Send a still-invited account a fresh invitation link (staff or patient). */
export async function resendInvite(actor: Actor, userId: string): Promise<AccessLink> {
  assertCan(actor, 'user:manage');
  const [user] = await getDb().select().from(users).where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId))).limit(1);
  if (!user) throw notFound('Account not found.');
  if (user.status !== 'invited') throw invalid('userId', 'Only accounts that have not accepted their invitation can be re-invited.');
  if (user.patientId) return invitePatient(actor, user.patientId);
  return inviteStaff(actor, { email: user.email, name: user.name, roles: user.roles.filter((r) => r !== 'patient') as InviteStaffInput['roles'] });
}

/**
 * A one-time link to choose a new password. Admins: any active account of the practice;
 * physios: their practice's patient accounts. Open sessions end when the link is used.
 */
export async function issuePasswordReset(actor: Actor, userId: string): Promise<AccessLink> {
  const admin = can(actor, 'user:manage');
  if (!admin) assertCan(actor, 'patient:invite');
  const issued = await getDb().transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId))).limit(1);
    if (!user) throw notFound('Account not found.');
    if (!admin && !user.patientId) throw new AppError('forbidden');
    if (user.status === 'invited') throw invalid('userId', `${user.name} has not accepted their invitation yet: send a new invitation instead.`);
    if (user.status === 'deactivated') throw invalid('userId', `${user.name}'s account is deactivated: reactivate it first.`);
    const out = await issueToken(tx, actor, { id: user.id, email: user.email, name: user.name }, 'reset');
    await audit(tx, actor, { action: 'user.reset_issue', entity: 'user', entityId: user.id, patientId: user.patientId });
    return out;
  });
  return deliver(actor, 'reset', issued);
}

