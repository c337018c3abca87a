// Warning signs (red flags) through the real actions, one test per way the old design
// failed a patient: the old red-flag alert was a 14-day window over pain reports' dates,
// acknowledged like any trend alert and told nobody. Here a signed-in patient logs pain
// with logPainAction, a physio closes with closeSafetyAlertAction, and mail goes to a real
// SMTP server on loopback (tests/helpers/smtp.ts), never a mock of nodemailer.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { alertAcknowledgements, auditEvents, jobs, painReports, patientAlertState, practices, safetyAlerts, safetyNotifications, users } from '@/db/schema';
import { acknowledgeAlertAction } from '@/lib/actions/alerts/acknowledge-alert';
import { closeSafetyAlertAction } from '@/lib/actions/alerts/close-safety-alert';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { setPatientStatusAction } from '@/lib/actions/patients/set-patient-status';
import { refreshAlertState } from '@/lib/data/alert-state';
import { getCaseload, getPatientAlerts } from '@/lib/data/caseload';
import { listSafetyAlerts } from '@/lib/data/safety-alerts';
import { addDays, localDate } from '@/lib/dates';
import { runDueJobs } from '@/lib/jobs/worker';
import { receiptOfAlert, receiptSentence, type SafetyReceipt } from '@/lib/safety/receipt';
import { SYMPTOMS } from '@/lib/validation/symptoms';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff, type TestUser } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';
import { type ReceivedMail, setEnv, setupSmtpPeer } from '../helpers/smtp';

const APP_URL = 'https://clinic.loadline.example';
const peer = setupSmtpPeer({ MAIL_FROM: 'safety@riverside.example', APP_URL });
const testDb = setupTestDb();
beforeEach(() => {
  signOut();
  peer.clear();
});

const key = () => randomUUID();
const today = () => localDate(new Date(), 'Europe/London');
const suffix = () => randomUUID().slice(0, 8);
const PRACTICE_NAME = 'Riverside Physio';
const PHYSIO_NAME = 'Ada Lane';

/** A practice, a treating physio (active, physio only) and a patient with a portal login. */
async function world() {
  const practice = await createPractice(PRACTICE_NAME);
  const physio = await createStaff(practice.id, ['physio'], { name: PHYSIO_NAME, email: `ada-${suffix()}@riverside.example` });
  const { patient, user: patientUser } = await createPatientAccount(practice.id, { firstName: 'Quentin', lastName: 'Marlowe', treatingPhysioId: physio.id });
  return { practice, physio, patient, patientUser };
}

async function setInbox(practiceId: string, inbox: string) {
  // The practice's safety inbox lives in the settings jsonb (the settings form writes it the same way).
  await testDb.db.update(practices).set({ settings: sql`${practices.settings} || ${JSON.stringify({ safetyInbox: inbox })}::jsonb` }).where(eq(practices.id, practiceId));
}

type LogData = { id: string; duplicate: boolean; redFlags: string[]; safety: SafetyReceipt | null };
async function logPain(user: TestUser, input: { score: number; symptoms?: string[]; date?: string; patientId?: string }): Promise<LogData> {
  signInAs(user);
  const result = await logPainAction(null, { idempotencyKey: key(), symptoms: [], ...input });
  if (!result.ok) throw new Error(`logPainAction refused: ${result.message} ${JSON.stringify(result.fieldErrors)}`);
  return result.data;
}

const alertsOf = (patientId: string) => testDb.db.select().from(safetyAlerts).where(eq(safetyAlerts.patientId, patientId)).orderBy(safetyAlerts.openedAt);
async function openAlertOf(patientId: string) {
  const open = (await alertsOf(patientId)).filter((a) => a.status === 'open');
  expect(open).toHaveLength(1);
  return open[0]!;
}
const notificationsOf = (patientId: string) => testDb.db.select().from(safetyNotifications).where(eq(safetyNotifications.patientId, patientId)).orderBy(safetyNotifications.createdAt);
const redFlagOf = async (physio: TestUser, patientId: string) => (await getPatientAlerts(await actorFor(physio), patientId)).find((a) => a.kind === 'red-flag');

