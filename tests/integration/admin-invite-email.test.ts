import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { resetEnvForTests } from '@/lib/env';
import { createTestDb } from '../helpers/db';
import { createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';
import { startSmtpPeer, type SmtpPeer } from '../helpers/smtp';

// With SMTP_URL set, links are emailed through nodemailer to a real SMTP server on loopback.
let peer: SmtpPeer;
let testDb: Awaited<ReturnType<typeof createTestDb>>;
const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

beforeAll(async () => {
  peer = await startSmtpPeer();
  process.env.SMTP_URL = peer.url;
  process.env.MAIL_FROM = 'desk@riverside.example';
  resetEnvForTests();
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
  await peer.stop();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
});
beforeEach(() => { signOut(); peer.clear(); });

const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};

describe('emailing links when SMTP is configured', () => {
  it('emails the invitation with the link and says so', async () => {
    const p = await createPractice('Riverside Test');
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await inviteStaffAction(null, form({ email: 'mailed@example.com', name: 'Mailed Person', roles: 'physio' }));
    expect(result).toMatchObject({ ok: true, data: { emailed: true } });
    expect(peer.messages).toHaveLength(1);
    const [mail] = peer.messages;
    expect(mail).toMatchObject({ from: 'desk@riverside.example', to: ['mailed@example.com'], subject: 'Your invitation to Riverside Test on Loadline' });
    expect(mail?.headers.from).toBe('desk@riverside.example');
    if (result.ok) expect(mail?.text).toContain(result.data.url);
  });

  it('when the mail server is down, the link is still issued and the answer says it was not emailed', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio']);
    await peer.stop();
    signInAs(admin);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await issuePasswordResetAction(null, form({ userId: physio.id }));
      expect(result).toMatchObject({ ok: true, data: { emailed: false, url: expect.stringContaining('/reset/') } });
      expect(spy).toHaveBeenCalledWith('[mail] could not send the access link:', expect.any(String));
    } finally {
      spy.mockRestore();
      await peer.start();
    }
    expect(peer.messages).toHaveLength(0);
  });
});
