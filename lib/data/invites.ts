import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { patients, practices, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, can } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import { appOrigin } from '@/lib/http/request-origin';
import { sendAccessLink, sendAlreadyRegisteredNotice } from '@/lib/mail/send-access-link';
import type { InviteStaffInput } from '@/lib/validation/admin';
import { type Issued, issueToken, linkFor, type TokenPurpose } from './access-tokens';
import { audit } from './audit';

export { acceptToken, describeToken, hashToken, TOKEN_TTL_DAYS, type TokenInfo, type TokenPurpose } from './access-tokens';

// Who may hand out one-time links, and to whom: staff invitations (admins), patient portal
// invitations (physios and admins), password resets. The link itself: access-tokens.ts.
export type AccessLink = { url: string; emailed: boolean; expiresAt: Date };
/**
 * What an invitation answers: the link (to show only when it was not emailed), or, when the
 * address already has a Loadline login in another practice, no link at all (url '') because
 * no account was created and the owner of the address was emailed instead. The actions answer
 * both the same way when emailed, so an invitation never tells whether an address is taken
 * elsewhere (README, security model).
 */
export type InviteAnswer = AccessLink | { url: ''; emailed: true; expiresAt: null };

const invalid = (field: string, message: string) => new AppError('invalid', message, { [field]: [message] });


/** After the transaction commits: email the link when SMTP is configured, and return it to show. */
async function deliver(actor: Actor, purpose: TokenPurpose, issued: Issued): Promise<AccessLink> {
  const url = linkFor(purpose, issued.token, await appOrigin());
  const emailed = await sendAccessLink({ to: issued.user.email, name: issued.user.name, practiceName: await practiceName(actor), purpose, url, expiresAt: issued.expiresAt });
  return { url, emailed, expiresAt: issued.expiresAt };
}

async function practiceName(actor: Actor): Promise<string> {
  const [practice] = await getDb().select({ name: practices.name }).from(practices).where(eq(practices.id, actor.practiceId)).limit(1);
  return practice?.name ?? 'Your practice';
}

// Emails are unique across Loadline (one login per address), so an invitation to an address
// that has a login in another practice cannot create an account. Saying so would tell this
// practice that the address has an account elsewhere: instead nothing is created, the owner
// of the address is emailed that this practice tried to invite them, and the inviter gets the
// answer an emailed invitation gets. Without mail nobody can be told and no link can be made,
// so the answer can only say that (the residual leak the README describes).
const ELSEWHERE_NO_MAIL = 'An invitation to this address can be sent only by email, and no email could be sent (is a mail server set up?). Check the address with the person.';
const RETRY = 'The invitation could not be created just now: please try again.';

type InviteAttempt = { kind: 'staff' | 'patient'; email: string; roles?: string[]; patientId?: string };
type Elsewhere = { elsewhere: { email: string; name: string }; attempt: InviteAttempt };

async function answerForAccountElsewhere(actor: Actor, holder: Elsewhere['elsewhere'], attempt: InviteAttempt, field: string): Promise<InviteAnswer> {
  const { patientId, ...meta } = attempt;
  const emailed = await sendAlreadyRegisteredNotice({ to: holder.email, name: holder.name, practiceName: await practiceName(actor), kind: attempt.kind });
  if (!emailed) throw invalid(field, ELSEWHERE_NO_MAIL);
  // Audited here, never in the other practice, and naming neither the account nor its practice.
  await audit(getDb(), actor, { action: 'user.invite_existing', entity: 'user', entityId: null, patientId: patientId ?? null, meta: { ...meta, ownerEmailed: true } });
  return { url: '', emailed: true, expiresAt: null };
}

async function userByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  return row;
}

/** A new account that waits for its holder to accept the invitation: no password until then. */
async function insertInvitedUser(tx: Tx, account: Omit<typeof users.$inferInsert, 'status' | 'passwordHash'>): Promise<Issued['user']> {
  const [row] = await tx
    .insert(users)
    .values({ ...account, status: 'invited', passwordHash: null })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!row) throw new Error('user insert returned nothing');
  return row;
}

/**
 * An invitation's transaction, then its answer: the link, delivered, or for an address with a
 * login in another practice the answer answerForAccountElsewhere gives.
 */
async function invite(actor: Actor, field: 'email' | 'patientId', issue: (tx: Tx) => Promise<Issued | Elsewhere>): Promise<InviteAnswer> {
  try {
    const outcome = await getDb().transaction(issue);
    if ('elsewhere' in outcome) return await answerForAccountElsewhere(actor, outcome.elsewhere, outcome.attempt, field);
    return await deliver(actor, 'invite', outcome);
  } catch (error) {
    // Only a concurrent invitation of the same address gets here; trying again answers properly.
    if (isUniqueViolation(error)) throw invalid(field, RETRY);
    throw error;
  }
}

/**
 * Invite a physio, an admin or both. Inviting someone still invited sends a fresh link. An
 * address with a login in another practice: see answerForAccountElsewhere.
 */
