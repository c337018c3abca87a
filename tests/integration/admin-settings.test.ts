import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, practices } from '@/db/schema';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { requireActor } from '@/lib/auth/require-actor';
import { getCareContact } from '@/lib/data/patients';
import { getPracticeSettings } from '@/lib/data/practice-settings';
import { createTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

let testDb: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => { testDb = await createTestDb(); });
afterAll(async () => { await testDb.drop(); });
beforeEach(() => signOut());

const valid = {
  name: 'Riverbank Physio', timeZone: 'America/New_York', distanceUnit: 'mi', painWorseMinPoints: '3', acwrSpike: '1.6',
  weeklyDistanceRedPct: '25', adherenceLowPct: '60', inactivityDays: '10', sessionIdleMinutes: '30',
};
const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};
const practiceRow = async (id: string) => (await testDb.db.select().from(practices).where(eq(practices.id, id)))[0]!;

describe('practice settings', () => {
  it('an admin saves name, time zone, unit, thresholds and session length; the change is audited with before and after', async () => {
    const p = await createPractice('Old Name', 'Europe/London');
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await updatePracticeSettingsAction(null, form(valid));
    expect(result.ok).toBe(true);
    const row = await practiceRow(p.id);
    expect(row).toMatchObject({ name: 'Riverbank Physio', timeZone: 'America/New_York', distanceUnit: 'mi' });
    expect(row.settings).toEqual({ painWorseMinPoints: 3, acwrSpike: 1.6, weeklyDistanceRedPct: 25, adherenceLowPct: 60, inactivityDays: 10, sessionIdleMinutes: 30, phone: null, emergencyNumber: null });
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
    expect(await updatePracticeSettingsAction(null, form(valid))).toEqual({ ok: true, data: { changed: [] } });
    expect(await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'practice.settings_update'), eq(auditEvents.practiceId, p.id)))).toHaveLength(1);
  });

  it('refuses values outside the safe ranges and an unknown time zone, reporting every field, and saves nothing', async () => {
    const p = await createPractice('Keep Me');
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await updatePracticeSettingsAction(null, form({
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
    expect((await updatePracticeSettingsAction(null, form(low))).ok).toBe(true);
    expect((await updatePracticeSettingsAction(null, form(high))).ok).toBe(true);
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
    const bad = await updatePracticeSettingsAction(null, form({ ...valid, timeZone: 'Asia/Kolkata', phone: 'call reception', emergencyNumber: '1-1-2' }));
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    if (!bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(['emergencyNumber', 'phone']);

    const saved = await updatePracticeSettingsAction(null, form({ ...valid, name: 'Northside Physio', timeZone: 'Asia/Kolkata', phone: ' +91 22 5555 0142 ', emergencyNumber: '112' }));
    expect(saved).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(['phone', 'emergencyNumber']) } });
    expect(await getCareContact(self, patient.id)).toMatchObject({ practicePhone: '+91 22 5555 0142', emergencyNumber: '112' });

    // Emptied again: stored as not set, and a London practice falls back to 999.
    await updatePracticeSettingsAction(null, form({ ...valid, timeZone: 'Europe/London', phone: '', emergencyNumber: '  ' }));
    expect((await practiceRow(p.id)).settings).toMatchObject({ phone: null, emergencyNumber: null });
    expect(await getCareContact(self, patient.id)).toMatchObject({ practicePhone: null, emergencyNumber: '999' });
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
    expect(await updatePracticeSettingsAction(null, form(valid))).toMatchObject({ ok: false, code: 'forbidden' });
    signInAs(adminA);
    expect((await updatePracticeSettingsAction(null, form({ ...valid, practiceId: b.id, name: 'Renamed A' }))).ok).toBe(true);
    expect((await practiceRow(a.id)).name).toBe('Renamed A');
    expect((await practiceRow(b.id)).name).toBe('Practice B');
  });
});