async function close(user: TestUser, input: Record<string, unknown>) {
  signInAs(user);
  return closeSafetyAlertAction(null, input);
}

/** The caseload row of this patient as the physio's dashboard shows it. */
async function caseloadRow(physio: TestUser, patientId: string) {
  const caseload = await getCaseload(await actorFor(physio));
  return caseload.rows.find((r) => r.patientId === patientId);
}

const labelsAndKeys = SYMPTOMS.filter((s) => s.tier !== null).flatMap((s) => [s.key, s.label]);
function expectNothingClinical(mail: ReceivedMail, patient: { firstName: string; lastName: string; id: string }) {
  for (const part of [mail.subject, mail.text]) {
    for (const word of [...labelsAndKeys, 'saddle', 'bladder', 'bowel', 'numb', 'weakness', 'score', patient.firstName, patient.lastName]) {
      expect(part.toLowerCase()).not.toContain(word.toLowerCase());
    }
    // No score or date: apart from the link (whose uuid has digits) the message has no digit at all.
    expect(part.replace(`${APP_URL}/patients/${patient.id}`, '')).not.toMatch(/\d/);
  }
  expect(mail.text).toContain(`${APP_URL}/patients/${patient.id}`);
}

describe('1. a worse warning sign is not hidden behind a handled one', () => {
  // Old: an acknowledged red-flag alert stayed acknowledged for the rest of its window, so a worse sign the same day showed nothing.
  it('after a same-day sign is closed, an emergency sign the same day opens a new emergency alert; the same sign again opens another', async () => {
    const w = await world();
    await logPain(w.patientUser, { score: 5, symptoms: ['leg-numbness'] });
    const first = await openAlertOf(w.patient.id);
    expect(first).toMatchObject({ tier: 'same-day', flags: ['leg-numbness'] });
    expect((await caseloadRow(w.physio, w.patient.id))?.alerts.find((a) => a.kind === 'red-flag')).toMatchObject({ severity: 'urgent' });

    expect(await close(w.physio, { alertId: first.id, action: 'called-patient', note: 'Called, numbness settling; review Friday.' })).toMatchObject({ ok: true });
    expect(await caseloadRow(w.physio, w.patient.id)).toBeUndefined();

    // Later the same day: saddle numbness and bladder trouble.
    const worse = await logPain(w.patientUser, { score: 6, symptoms: ['saddle-numbness', 'bladder-bowel'] });
    expect(worse.safety).toMatchObject({ reportTier: 'emergency', alertTier: 'emergency' });
    const rows = await alertsOf(w.patient.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: first.id, status: 'closed', closeAction: 'called-patient' });
    expect(rows[1]).toMatchObject({ status: 'open', tier: 'emergency', flags: ['saddle-numbness', 'bladder-bowel'] });
    const row = await caseloadRow(w.physio, w.patient.id);
    expect(row?.alerts.find((a) => a.kind === 'red-flag')).toMatchObject({ severity: 'emergency', evidence: { alertId: rows[1]!.id } });
    expect(row?.alerts[0]?.kind).toBe('red-flag');

    // Closed, then the very same sign reported again: a new alert, not the closed one.
    expect(await close(w.physio, { alertId: rows[1]!.id, action: 'advised-emergency-care', note: 'Sent to A&E by phone.' })).toMatchObject({ ok: true });
    await logPain(w.patientUser, { score: 6, symptoms: ['saddle-numbness'] });
    const again = await alertsOf(w.patient.id);
    expect(again.map((a) => a.status)).toEqual(['closed', 'closed', 'open']);
    expect(again[2]).toMatchObject({ tier: 'emergency', flags: ['saddle-numbness'] });
    expect((await caseloadRow(w.physio, w.patient.id))?.alerts.find((a) => a.kind === 'red-flag')).toMatchObject({ severity: 'emergency', evidence: { alertId: again[2]!.id } });
    // Each new alert told the treating physio.
    expect((await notificationsOf(w.patient.id)).map((n) => [n.reason, n.recipientName, n.status])).toEqual([
      ['opened', PHYSIO_NAME, 'sent'], ['opened', PHYSIO_NAME, 'sent'], ['opened', PHYSIO_NAME, 'sent'],
    ]);
  });
});

