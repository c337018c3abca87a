import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, practices, type PracticeSettings } from '@/db/schema';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { requireActor } from '@/lib/auth/require-actor';
import { getCareContact } from '@/lib/data/patients';
import { getPracticeSettings } from '@/lib/data/practice-settings';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

const valid = {
  name: 'Riverbank Physio', timeZone: 'America/New_York', distanceUnit: 'mi', painWorseMinPoints: '3', acwrSpike: '1.6',
  weeklyDistanceRedPct: '25', adherenceLowPct: '60', inactivityDays: '10', sessionIdleMinutes: '30',
};
const practiceRow = async (id: string) => (await testDb.db.select().from(practices).where(eq(practices.id, id)))[0]!;

describe('practice settings', () => {
  it('an admin saves name, time zone, unit, thresholds and session length; the change is audited with before and after', async () => {
    const p = await createPractice('Old Name', 'Europe/London');
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await updatePracticeSettingsAction(null, formData(valid));
    expect(result.ok).toBe(true);
    const row = await practiceRow(p.id);
    expect(row).toMatchObject({ name: 'Riverbank Physio', timeZone: 'America/New_York', distanceUnit: 'mi' });
    expect(row.settings).toEqual({
      painWorseMinPoints: 3, acwrSpike: 1.6, weeklyDistanceRedPct: 25, adherenceLowPct: 60, inactivityDays: 10, sessionIdleMinutes: 30, phone: null, emergencyNumber: null,
      // Not posted either: the pain-monitoring limits keep their defaults (and are stored with the save).
      painDuringMax: 5, painWeeklyRisePoints: 1,
      // Not posted: the safety settings keep what was saved (here a new practice's defaults).
      safetyInbox: null, severePainScore: 8, escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1,
    });
    // The next request already works in the new time zone and unit.
    expect(await requireActor()).toMatchObject({ timeZone: 'America/New_York', distanceUnit: 'mi' });
    const [event] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'practice.settings_update'), eq(auditEvents.practiceId, p.id)));
    expect(event?.actorUserId).toBe(admin.id);
    expect(event?.meta).toMatchObject({
      before: { name: 'Old Name', timeZone: 'Europe/London', distanceUnit: 'km', painWorseMinPoints: 2 },
      after: { name: 'Riverbank Physio', timeZone: 'America/New_York', distanceUnit: 'mi', painWorseMinPoints: 3 },
    });
    expect(await getPracticeSettings(await actorFor(admin))).toMatchObject({ name: 'Riverbank Physio', acwrSpike: 1.6 });
    // Saving the same values again records nothing new.
    expect(await updatePracticeSettingsAction(null, formData(valid))).toEqual({ ok: true, data: { changed: [] } });
    expect(await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'practice.settings_update'), eq(auditEvents.practiceId, p.id)))).toHaveLength(1);
  });

  it('refuses values outside the safe ranges and an unknown time zone, reporting every field, and saves nothing', async () => {
    const p = await createPractice('Keep Me');
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await updatePracticeSettingsAction(null, formData({
      name: '', timeZone: 'Mars/Olympus_Mons', distanceUnit: 'furlongs', painWorseMinPoints: '6', acwrSpike: '1.1',
      weeklyDistanceRedPct: '101', adherenceLowPct: '5', inactivityDays: '61', sessionIdleMinutes: 'abc',
    }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual([
      'acwrSpike', 'adherenceLowPct', 'distanceUnit', 'inactivityDays', 'name', 'painWorseMinPoints', 'sessionIdleMinutes', 'timeZone', 'weeklyDistanceRedPct',
    ]);
    expect(result.fieldErrors.acwrSpike).toEqual(['ACWR spike: between 1.2 and 2']);
    expect(result.fieldErrors.timeZone).toEqual(['Choose a time zone from the list (e.g. Europe/London)']);
    expect((await practiceRow(p.id)).name).toBe('Keep Me');
  });

  it('accepts the edges of each range', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const low = { ...valid, painWorseMinPoints: '1', acwrSpike: '1.2', weeklyDistanceRedPct: '10', adherenceLowPct: '10', inactivityDays: '3', sessionIdleMinutes: '5' };
    const high = { ...valid, painWorseMinPoints: '5', acwrSpike: '2', weeklyDistanceRedPct: '100', adherenceLowPct: '90', inactivityDays: '60', sessionIdleMinutes: '480' };
    expect((await updatePracticeSettingsAction(null, formData(low))).ok).toBe(true);
    expect((await updatePracticeSettingsAction(null, formData(high))).ok).toBe(true);
  });

  it('the practice phone and emergency number reach the patient safety message; empty means not set', async () => {
    const p = await createPractice('Northside Physio', 'Asia/Kolkata');
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio'], { name: 'Dana Cole' });
    const { patient, user } = await createPatientAccount(p.id, { treatingPhysioId: physio.id });
    const self = await actorFor(user);
    // Nothing set, and no certain number for this time zone: the portal says "your local emergency number".
    expect(await getCareContact(self, patient.id)).toEqual({ physioName: 'Dana Cole', practiceName: 'Northside Physio', practicePhone: null, emergencyNumber: null });

    signInAs(admin);
    const bad = await updatePracticeSettingsAction(null, formData({ ...valid, timeZone: 'Asia/Kolkata', phone: 'call reception', emergencyNumber: '1-1-2' }));
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    if (!bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(['emergencyNumber', 'phone']);

    const saved = await updatePracticeSettingsAction(null, formData({ ...valid, name: 'Northside Physio', timeZone: 'Asia/Kolkata', phone: ' +91 22 5555 0142 ', emergencyNumber: '112' }));
    expect(saved).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(['phone', 'emergencyNumber']) } });
    expect(await getCareContact(self, patient.id)).toMatchObject({ practicePhone: '+91 22 5555 0142', emergencyNumber: '112' });

    // Emptied again: stored as not set, and a London practice falls back to 999.
    await updatePracticeSettingsAction(null, formData({ ...valid, timeZone: 'Europe/London', phone: '', emergencyNumber: '  ' }));
    expect((await practiceRow(p.id)).settings).toMatchObject({ phone: null, emergencyNumber: null });
    expect(await getCareContact(self, patient.id)).toMatchObject({ practicePhone: null, emergencyNumber: '999' });
  });

  describe('safety', () => {
    const safety = { safetyInbox: '  Safety@Riverbank.Example ', severePainScore: '7', escalateEmergencyMinutes: '60', escalateSameDayWorkingDays: '2' };
    const events = async (practiceId: string) =>
      testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'practice.settings_update'), eq(auditEvents.practiceId, practiceId)));

    it('an admin saves the safety inbox (trimmed, lowercased) and thresholds; audited with before and after', async () => {
      const p = await createPractice();
      const admin = await createStaff(p.id, ['admin']);
      signInAs(admin);
      const result = await updatePracticeSettingsAction(null, formData({ ...valid, ...safety }));
      expect(result).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(['safetyInbox', 'severePainScore', 'escalateEmergencyMinutes', 'escalateSameDayWorkingDays']) } });
      expect((await practiceRow(p.id)).settings).toMatchObject({ safetyInbox: 'safety@riverbank.example', severePainScore: 7, escalateEmergencyMinutes: 60, escalateSameDayWorkingDays: 2 });
      expect(await getPracticeSettings(await actorFor(admin))).toMatchObject({ safetyInbox: 'safety@riverbank.example', severePainScore: 7, escalateEmergencyMinutes: 60, escalateSameDayWorkingDays: 2 });
      const [event] = await events(p.id);
      expect(event?.actorUserId).toBe(admin.id);
      expect(event?.meta).toMatchObject({
        before: { safetyInbox: null, severePainScore: 8, escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1 },
        after: { safetyInbox: 'safety@riverbank.example', severePainScore: 7, escalateEmergencyMinutes: 60, escalateSameDayWorkingDays: 2 },
      });

      // The same values again: nothing changed, nothing audited.
      expect(await updatePracticeSettingsAction(null, formData({ ...valid, ...safety }))).toEqual({ ok: true, data: { changed: [] } });
      // Left out of the form entirely (an older client): the saved values stay.
      expect(await updatePracticeSettingsAction(null, formData(valid))).toEqual({ ok: true, data: { changed: [] } });
      expect((await practiceRow(p.id)).settings).toMatchObject({ safetyInbox: 'safety@riverbank.example', severePainScore: 7 });
      expect(await events(p.id)).toHaveLength(1);

      // Emptied: no inbox; only that is recorded as changed.
      expect(await updatePracticeSettingsAction(null, formData({ ...valid, ...safety, safetyInbox: '   ' }))).toEqual({ ok: true, data: { changed: ['safetyInbox'] } });
      expect((await practiceRow(p.id)).settings).toMatchObject({ safetyInbox: null, severePainScore: 7 });
      expect(await events(p.id)).toHaveLength(2);
    });

    it('a practice saved before the safety settings existed reads the defaults, and keeps its other keys on save', async () => {
      const p = await createPractice();
      const admin = await createStaff(p.id, ['admin']);
      const old = { sessionIdleMinutes: 60, painWorseMinPoints: 2, acwrSpike: 1.5, weeklyDistanceRedPct: 30, adherenceLowPct: 50, inactivityDays: 14 };
      // A key some later feature keeps in the settings, unknown to this form.
      await testDb.db.update(practices).set({ settings: { ...old, laterFeature: 'kept' } as PracticeSettings }).where(eq(practices.id, p.id));
      expect(await getPracticeSettings(await actorFor(admin))).toMatchObject({ phone: null, emergencyNumber: null, safetyInbox: null, severePainScore: 8, escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1 });

      signInAs(admin);
      expect((await updatePracticeSettingsAction(null, formData({ ...valid, severePainScore: '9' }))).ok).toBe(true);
      expect((await practiceRow(p.id)).settings).toMatchObject({ safetyInbox: null, severePainScore: 9, escalateEmergencyMinutes: 120, escalateSameDayWorkingDays: 1, laterFeature: 'kept' });
    });

    it('refuses a bad inbox and out-of-range numbers with an error on each field, and writes nothing', async () => {
      const p = await createPractice('Keep Safety');
      const admin = await createStaff(p.id, ['admin']);
      signInAs(admin);
      await updatePracticeSettingsAction(null, formData({ ...valid, name: 'Keep Safety', ...safety }));
      const before = await practiceRow(p.id);
      const auditedBefore = (await events(p.id)).length;

      const result = await updatePracticeSettingsAction(null, formData({
        ...valid, name: 'Renamed Anyway', safetyInbox: 'safety at riverbank', severePainScore: '4', escalateEmergencyMinutes: '1441', escalateSameDayWorkingDays: '1.5',
      }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe('invalid');
      expect(Object.keys(result.fieldErrors).sort()).toEqual(['escalateEmergencyMinutes', 'escalateSameDayWorkingDays', 'safetyInbox', 'severePainScore']);
      expect(result.fieldErrors.safetyInbox).toEqual(['Safety inbox: enter a valid email address, e.g. safety@yourpractice.co.uk']);
      expect(result.fieldErrors.severePainScore).toEqual(['Severe pain score: between 5 and 10']);
      expect(result.fieldErrors.escalateEmergencyMinutes).toEqual(['Emergency escalation: between 15 and 1440']);
      expect(result.fieldErrors.escalateSameDayWorkingDays).toEqual(['Same-day escalation must be a whole number']);

      // The other end of each range, and numbers that are not numbers.
      const more = await updatePracticeSettingsAction(null, formData({ ...valid, severePainScore: '11', escalateEmergencyMinutes: '14', escalateSameDayWorkingDays: '6' }));
      if (!more.ok) expect(Object.keys(more.fieldErrors).sort()).toEqual(['escalateEmergencyMinutes', 'escalateSameDayWorkingDays', 'severePainScore']);
      const blank = await updatePracticeSettingsAction(null, formData({ ...valid, severePainScore: '', escalateEmergencyMinutes: 'soon', escalateSameDayWorkingDays: ' ' }));
      if (!blank.ok) expect(Object.keys(blank.fieldErrors).sort()).toEqual(['escalateEmergencyMinutes', 'escalateSameDayWorkingDays', 'severePainScore']);
      expect([more.ok, blank.ok]).toEqual([false, false]);

      expect(await practiceRow(p.id)).toEqual(before);
      expect(await events(p.id)).toHaveLength(auditedBefore);
    });

    it('accepts the edges of each safety range', async () => {
      const p = await createPractice();
      signInAs(await createStaff(p.id, ['admin']));
      expect((await updatePracticeSettingsAction(null, formData({ ...valid, severePainScore: '5', escalateEmergencyMinutes: '15', escalateSameDayWorkingDays: '1' }))).ok).toBe(true);
      expect((await updatePracticeSettingsAction(null, formData({ ...valid, severePainScore: '10', escalateEmergencyMinutes: '1440', escalateSameDayWorkingDays: '5' }))).ok).toBe(true);
      expect((await practiceRow(p.id)).settings).toMatchObject({ severePainScore: 10, escalateEmergencyMinutes: 1440, escalateSameDayWorkingDays: 5 });
    });
  });

  it('a patient reads only their own care contact; another practice answers "not found"', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const mine = await createPatientAccount(a.id);
    const other = await createPatientAccount(a.id);
    const elsewhere = await createPatientAccount(b.id);
    const self = await actorFor(mine.user);
    await expect(getCareContact(self, other.patient.id)).rejects.toMatchObject({ code: 'not_found' });
    const physioA = await actorFor(await createStaff(a.id, ['physio']));
    await expect(getCareContact(physioA, elsewhere.patient.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('only admins change settings, and only their own practice (a posted practice id is ignored)', async () => {
    const a = await createPractice('Practice A');
    const b = await createPractice('Practice B');
    const physio = await createStaff(a.id, ['physio']);
    const adminA = await createStaff(a.id, ['admin']);
    signInAs(physio);
    expect(await updatePracticeSettingsAction(null, formData(valid))).toMatchObject({ ok: false, code: 'forbidden' });
    signInAs(adminA);
    expect((await updatePracticeSettingsAction(null, formData({ ...valid, practiceId: b.id, name: 'Renamed A' }))).ok).toBe(true);
    expect((await practiceRow(a.id)).name).toBe('Renamed A');
    expect((await practiceRow(b.id)).name).toBe('Practice B');
  });
});
