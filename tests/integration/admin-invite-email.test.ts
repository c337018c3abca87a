import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { createTestDb } from '../helpers/db';
import { createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

// With SMTP_URL set, links are emailed through nodemailer (replaced here by a fake transport).
const mail = vi.hoisted(() => {
  process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
  process.env.MAIL_FROM = 'desk@riverside.example';
  return { sent: [] as { from: string; to: string; subject: string; text: string }[], fail: false };
});
vi.mock('nodemailer', () => ({
  default: {
    createTransport: (url: string) => {
      expect(url).toBe('smtp://127.0.0.1:2525');
      return {
        sendMail: async (message: { from: string; to: string; subject: string; text: string }) => {
          if (mail.fail) throw new Error('connection refused');
          mail.sent.push(message);
          return { messageId: 'x' };
        },
      };
    },
  },
}));

let testDb: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => { testDb = await createTestDb(); });
afterAll(async () => { await testDb.drop(); });
beforeEach(() => { signOut(); mail.sent.length = 0; mail.fail = false; });

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
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ from: 'desk@riverside.example', to: 'mailed@example.com', subject: 'Your invitation to Riverside Test on Loadline' });
    if (result.ok) expect(mail.sent[0]?.text).toContain(result.data.url);
  });

  it('when sending fails, the link is still issued and the answer says it was not emailed', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio']);
    mail.fail = true;
    signInAs(admin);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await issuePasswordResetAction(null, form({ userId: physio.id }));
    spy.mockRestore();
    expect(result).toMatchObject({ ok: true, data: { emailed: false, url: expect.stringContaining('/reset/') } });
    expect(mail.sent).toHaveLength(0);
  });
});