describe('2. a backdated warning sign alerts', () => {
  // Old: the alert looked at reports dated within the last 14 days, so a report dated earlier never alerted.
  it.each([14, 300])('a report dated %i days ago with leg weakness opens an alert at once', async (daysAgo) => {
    const w = await world();
    const date = addDays(today(), -daysAgo);
    const data = await logPain(w.patientUser, { score: 4, symptoms: ['leg-weakness'], date });
    expect(data.safety).toMatchObject({ reportTier: 'same-day', alertTier: 'same-day', told: [{ name: PHYSIO_NAME, status: 'sent' }] });
    expect(await openAlertOf(w.patient.id)).toMatchObject({ tier: 'same-day', flags: ['leg-weakness'], lastReportDate: date });
    expect(await redFlagOf(w.physio, w.patient.id)).toMatchObject({ severity: 'urgent', acknowledged: false });
    expect((await caseloadRow(w.physio, w.patient.id))?.alerts.map((a) => a.kind)).toContain('red-flag');
    expect(peer.messages.map((m) => m.to)).toEqual([[w.physio.email]]);
  });
});

describe('3. an unclosed warning sign never disappears', () => {
  // Old: the alert left the dashboard 14 days after the report's date, whether or not anyone had acted.
  it('is still open when the alert state is refreshed 30 and 90 days later', async () => {
    const w = await world();
    await logPain(w.patientUser, { score: 5, symptoms: ['fever-weight-loss'] });
    const alert = await openAlertOf(w.patient.id);
    for (const days of [30, 90]) {
      const asOf = addDays(today(), days);
      await refreshAlertState(w.practice.id, [w.patient.id], asOf);
      const [state] = await testDb.db.select().from(patientAlertState).where(eq(patientAlertState.patientId, w.patient.id));
      expect(state?.asOf).toBe(asOf);
      expect(state?.kinds).toContain('red-flag');
      expect(await redFlagOf(w.physio, w.patient.id)).toMatchObject({ severity: 'urgent', acknowledged: false, evidence: { alertId: alert.id } });
    }
  });
});

