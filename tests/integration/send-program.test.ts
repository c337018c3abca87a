// Issue 20: "Send to patient" emails the active program as a PDF, through a real SMTP peer on
// loopback; without a mail server nothing is sent and the physio is told so.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { sendProgramAction } from '@/lib/actions/programs/send-program';
import { createProgram } from '@/lib/data/programs';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';
import { signInAs, signOut } from '../helpers/session';
import { setEnv, setupSmtpPeer } from '../helpers/smtp';

// Each test says whether mail is set up (useMail); SMTP_URL and MAIL_FROM are put back after the file.
const peer = setupSmtpPeer({ MAIL_FROM: undefined }, { smtpUrl: false });
const testDb = setupTestDb();
const useMail = (on: boolean) => setEnv({ SMTP_URL: on ? peer.url : undefined, MAIL_FROM: 'desk@riverside.example' });
beforeEach(() => { signOut(); peer.clear(); });

async function world(email: string | null = 'robin@example.org') {
  const practice = await createPractice('Riverside Physio');
  const physio = await createStaff(practice.id, ['physio']);
  const patient = await createPatient(practice.id, { firstName: 'Robin', email, treatingPhysioId: physio.id });
  await createProgram(await actorFor(physio), patient.id, await sampleProgram());
  return { practice, physio, patient };
}

describe('send the program to the patient', () => {
  it('emails a PDF with the program, to the patient’s address, and audits it', async () => {
    useMail(true);
    const w = await world();
    signInAs(w.physio);
    expect(await sendProgramAction(null, { patientId: w.patient.id })).toEqual({ ok: true, data: { outcome: 'sent', to: 'robin@example.org' } });
    const [mail] = await peer.waitFor(1);
    expect(mail!.to).toEqual(['robin@example.org']);
    expect(mail!.subject).toMatch(/^Your exercise program: /);
    expect(mail!.text).toContain('/login');
    expect(mail!.attachments).toHaveLength(1);
    const pdf = mail!.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.content.length).toBeGreaterThan(2000);
    const events = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'program.send'));
    expect(events.find((e) => e.patientId === w.patient.id)?.meta).toMatchObject({ outcome: 'sent' });
  });

  it('without a mail server nothing is sent and the answer says so; no email address or another practice is refused', async () => {
    useMail(false);
    const w = await world();
    signInAs(w.physio);
    expect(await sendProgramAction(null, { patientId: w.patient.id })).toEqual({ ok: true, data: { outcome: 'not-configured', to: 'robin@example.org' } });
    expect(peer.messages).toHaveLength(0);
    useMail(true);
    const noEmail = await world(null);
    signInAs(noEmail.physio);
    expect(await sendProgramAction(null, { patientId: noEmail.patient.id })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await sendProgramAction(null, { patientId: w.patient.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(peer.messages).toHaveLength(0);
  });
});
