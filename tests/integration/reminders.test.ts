// Issue 19: daily exercise reminders the patient chooses, through the job queue and a real
// SMTP peer on loopback: once a day per patient, at or after their time in their zone,
// never in quiet hours, not to discharged patients, skipped when the exercises are already
// ticked; the signed unsubscribe link works once and is audited.
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, jobs, patients, reminderPreferences } from '@/db/schema';
import { GET as unsubscribePage, POST as unsubscribePost } from '@/app/api/reminders/unsubscribe/route';
import { setCompletion } from '@/lib/data/completions';
import { createProgram, getActiveProgram } from '@/lib/data/programs';
import { saveReminderSettings } from '@/lib/data/reminders';
import { localDate } from '@/lib/dates';
import { runDueJobs } from '@/lib/jobs/worker';
import { deliverWeeklySummary, EXERCISE_REMINDER_KIND, scheduleReminders, WEEKLY_SUMMARY_KIND } from '@/lib/reminders/jobs';
import type { JobRow } from '@/lib/jobs/queue';
import { flagsOfTier, RED_FLAG_TIERS, TIER_GUIDE } from '@/lib/validation/symptoms';
import { unsubscribeToken } from '@/lib/reminders/unsubscribe-token';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';
import { setupSmtpPeer } from '../helpers/smtp';

const peer = setupSmtpPeer({ MAIL_FROM: 'desk@riverside.example', APP_URL: 'https://loadline.example' });
const testDb = setupTestDb();
beforeEach(async () => {
  peer.clear();
  // Jobs of earlier tests are done; each test counts its own.
  await testDb.db.delete(jobs);
});

const LONDON = 'Europe/London';
/** A zone where it is not yet 23:59 (so a 23:59 reminder is not due yet). */
const zoneBeforeMidnight = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Tokyo'].find((tz) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' }).format(new Date())) < 23)!;

async function patientWithProgram(overrides: { status?: 'active' | 'discharged'; email?: string | null } = {}) {
  const practice = await createPractice(undefined, LONDON);
  const physio = await createStaff(practice.id, ['physio']);
  const { patient, user } = await createPatientAccount(practice.id, { treatingPhysioId: physio.id, email: `p${Math.random().toString(36).slice(2, 8)}@example.org`, ...overrides });
  await createProgram(await actorFor(physio), patient.id, await sampleProgram());
  return { practice, physio, patient, user, me: await actorFor(user) };
}