describe('4. someone is told', () => {
  // Old: nobody was emailed; the patient was told their physio had been alerted.
  it('an emergency report emails the treating physio once, with a link and nothing clinical, and the patient is told so', async () => {
    const w = await world();
    const data = await logPain(w.patientUser, { score: 7, symptoms: ['saddle-numbness', 'both-legs'] });
    expect(data.safety).toMatchObject({ reportTier: 'emergency', alertTier: 'emergency', told: [{ name: PHYSIO_NAME, status: 'sent', sentAt: expect.any(String) }] });
    expect(receiptSentence(data.safety!)).toBe(`${PHYSIO_NAME} has been emailed to look at it.`);
    // Read back later (the portal's Today and History), the open alert tells the patient the same.
    const [open] = await listSafetyAlerts(await actorFor(w.patientUser), w.patient.id, 1);
    expect(open).toMatchObject({ status: 'open', tier: 'emergency' });
    expect(receiptOfAlert(open!)).toEqual(data.safety);
    expect(peer.messages).toHaveLength(1);
    const [mail] = peer.messages;
    expect(mail!.to).toEqual([w.physio.email]);
    expect(mail!.subject).toMatch(/^Urgent: /);
    expect(mail!.text).toContain(`Hello ${PHYSIO_NAME},`);
    expectNothingClinical(mail!, w.patient);
    expect(await notificationsOf(w.patient.id)).toMatchObject([{ reason: 'opened', tier: 'emergency', recipientUserId: w.physio.id, status: 'sent', attempts: 1 }]);
  });

  it('without SMTP_URL the notification is recorded as not configured and the patient is told nobody was emailed', async () => {
    const w = await world();
    setEnv({ SMTP_URL: undefined });
    try {
      const data = await logPain(w.patientUser, { score: 6, symptoms: ['bladder-bowel'] });
      expect(data.safety).toMatchObject({ alertTier: 'emergency', told: [{ name: PHYSIO_NAME, status: 'not-configured', sentAt: null }] });
      expect(receiptSentence(data.safety!)).toBe('Nobody has been emailed: your practice will see it when they next check Loadline.');
      const [open] = await listSafetyAlerts(await actorFor(w.patientUser), w.patient.id, 1);
      expect(receiptSentence(receiptOfAlert(open!))).toBe('Nobody has been emailed: your practice will see it when they next check Loadline.');
      expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'not-configured', lastError: expect.stringContaining('SMTP_URL') }]);
    } finally {
      setEnv({ SMTP_URL: peer.url });
    }
    expect(peer.messages).toHaveLength(0);
  });

  it('with the treating physio deactivated (or none), the leads and the safety inbox are emailed at once', async () => {
    const w = await world();
    const lead = await createStaff(w.practice.id, ['physio', 'admin'], { name: 'Lena Lead', email: `lead-${suffix()}@riverside.example` });
    const manager = await createStaff(w.practice.id, ['admin'], { name: 'Max Manager' });
    const colleague = await createStaff(w.practice.id, ['physio'], { name: 'Cole League' });
    await createStaff(w.practice.id, ['physio', 'admin'], { name: 'Gone Lead', status: 'deactivated' });
    const inbox = `safety-${suffix()}@riverside.example`;
    await setInbox(w.practice.id, inbox);
    await testDb.db.update(users).set({ status: 'deactivated' }).where(eq(users.id, w.physio.id));

    const data = await logPain(w.patientUser, { score: 5, symptoms: ['leg-weakness-worsening'] });
    // Both rows are written by one statement (same created_at), so their order is not fixed.
    expect(data.safety?.told).toHaveLength(2);
    expect(data.safety?.told).toEqual(expect.arrayContaining([
      { name: 'Lena Lead', status: 'sent', sentAt: expect.any(String) },
      { name: 'the practice’s safety inbox', status: 'sent', sentAt: expect.any(String) },
    ]));
    expect([
      'Lena Lead and the practice’s safety inbox have been emailed to look at it.',
      'the practice’s safety inbox and Lena Lead have been emailed to look at it.',
    ]).toContain(receiptSentence(data.safety!));
    expect(peer.messages.map((m) => m.to[0]).sort()).toEqual([lead.email, inbox].sort());
    for (const mail of peer.messages) {
      expect(mail.text).toContain('no active treating physio');
      expectNothingClinical(mail, w.patient);
    }
    const told = await notificationsOf(w.patient.id);
    expect(told.map((n) => n.reason)).toEqual(['no-active-physio', 'no-active-physio']);
    expect(told.map((n) => n.recipientEmail)).not.toContain(w.physio.email);
    for (const other of [manager, colleague]) expect(told.map((n) => n.recipientEmail)).not.toContain(other.email);
    expect((await openAlertOf(w.patient.id)).escalatedAt).not.toBeNull();

    // A patient with no treating physio at all: the same.
    peer.clear();
    const { patient: orphan, user: orphanUser } = await createPatientAccount(w.practice.id, { firstName: 'Orla', lastName: 'Nobody' });
    await logPain(orphanUser, { score: 5, symptoms: ['pain-below-knee'] });
    expect((await notificationsOf(orphan.id)).map((n) => [n.reason, n.recipientEmail]).sort()).toEqual([['no-active-physio', lead.email], ['no-active-physio', inbox]].sort());
    expect(peer.messages).toHaveLength(2);
  });

  it('a review-tier sign emails nobody and the patient is told it waits for review', async () => {
    const w = await world();
    const data = await logPain(w.patientUser, { score: 5, symptoms: ['sleep-disturbed'] });
    expect(data.safety).toEqual({ reportTier: 'review', alertTier: 'review', told: [] });
    expect(receiptSentence(data.safety!)).toBe('It is on your physio’s list to review. Nobody is emailed about it.');
    expect(await notificationsOf(w.patient.id)).toHaveLength(0);
    expect(peer.messages).toHaveLength(0);
    expect(await testDb.db.select().from(jobs).where(sql`${jobs.payload}->>'alertId' = ${(await openAlertOf(w.patient.id)).id}`)).toHaveLength(0);
  });
});

