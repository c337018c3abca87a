// sendMail against a real SMTP server on loopback: delivery, a server that is down or
// refusing, a restarted server, and no SMTP_URL at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendMail } from '@/lib/mail/transport';
import { setEnv, snapshotEnv, startSmtpPeer, type SmtpPeer } from '../helpers/smtp';

let peer: SmtpPeer;
const saved = snapshotEnv(['SMTP_URL', 'MAIL_FROM']);


beforeAll(async () => { peer = await startSmtpPeer(); });
afterAll(async () => { await peer.stop(); setEnv(saved); });
beforeEach(async () => {
  await peer.start();
  peer.clear();
  peer.rejectNext(0);
  setEnv({ SMTP_URL: peer.url, MAIL_FROM: 'Riverside Clinic <desk@riverside.example>' });
});

// Long lines and non-ASCII make nodemailer pick quoted-printable; the peer must give back the original.
const text = `Hello Zoë,\n\n${'Your programme — week 3: squats, lunges & bridges = 3×12. '.repeat(4)}\n\nhttps://loadline.example/reset/abc_DEF-123?x=1&y=2`;

describe('sendMail with a real SMTP peer', () => {
  it('delivers the message with sender, recipient, subject, body and headers', async () => {
    await expect(sendMail({ to: 'pat@example.com', subject: 'Safety: please call us', text, headers: { 'X-Loadline-Kind': 'safety' } })).resolves.toBe('sent');
    const [mail] = await peer.waitFor(1);
    expect(mail).toMatchObject({ from: 'desk@riverside.example', to: ['pat@example.com'], subject: 'Safety: please call us' });
    expect(mail?.text.trimEnd()).toBe(text);
    expect(mail?.raw).toMatch(/Content-Transfer-Encoding: quoted-printable/i);
    expect(mail?.headers['x-loadline-kind']).toBe('safety');
    expect(mail?.headers.from).toContain('desk@riverside.example');
  });

  it('throws while the server is down, and delivers again once it is back on the same port', async () => {
    const { port } = peer;
    await peer.stop();
    await expect(sendMail({ to: 'pat@example.com', subject: 'One', text: 'one' })).rejects.toThrow(/ECONNREFUSED|connect/i);
    await peer.start();
    expect(peer.port).toBe(port);
    await expect(sendMail({ to: 'pat@example.com', subject: 'Two', text: 'two' })).resolves.toBe('sent');
    expect(peer.messages.map((m) => m.subject)).toEqual(['Two']);
  });

  it('throws when the server answers 451, and delivers on the next try', async () => {
    peer.rejectNext(1);
    await expect(sendMail({ to: 'pat@example.com', subject: 'Retry me', text: 'x' })).rejects.toThrow(/451/);
    await expect(sendMail({ to: 'pat@example.com', subject: 'Retry me', text: 'x' })).resolves.toBe('sent');
    expect(peer.messages).toHaveLength(1);
  });

  it("returns 'not-configured' and sends nothing without SMTP_URL", async () => {
    setEnv({ SMTP_URL: undefined });
    await expect(sendMail({ to: 'pat@example.com', subject: 'Nope', text: 'x' })).resolves.toBe('not-configured');
    expect(peer.messages).toHaveLength(0);
  });
});