export async function inviteStaff(actor: Actor, input: InviteStaffInput): Promise<InviteAnswer> {
  assertCan(actor, 'user:manage');
  const email = input.email.trim().toLowerCase();
  return invite(actor, 'email', async (tx) => {
    const existing = await userByEmail(tx, email);
    if (existing && existing.practiceId !== actor.practiceId) return { elsewhere: { email: existing.email, name: existing.name }, attempt: { kind: 'staff', email, roles: input.roles } };
    let user: Issued['user'];
    if (existing) {
      if (existing.patientId) throw invalid('email', 'This email address is already the portal login of a patient of this practice.');
      if (existing.status !== 'invited') {
        throw invalid('email', `${existing.name} already has an account here (${existing.status}). Use their account page instead.`);
      }
      await tx.update(users).set({ name: input.name, roles: input.roles, updatedAt: new Date() }).where(and(eq(users.id, existing.id), eq(users.practiceId, actor.practiceId)));
      user = { id: existing.id, email: existing.email, name: input.name };
    } else {
      user = await insertInvitedUser(tx, { practiceId: actor.practiceId, email, name: input.name, roles: input.roles });
    }
    const out = await issueToken(tx, actor, user, 'invite');
    await audit(tx, actor, { action: 'user.invite', entity: 'user', entityId: user.id, meta: { kind: 'staff', email, roles: input.roles, resent: Boolean(existing) } });
    return out;
  });
}

/**
 * Give a patient of the practice a portal login (physio or admin). The patient record's
 * email is the login. A still-invited account gets a fresh link; older links stop working.
 */
export async function invitePatient(actor: Actor, patientId: string): Promise<InviteAnswer> {
  assertCan(actor, 'patient:invite');
  return invite(actor, 'patientId', async (tx) => {
    const [patient] = await tx.select().from(patients).where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId))).limit(1);
    if (!patient) throw notFound('Patient not found.');
    if (patient.status === 'archived') throw invalid('patientId', 'This patient is archived: restore them before inviting them.');
    const email = patient.email?.trim().toLowerCase() ?? '';
    if (!email) throw invalid('patientId', 'Add an email address to the patient record first: it becomes their login.');
    const name = `${patient.firstName} ${patient.lastName}`;
    const [account] = await tx.select().from(users).where(and(eq(users.patientId, patient.id), eq(users.practiceId, actor.practiceId))).limit(1);
    const holder = await userByEmail(tx, email);
    if (holder && holder.id !== account?.id) {
      if (holder.practiceId !== actor.practiceId) return { elsewhere: { email: holder.email, name: holder.name }, attempt: { kind: 'patient', email, patientId } };
      throw invalid('patientId', "This email address is already used by another account of this practice. Change the patient's email first.");
    }
    let user: Issued['user'];
    if (account) {
      if (account.status === 'active') throw invalid('patientId', `${name} already has portal access. Issue a password reset if they cannot sign in.`);
      if (account.status === 'deactivated') throw invalid('patientId', `${name}'s portal access is turned off. An admin can reactivate it.`);
      await tx.update(users).set({ email, name, updatedAt: new Date() }).where(eq(users.id, account.id));
      user = { id: account.id, email, name };
    } else {
      user = await insertInvitedUser(tx, { practiceId: actor.practiceId, email, name, roles: ['patient'], patientId: patient.id });
    }
    const out = await issueToken(tx, actor, user, 'invite');
    await audit(tx, actor, { action: 'user.invite', entity: 'user', entityId: user.id, patientId: patient.id, meta: { kind: 'patient', email, resent: Boolean(account) } });
    return out;
  });
}

/** Send a still-invited account a fresh invitation link (staff or patient). */
export async function resendInvite(actor: Actor, userId: string): Promise<InviteAnswer> {
  assertCan(actor, 'user:manage');
  const [user] = await getDb().select().from(users).where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId))).limit(1);
  if (!user) throw notFound('Account not found.');
  if (user.status !== 'invited') throw invalid('userId', 'Only accounts that have not accepted their invitation can be re-invited.');
  if (user.patientId) return invitePatient(actor, user.patientId);
  return inviteStaff(actor, { email: user.email, name: user.name, roles: user.roles.filter((r) => r !== 'patient') as InviteStaffInput['roles'] });
}

/**
 * A one-time link to choose a new password. Admins: any active account of the practice;
 * physios: the accounts of the patients they treat (whoever holds the link controls the
 * account). Open sessions end when the link is used.
 */
export async function issuePasswordReset(actor: Actor, userId: string): Promise<AccessLink> {
  const admin = can(actor, 'user:manage');
  if (!admin) assertCan(actor, 'patient:invite');
  const issued = await getDb().transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId))).limit(1);
    if (!user) throw notFound('Account not found.');
    if (!admin) {
      if (!user.patientId) throw new AppError('forbidden');
      const [patient] = await tx
        .select({ treatingPhysioId: patients.treatingPhysioId })
        .from(patients)
        .where(and(eq(patients.id, user.patientId), eq(patients.practiceId, actor.practiceId)))
        .limit(1);
      if (patient?.treatingPhysioId !== actor.userId) throw new AppError('forbidden', "Only the patient's treating physio or an admin can issue a password reset link.");
    }
    if (user.status === 'invited') throw invalid('userId', `${user.name} has not accepted their invitation yet: send a new invitation instead.`);
    if (user.status === 'deactivated') throw invalid('userId', `${user.name}'s account is deactivated: reactivate it first.`);
    const out = await issueToken(tx, actor, { id: user.id, email: user.email, name: user.name }, 'reset');
    await audit(tx, actor, { action: 'user.reset_issue', entity: 'user', entityId: user.id, patientId: user.patientId });
    return out;
  });
  return deliver(actor, 'reset', issued);
}