describe('5. tiers', () => {
  // Old: every red flag was one 'urgent' alert, and severe pain on two days was not a warning sign at all.
  it.each([
    [['leg-numbness'], 'urgent', 'same-day'],
    [['saddle-numbness'], 'emergency', 'emergency'],
    [['sleep-disturbed'], 'high', 'review'],
  ] as const)('%j is a %s alert (tier %s)', async (symptoms, severity, tier) => {
    const w = await world();
    await logPain(w.patientUser, { score: 4, symptoms: [...symptoms] });
    expect(await openAlertOf(w.patient.id)).toMatchObject({ tier, flags: [...symptoms] });
    expect(await redFlagOf(w.physio, w.patient.id)).toMatchObject({ severity, acknowledged: false });
  });

  it('severe pain (8) on two days running is a review alert with the severe-pain-two-days flag', async () => {
    const w = await world();
    const first = await logPain(w.patientUser, { score: 8, date: addDays(today(), -1) });
    expect(first.safety).toBeNull();
    expect(await alertsOf(w.patient.id)).toHaveLength(0);
    const second = await logPain(w.patientUser, { score: 8 });
    expect(second.safety).toEqual({ reportTier: 'review', alertTier: 'review', told: [] });
    expect(await openAlertOf(w.patient.id)).toMatchObject({ tier: 'review', flags: ['severe-pain-two-days'] });
    expect(await redFlagOf(w.physio, w.patient.id)).toMatchObject({ severity: 'high' });
    expect(peer.messages).toHaveLength(0);
  });

  it("at the practice's lowest severe score (5) two days running still open the alert; a hand-edited 3 counts as 5, so 4/10 never does", async () => {
    const w = await world();
    const setSevere = (score: number) =>
      testDb.db.update(practices).set({ settings: sql`${practices.settings} || ${JSON.stringify({ severePainScore: score })}::jsonb` }).where(eq(practices.id, w.practice.id));
    await setSevere(3);
    await logPain(w.patientUser, { score: 4, date: addDays(today(), -3) });
    expect((await logPain(w.patientUser, { score: 4, date: addDays(today(), -2) })).safety).toBeNull();
    await setSevere(5);
    expect((await logPain(w.patientUser, { score: 5, date: addDays(today(), -1) })).safety).toBeNull();
    expect((await logPain(w.patientUser, { score: 5 })).safety).toEqual({ reportTier: 'review', alertTier: 'review', told: [] });
    expect(await openAlertOf(w.patient.id)).toMatchObject({ tier: 'review', flags: ['severe-pain-two-days'] });
  });
});