describe('daily exercise reminders', () => {
  it('due at or after the chosen time: one job a day, emailed with an unsubscribe link and List-Unsubscribe', async () => {
    const w = await patientWithProgram();
    await saveReminderSettings(w.me, { exerciseReminderAt: '00:00', timeZone: LONDON, weeklySummary: false });
    const first = await scheduleReminders(testDb.db);
    expect(first).toHaveLength(1);
    expect(await Promise.all([scheduleReminders(testDb.db), scheduleReminders(testDb.db)])).toEqual([[], []]);
    const [job] = await testDb.db.select().from(jobs).where(eq(jobs.kind, EXERCISE_REMINDER_KIND));
    expect(job?.payload).toEqual({ patientId: w.patient.id, day: localDate(new Date(), LONDON) });

    expect(await runDueJobs({ workerId: 'w1' })).toMatchObject({ done: 1, failed: 0 });
    const [mail] = await peer.waitFor(1);
    expect(mail!.to).toEqual([w.patient.email]);
    expect(mail!.subject).toBe('Your exercises for today');
    expect(mail!.headers['list-unsubscribe']).toBe(`<https://loadline.example/api/reminders/unsubscribe?p=${w.patient.id}&t=${unsubscribeToken(w.patient.id)}>`);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // A restart that runs the scheduler again the same day sends nothing more.
    await scheduleReminders(testDb.db);
    await runDueJobs({ workerId: 'w2' });
    expect(peer.messages).toHaveLength(1);
  });

  it('skipped when already ticked today, not queued before the time, in quiet hours, or for a discharged patient', async () => {
    const ticked = await patientWithProgram();
    await saveReminderSettings(ticked.me, { exerciseReminderAt: '00:00', timeZone: LONDON, weeklySummary: false });
    const program = await getActiveProgram(ticked.me, ticked.patient.id);
    await setCompletion(ticked.me, { programItemId: program!.items[0]!.id, idempotencyKey: `tick-${ticked.patient.id}`, done: true });

    const early = await patientWithProgram();
    await saveReminderSettings(early.me, { exerciseReminderAt: '23:59', timeZone: zoneBeforeMidnight, weeklySummary: false });
    const quiet = await patientWithProgram();
    // Quiet all day (wrapping past midnight): never now.
    await saveReminderSettings(quiet.me, { exerciseReminderAt: '00:00', timeZone: LONDON, quietFrom: '00:00', quietUntil: '00:00', weeklySummary: false });
    const wrap = await patientWithProgram();
    await saveReminderSettings(wrap.me, { exerciseReminderAt: '00:00', timeZone: LONDON, quietFrom: '00:01', quietUntil: '00:00', weeklySummary: false });
    const discharged = await patientWithProgram();
    await saveReminderSettings(discharged.me, { exerciseReminderAt: '00:00', timeZone: LONDON, weeklySummary: false });
    await testDb.db.update(patients).set({ status: 'discharged' }).where(eq(patients.id, discharged.patient.id));

    const queued = await scheduleReminders(testDb.db);
    const kinds = await testDb.db.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.kind, EXERCISE_REMINDER_KIND));
    const queuedFor = new Set(kinds.map((k) => k.payload.patientId));
    expect(queuedFor.has(ticked.patient.id)).toBe(true);
    expect(queuedFor.has(early.patient.id)).toBe(false);
    expect(queuedFor.has(discharged.patient.id)).toBe(false);
    // 00:00–00:00 is treated as no quiet window (from = until); 00:01 to 00:00 wraps and covers all but one minute.
    expect(queuedFor.has(quiet.patient.id)).toBe(true);
    const londonMinute = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
    expect(queuedFor.has(wrap.patient.id)).toBe(londonMinute === '00:00');
    expect(queued.length).toBe(queuedFor.size);
    await runDueJobs({ workerId: 'w1' });
    // The ticked patient's reminder ran and sent nothing: they already did today's exercises.
    expect(peer.messages.map((m) => m.to[0])).not.toContain(ticked.patient.email);
  });

  it('daylight-saving days: the reminder follows the patient’s clock, and the day is their local day', async () => {
    const jobsOf = async (patientId: string) =>
      (await testDb.db.select().from(jobs).where(eq(jobs.kind, EXERCISE_REMINDER_KIND))).filter((j) => j.payload.patientId === patientId).map((j) => String(j.payload.day)).sort();
    const london = await patientWithProgram();
    await saveReminderSettings(london.me, { exerciseReminderAt: '07:30', timeZone: LONDON, weeklySummary: false });
    // Spring forward (29 Mar 2026, 01:00 UTC): 07:30 in London is 06:30 UTC.
    await scheduleReminders(testDb.db, new Date('2026-03-29T06:29:00Z'));
    expect(await jobsOf(london.patient.id)).toEqual([]);
    await scheduleReminders(testDb.db, new Date('2026-03-29T06:31:00Z'));
    expect(await jobsOf(london.patient.id)).toEqual(['2026-03-29']);
    // Fall back (25 Oct 2026, 01:00 UTC): 07:30 in London is 07:30 UTC again, not 06:30.
    await scheduleReminders(testDb.db, new Date('2026-10-25T07:29:00Z'));
    expect(await jobsOf(london.patient.id)).toEqual(['2026-03-29']);
    await scheduleReminders(testDb.db, new Date('2026-10-25T07:31:00Z'));
    expect(await jobsOf(london.patient.id)).toEqual(['2026-03-29', '2026-10-25']);

    // Late evening on the US's fall-back weekend: 23:30 on 31 Oct in Los Angeles is already 1 Nov in UTC;
    // the reminder belongs to the patient's 31 Oct, and a second pass that night queues nothing more.
    const la = await patientWithProgram();
    await saveReminderSettings(la.me, { exerciseReminderAt: '23:30', timeZone: 'America/Los_Angeles', weeklySummary: false });
    await scheduleReminders(testDb.db, new Date('2026-11-01T06:29:00Z'));
    expect(await jobsOf(la.patient.id)).toEqual([]);
    await scheduleReminders(testDb.db, new Date('2026-11-01T06:31:00Z'));
    await scheduleReminders(testDb.db, new Date('2026-11-01T06:59:00Z'));
    expect(await jobsOf(la.patient.id)).toEqual(['2026-10-31']);
    // Quiet hours are read on the same local clock: 07:00–09:00 in London holds a 07:30 reminder back until 09:00 BST.
    await saveReminderSettings(london.me, { exerciseReminderAt: '07:30', timeZone: LONDON, quietFrom: '07:00', quietUntil: '09:00', weeklySummary: false });
    await scheduleReminders(testDb.db, new Date('2026-06-01T07:59:00Z'));
    expect(await jobsOf(london.patient.id)).toEqual(['2026-03-29', '2026-10-25']);
    await scheduleReminders(testDb.db, new Date('2026-06-01T08:01:00Z'));
    expect(await jobsOf(london.patient.id)).toEqual(['2026-03-29', '2026-06-01', '2026-10-25']);
  });

  it('the weekly summary (opt-in): the week’s exercises and pain in plain words, a focus, never warning-sign wording', async () => {
    const w = await patientWithProgram();
    await saveReminderSettings(w.me, { exerciseReminderAt: undefined, timeZone: LONDON, weeklySummary: true });
    const program = await getActiveProgram(w.me, w.patient.id);
    const yesterday = localDate(new Date(Date.now() - 86_400_000), LONDON);
    await setCompletion(w.me, { programItemId: program!.items[0]!.id, idempotencyKey: `wk-${w.patient.id}`, done: true, date: yesterday });
    const job = { id: 1, kind: WEEKLY_SUMMARY_KIND, payload: { patientId: w.patient.id, day: localDate(new Date(), LONDON) } } as unknown as JobRow;
    expect(await deliverWeeklySummary(job)).toBeNull();
    const [mail] = await peer.waitFor(1);
    expect(mail!.subject).toBe('Your week in Loadline');
    expect(mail!.text).toMatch(/You did \d+(\.\d)? of the \d+(\.\d)? exercise sessions|Your program is new/);
    expect(mail!.text).toContain('For next week');
    expect(mail!.headers['list-unsubscribe']).toContain('/api/reminders/unsubscribe?p=');
    // The HTML alternative shows the week's chart: an attached PNG referenced by its cid, with alt text.
    const parsed = await simpleParser(mail!.raw, { keepCidLinks: true });
    const chart = parsed.attachments.find((a) => a.contentType === 'image/png');
    expect(chart?.cid).toBe('weekly-chart@loadline');
    expect(chart!.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([chart!.content.readUInt32BE(16), chart!.content.readUInt32BE(20)]).toEqual([560, 220]);
    expect(parsed.html).toContain('src="cid:weekly-chart@loadline"');
    expect(parsed.html).toMatch(/alt="Your week: .*1 exercise/);
    for (const tier of RED_FLAG_TIERS) {
      for (const body of [mail!.text, String(parsed.html)]) {
        expect(body).not.toContain(TIER_GUIDE[tier].heading);
        for (const flag of flagsOfTier(tier)) expect(body).not.toContain(flag.label);
      }
    }
    // Not opted in: nothing.
    await saveReminderSettings(w.me, { timeZone: LONDON, weeklySummary: false });
    expect(await deliverWeeklySummary(job)).toBe('unsubscribed');
  });

  it('the signed unsubscribe link: a page first, then once, audited; a forged token is refused; nothing is queued afterwards', async () => {
    const w = await patientWithProgram();
    await saveReminderSettings(w.me, { exerciseReminderAt: '00:00', timeZone: LONDON, weeklySummary: false });
    const url = (token: string) => `http://localhost/api/reminders/unsubscribe?p=${w.patient.id}&t=${token}`;
    const token = unsubscribeToken(w.patient.id);
    const page = await unsubscribePage(new NextRequest(url(token)));
    expect(await page.text()).toContain('Stop reminders');
    const [pref] = await testDb.db.select().from(reminderPreferences).where(eq(reminderPreferences.patientId, w.patient.id));
    expect(pref?.unsubscribedAt).toBeNull();

    expect((await unsubscribePost(new NextRequest(url(token.replace(/.$/, token.endsWith('A') ? 'B' : 'A')), { method: 'POST' }))).status).toBe(400);
    const done = await unsubscribePost(new NextRequest(url(token), { method: 'POST', body: 'List-Unsubscribe=One-Click' }));
    expect(await done.text()).toContain('Reminders stopped');
    expect(await (await unsubscribePost(new NextRequest(url(token), { method: 'POST' }))).text()).toContain('already stopped');
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'reminders.unsubscribe'), eq(auditEvents.patientId, w.patient.id)));
    expect(events).toHaveLength(1);
    await scheduleReminders(testDb.db);
    const queued = await testDb.db.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.kind, EXERCISE_REMINDER_KIND));
    expect(queued.map((q) => q.payload.patientId)).not.toContain(w.patient.id);
  });
});
