import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accessTokens, auditEvents, users } from '@/db/schema';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { invitePatientAction } from '@/lib/actions/invites/invite-patient';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { createPatient, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';
import { setupSmtpPeer } from '../helpers/smtp';

// With SMTP_URL set, links are emailed through nodemailer to a real SMTP server on loopback.
const peer = setupSmtpPeer({ MAIL_FROM: 'desk@riverside.example' });
const testDb = setupTestDb();
beforeEach(() => { signOut(); peer.clear(); });

describe('emailing links when SMTP is configured', () => {
  it('emails the invitation with the link and says so; the link itself goes only to the invitee', async () => {
    const p = await createPractice('Riverside Test');
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await inviteStaffAction(null, formData({ email: 'mailed@example.com', name: 'Mailed Person', roles: 'physio' }));
    expect(result).toEqual({ ok: true, data: { emailed: true, url: null } });
    expect(peer.messages).toHaveLength(1);
    const [mail] = peer.messages;
    expect(mail).toMatchObject({ from: 'desk@riverside.example', to: ['mailed@example.com'], subject: 'Your invitation to Riverside Test on Loadline' });
    expect(mail?.headers.from).toBe('desk@riverside.example');
    expect(mail?.text).toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
  });

  it('when the mail server is down, the link is still issued and the answer says it was not emailed', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio']);
    await peer.stop();
    signInAs(admin);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await issuePasswordResetAction(null, formData({ userId: physio.id }));
      expect(result).toMatchObject({ ok: true, data: { emailed: false, url: expect.stringContaining('/reset/') } });
      expect(spy).toHaveBeenCalledWith('[mail] could not send the access link:', expect.any(String));
    } finally {
      spy.mockRestore();
      await peer.start();
    }
    expect(peer.messages).toHaveLength(0);
  });
});

const usersWithEmail = (email: string) => testDb.db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
const usersOf = (practiceId: string) => testDb.db.select().from(users).where(eq(users.practiceId, practiceId));

describe('inviting an address that already has a Loadline account in another practice', () => {
  it('staff: the same answer as a fresh invitation, nothing created anywhere, the owner is emailed, the attempt audited', async () => {
    const a = await createPractice('Harbour Test');
    const b = await createPractice('Hidden Other Practice');
    const admin = await createStaff(a.id, ['admin']);
    const elsewhere = await createStaff(b.id, ['physio']);
    signInAs(admin);
    const fresh = await inviteStaffAction(null, formData({ email: 'brand.new@example.com', name: 'Brand New', roles: 'physio' }));
    const taken = await inviteStaffAction(null, formData({ email: elsewhere.email.toUpperCase(), name: 'Some One', roles: 'physio' }));
    expect(fresh).toEqual({ ok: true, data: { emailed: true, url: null } });
    expect(taken).toEqual(fresh);

    // Nothing created or changed, in either practice.
    expect(await usersWithEmail(elsewhere.email)).toEqual([elsewhere]);
    expect((await usersOf(a.id)).map((u) => u.email).sort()).toEqual([admin.email, 'brand.new@example.com'].sort());
    expect(await testDb.db.select().from(accessTokens).where(eq(accessTokens.userId, elsewhere.id))).toHaveLength(0);
    expect(await testDb.db.select().from(auditEvents).where(eq(auditEvents.practiceId, b.id))).toHaveLength(0);

    // The owner of the address is told, by a message that carries no link.
    expect(peer.messages).toHaveLength(2);
    const notice = peer.messages.find((m) => m.to.includes(elsewhere.email));
    expect(notice?.subject).toBe('Harbour Test tried to invite you to Loadline');
    expect(notice?.text).toContain('already have a Loadline account');
    expect(notice?.text).toContain('Harbour Test');
    expect(notice?.text).not.toContain('Hidden Other Practice');
    expect(notice?.text).not.toMatch(/\/(invite|reset)\//);

    const [event] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, a.id), eq(auditEvents.action, 'user.invite_existing')));
    expect(event).toMatchObject({ actorUserId: admin.id, entityId: null, meta: { kind: 'staff', email: elsewhere.email.toLowerCase(), roles: ['physio'], ownerEmailed: true } });
    expect(JSON.stringify(event)).not.toContain(b.id);
    expect(JSON.stringify(event)).not.toContain(elsewhere.id);
  });

  it('patient portal: the same answer as a fresh invitation, no login created, the owner is emailed', async () => {
    const a = await createPractice('Harbour Test');
    const b = await createPractice();
    const physio = await createStaff(a.id, ['physio']);
    const elsewhere = await createStaff(b.id, ['physio']);
    const freshPatient = await createPatient(a.id, { email: 'fresh.patient@example.com', treatingPhysioId: physio.id });
    const takenPatient = await createPatient(a.id, { email: elsewhere.email, treatingPhysioId: physio.id });
    signInAs(physio);
    const fresh = await invitePatientAction(null, formData({ patientId: freshPatient.id }));
    const taken = await invitePatientAction(null, formData({ patientId: takenPatient.id }));
    expect(fresh).toEqual({ ok: true, data: { emailed: true, url: null } });
    expect(taken).toEqual(fresh);
    expect(await usersWithEmail(elsewhere.email)).toEqual([elsewhere]);
    expect((await usersOf(a.id)).filter((u) => u.patientId === takenPatient.id)).toHaveLength(0);
    const notice = peer.messages.find((m) => m.to.includes(elsewhere.email));
    expect(notice?.subject).toBe('Harbour Test tried to invite you to Loadline');
    expect(notice?.text).not.toMatch(/\/(invite|reset)\//);
    const [event] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, a.id), eq(auditEvents.action, 'user.invite_existing')));
    expect(event).toMatchObject({ actorUserId: physio.id, patientId: takenPatient.id, meta: { kind: 'patient', ownerEmailed: true } });
  });
});