describe('6. escalation when nobody acts', () => {
  // Old: an alert nobody looked at stayed on one dashboard; nobody else was ever told.
  async function escalationWorld() {
    const w = await world();
    const lead = await createStaff(w.practice.id, ['physio', 'admin'], { name: 'Lena Lead', email: `lead-${suffix()}@riverside.example` });
    const inbox = `safety-${suffix()}@riverside.example`;
    await setInbox(w.practice.id, inbox);
    await logPain(w.patientUser, { score: 6, symptoms: ['saddle-numbness'] });
    const alert = await openAlertOf(w.patient.id);
    expect(alert.escalateAt).not.toBeNull();
    // The default emergency deadline is 120 minutes after the report.
    expect(alert.escalateAt!.getTime() - alert.tierSince.getTime()).toBe(120 * 60_000);
    const [job] = await testDb.db.select().from(jobs).where(and(eq(jobs.kind, 'safety.escalate'), sql`${jobs.payload}->>'alertId' = ${alert.id}`));
    expect(job).toMatchObject({ status: 'queued', runAt: alert.escalateAt });
    return { ...w, lead, inbox, alert, job: job! };
  }

  /** Clock stand-in: instead of waiting two hours, the deadline is moved into the past with a direct UPDATE. */
  async function passDeadline(alertId: string, jobId: number) {
    await testDb.db.update(safetyAlerts).set({ escalateAt: sql`now() - interval '1 second'` }).where(eq(safetyAlerts.id, alertId));
    await testDb.db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(eq(jobs.id, jobId));
  }

  it('an emergency alert nobody closed is escalated to the leads and the safety inbox after its deadline', async () => {
    const w = await escalationWorld();
    expect(peer.messages.map((m) => m.to)).toEqual([[w.physio.email]]);
    peer.clear();

    // Before the deadline the worker does nothing with it.
    await runDueJobs();
    expect(peer.messages).toHaveLength(0);

    await passDeadline(w.alert.id, w.job.id);
    await runDueJobs();
    expect(peer.messages.map((m) => m.to[0]).sort()).toEqual([w.lead.email, w.inbox].sort());
    for (const mail of peer.messages) {
      expect(mail.text).toContain('has had no recorded action');
      expectNothingClinical(mail, w.patient);
    }
    const escalated = (await notificationsOf(w.patient.id)).filter((n) => n.reason === 'escalated');
    expect(escalated.map((n) => [n.recipientEmail, n.status]).sort()).toEqual([[w.lead.email, 'sent'], [w.inbox, 'sent']].sort());
    expect((await openAlertOf(w.patient.id)).escalatedAt).not.toBeNull();
    const [job] = await testDb.db.select().from(jobs).where(eq(jobs.id, w.job.id));
    expect(job).toMatchObject({ status: 'done', attempts: 1 });

    // Told once: running the worker again sends nothing more.
    await runDueJobs();
    expect(peer.messages).toHaveLength(2);
  });

  it('an alert closed before its deadline is not escalated', async () => {
    const w = await escalationWorld();
    expect(await close(w.physio, { alertId: w.alert.id, action: 'advised-emergency-care', note: 'Phoned, advised A&E now.' })).toMatchObject({ ok: true });
    peer.clear();
    await passDeadline(w.alert.id, w.job.id);
    await runDueJobs();
    expect(peer.messages).toHaveLength(0);
    expect((await notificationsOf(w.patient.id)).map((n) => n.reason)).toEqual(['opened']);
    const [job] = await testDb.db.select().from(jobs).where(eq(jobs.id, w.job.id));
    expect(job?.status).toBe('done');
    const [alert] = await testDb.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, w.alert.id));
    expect(alert).toMatchObject({ status: 'closed', escalatedAt: null });
  });
});

describe('closing a warning sign', () => {
  const closeAudits = (alertId: string) => testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'safety.close'), eq(auditEvents.entityId, alertId)));

  it('needs an action and a note, is audited, and only the practice physios may close it, once', async () => {
    const w = await world();
    const manager = await createStaff(w.practice.id, ['admin']);
    const foreignPractice = await createPractice();
    const foreignPhysio = await createStaff(foreignPractice.id, ['physio']);
    await logPain(w.patientUser, { score: 5, symptoms: ['leg-numbness'] });
    const alert = await openAlertOf(w.patient.id);
    const valid = { alertId: alert.id, action: 'called-patient', note: 'Called; booked in tomorrow 9am.' };

    const stillOpen = async () => {
      const [row] = await testDb.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, alert.id));
      expect(row).toMatchObject({ status: 'open', closedAt: null, closeAction: null, closeNote: null, closedBy: null });
      expect(await closeAudits(alert.id)).toHaveLength(0);
    };

    // Missing or invalid action and note: field errors, nothing written.
    const missing = await close(w.physio, { alertId: alert.id });
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    if (!missing.ok) expect(Object.keys(missing.fieldErrors).sort()).toEqual(['action', 'note']);
    const invalid = await close(w.physio, { alertId: alert.id, action: 'ignored', note: 'ok' });
    expect(invalid).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { action: ['Choose what you did'], note: [expect.stringContaining('short note')] } });
    expect(await close(w.physio, { ...valid, note: '   ' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { note: [expect.any(String)] } });
    await stillOpen();

    // Another practice's physio cannot see it; a practice manager and the patient may not close it.
    expect(await close(foreignPhysio, valid)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await close(manager, valid)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await close(w.patientUser, valid)).toMatchObject({ ok: false, code: 'forbidden' });
    await stillOpen();

    expect(await close(w.physio, valid)).toEqual({ ok: true, data: null });
    const [closed] = await testDb.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, alert.id));
    expect(closed).toMatchObject({ status: 'closed', closeAction: 'called-patient', closeNote: valid.note, closedBy: w.physio.id, closedAt: expect.any(Date) });
    const audits = await closeAudits(alert.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ practiceId: w.practice.id, actorUserId: w.physio.id, entity: 'safety_alert', patientId: w.patient.id, meta: { closeAction: 'called-patient', tier: 'same-day' } });
    expect(await redFlagOf(w.physio, w.patient.id)).toBeUndefined();

    // A second close (a colleague with a stale page) is a conflict and changes nothing.
    const colleague = await createStaff(w.practice.id, ['physio']);
    expect(await close(colleague, { ...valid, action: 'seen-in-clinic' })).toMatchObject({ ok: false, code: 'conflict' });
    const [after] = await testDb.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, alert.id));
    expect(after).toMatchObject({ closeAction: 'called-patient', closedBy: w.physio.id });
    expect(await closeAudits(alert.id)).toHaveLength(1);
  });

  it('a warning sign cannot be acknowledged like a trend alert', async () => {
    const w = await world();
    await logPain(w.patientUser, { score: 5, symptoms: ['leg-weakness'] });
    signInAs(w.physio);
    const result = await acknowledgeAlertAction(null, { patientId: w.patient.id, kind: 'red-flag' });
    expect(result).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('closed with the action') });
    expect(await testDb.db.select().from(alertAcknowledgements).where(eq(alertAcknowledgements.patientId, w.patient.id))).toHaveLength(0);
    expect(await openAlertOf(w.patient.id)).toMatchObject({ status: 'open' });
    expect(await redFlagOf(w.physio, w.patient.id)).toMatchObject({ acknowledged: false });
    // The report itself is linked to the alert it opened.
    const [report] = await testDb.db.select().from(painReports).where(eq(painReports.patientId, w.patient.id));
    expect(report?.safetyAlertId).toBe((await openAlertOf(w.patient.id)).id);
  });
});

const statusForm = (id: string, status: string) => {
  const fd = new FormData();
  fd.append('id', id);
  fd.append('status', status);
  return fd;
};

describe('discharging does not hide a warning sign', () => {
  it('refuses to discharge or archive a patient with an open warning sign; a discharged patient who reports one still shows', async () => {
    const { practice, physio, patient, patientUser } = await world();
    await logPain(patientUser, { score: 5, symptoms: ['leg-weakness'] });
    signInAs(physio);
    for (const status of ['discharged', 'archived'] as const) {
      expect(await setPatientStatusAction(null, statusForm(patient.id, status))).toMatchObject({ ok: false, code: 'invalid' });
    }
    const [open] = await alertsOf(patient.id);
    expect(await closeSafetyAlertAction(null, { alertId: open!.id, action: 'seen-in-clinic', note: 'Seen today, strength normal.' })).toMatchObject({ ok: true });
    expect(await setPatientStatusAction(null, statusForm(patient.id, 'discharged'))).toMatchObject({ ok: true });

    // After discharge the patient can still log; a new sign opens and reaches the dashboard.
    await logPain(patientUser, { score: 6, symptoms: ['bladder-bowel'] });
    await refreshAlertState(practice.id, [patient.id]);
    const caseload = await getCaseload(await actorFor(physio));
    const row = caseload.rows.find((r) => r.patientId === patient.id);
    expect(row?.alerts.map((a) => [a.kind, a.severity])).toEqual([['red-flag', 'emergency']]);
  });
});
