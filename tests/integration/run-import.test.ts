import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, trainingSessions } from '@/db/schema';
import { rateImportedSessionAction } from '@/lib/actions/imports/rate-imported-session';
import { importedSessionSummary } from '@/lib/import/session-summary';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { sessionLoad, weeklyLoads } from '@/lib/analytics/load';
import { importUpload, listUnratedImports } from '@/lib/data/run-imports';
import { addDays, localDate } from '@/lib/dates';
import { importLimits } from '@/lib/import/limits';
import { readUpload } from '@/lib/import/read-upload';
import { fitFile, gpxFile, gz, stravaZip } from '../helpers/activity-files';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();
const dir = mkdtempSync(path.join(tmpdir(), 'run-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = importLimits({});

async function upload(name: string, bytes: Uint8Array | string) {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const file = path.join(dir, `${randomUUID()}-${name}`);
  writeFileSync(file, data);
  return readUpload(name, file, data.length, limits);
}

async function world() {
  const practice = await createPractice();
  const physio = await createStaff(practice.id);
  const { patient, user } = await createPatientAccount(practice.id);
  const other = await createPatient(practice.id);
  const foreignPractice = await createPractice();
  const foreignPhysio = await createStaff(foreignPractice.id);
  return { practice, physio, patient, user, other, foreignPhysio };
}

/** Noon UTC `days` ago: the same calendar day in London. */
const daysAgo = (days: number) => new Date(`${addDays(localDate(new Date(), 'Europe/London'), -days)}T11:00:00Z`);
const sessionsOf = (patientId: string) => testDb.db.select().from(trainingSessions).where(eq(trainingSessions.patientId, patientId));

describe('importing runs into the training log', () => {
  it('stores the derived numbers unrated, says "already imported" the second time, and audits each upload', async () => {
    const w = await world();
    const actor = await actorFor(w.user);
    const run = fitFile({ start: daysAgo(2), points: 60, timerSec: 1800, elapsedSec: 1900, distanceM: 5000, ascentM: 40, avgHr: 151 });
    const first = await importUpload(actor, undefined, await upload('run.fit', run), limits);
    expect(first).toMatchObject({ imported: 1, alreadyImported: 0, refused: 0 });
    const [row] = await sessionsOf(w.patient.id);
    expect(row).toMatchObject({ source: 'import', rpe: null, activity: 'run', durationMin: 30, elapsedMin: 31.67, distanceKm: 5, elevationGainM: 40, avgHeartRate: 151, localDate: addDays(localDate(new Date(), 'Europe/London'), -2), enteredBy: w.user.id, practiceId: w.practice.id });
    expect(row!.fileHash).toMatch(/^[0-9a-f]{64}$/);

    // The same file again, even gzipped: already imported, nothing more stored.
    const again = await importUpload(actor, undefined, await upload('run.fit.gz', gz(run)), limits);
    expect(again).toMatchObject({ imported: 0, alreadyImported: 1 });
    expect(again.outcomes[0]!.message).toMatch(/already imported/);
    expect(await sessionsOf(w.patient.id)).toHaveLength(1);

    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, w.patient.id), eq(auditEvents.action, 'session.import')));
    expect(audits.map((a) => a.meta)).toEqual(expect.arrayContaining([expect.objectContaining({ imported: 1 }), expect.objectContaining({ alreadyImported: 1 })]));
  });

  it('an unrated import adds no load; rating it once (patient) makes it count; a second, different rating is refused', async () => {
    const w = await world();
    const actor = await actorFor(w.user);
    await importUpload(actor, undefined, await upload('run.gpx', gpxFile({ start: daysAgo(1), points: 1201, latStep: 0.00003 })), limits);
    const [row] = await sessionsOf(w.patient.id);
    const asSession = (r: typeof row) => ({ date: r!.localDate, durationMin: r!.durationMin, rpe: r!.rpe, distanceKm: r!.distanceKm, activity: r!.activity });
    expect(sessionLoad(asSession(row))).toBe(0);
    const today = localDate(new Date(), 'Europe/London');
    expect(weeklyLoads([asSession(row)], addDays(today, -6), today).at(-1)?.load).toBe(0);
    expect(await listUnratedImports(actor, w.patient.id)).toHaveLength(1);

    signInAs(w.user);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '' })).toMatchObject({ ok: false, fieldErrors: { rpe: [expect.stringMatching(/how hard/)] } });
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '6' })).toMatchObject({ ok: true, data: { rpe: 6, run: importedSessionSummary(row!, actor.distanceUnit) } });
    // The answer names the run as stored, for the confirmation that outlives its form.
    expect(importedSessionSummary(row!, actor.distanceUnit)).toMatch(/^Run · .+ · \d+ min · \d+\.\d km$/);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '6' })).toMatchObject({ ok: true });
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '3' })).toMatchObject({ ok: false, code: 'conflict' });
    const [rated] = await sessionsOf(w.patient.id);
    expect(rated!.rpe).toBe(6);
    expect(sessionLoad(asSession(rated))).toBeCloseTo(rated!.durationMin * 6);
    expect(await listUnratedImports(actor, w.patient.id)).toHaveLength(0);
  });

  it('a typed run on the same day with about the same distance and time is offered as a duplicate, not stored twice', async () => {
    const w = await world();
    signInAs(w.user);
    const date = addDays(localDate(new Date(), 'Europe/London'), -3);
    expect(await logSessionAction(null, { idempotencyKey: randomUUID(), activity: 'run', date, durationMin: '31', distance: '5.1', rpe: '5' })).toMatchObject({ ok: true });
    const actor = await actorFor(w.user);
    const file = fitFile({ start: daysAgo(3), points: 60, timerSec: 1800, elapsedSec: 1850, distanceM: 5000 });
    const report = await importUpload(actor, undefined, await upload('same.fit', file), limits);
    expect(report).toMatchObject({ imported: 0, duplicates: 1 });
    expect(report.outcomes[0]!.message).toMatch(/looks like the run already in the log/);
    expect(await sessionsOf(w.patient.id)).toHaveLength(1);
    // The patient can still choose to import it.
    expect(await importUpload(actor, undefined, await upload('same.fit', file), limits, { importDuplicates: true })).toMatchObject({ imported: 1 });
  });

  it('a Strava archive: every good activity stored in one go, a bad one and a future one refused with their messages', async () => {
    const w = await world();
    const actor = await actorFor(w.physio);
    const zip = stravaZip([
      { id: 1, file: 'activities/1.fit.gz', data: gz(fitFile({ start: daysAgo(10), points: 30, timerSec: 2400, elapsedSec: 2400, distanceM: 8000 })), name: 'Long run', type: 'Run' },
      { id: 2, file: 'activities/2.gpx', data: gpxFile({ start: daysAgo(9), points: 600 }), name: 'Easy', type: 'Run' },
      { id: 3, file: 'activities/3.gpx', data: gpxFile({ start: new Date(Date.now() + 3 * 86_400_000), points: 60 }), name: 'Clock wrong', type: 'Run' },
      { id: 4, file: 'activities/4.fit', data: new Uint8Array([1, 2, 3]), name: 'Broken', type: 'Run' },
    ]);
    const report = await importUpload(actor, w.patient.id, await upload('export.zip', zip), limits);
    expect(report).toMatchObject({ imported: 2, refused: 2 });
    expect(report.outcomes.find((o) => o.file.includes('3.gpx'))!.message).toMatch(/future/);
    expect(report.outcomes.find((o) => o.file.includes('4.fit'))!.message).toMatch(/not a FIT, GPX or TCX/);
    const rows = await sessionsOf(w.patient.id);
    expect(rows.map((r) => r.notes).sort()).toEqual(['Easy', 'Long run']);
    expect(rows.every((r) => r.enteredBy === w.physio.id && r.source === 'import')).toBe(true);
  });

  it('a hostile upload (zip bomb, entities, empty) stores nothing and says why', async () => {
    const w = await world();
    const actor = await actorFor(w.user);
    for (const [name, bytes] of [
      ['bomb.fit.gz', gz(new Uint8Array(80 * 1024 * 1024))],
      ['lol.gpx', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><gpx><trk><name>&a;</name></trk></gpx>'],
      ['empty.tcx', ''],
    ] as const) {
      const report = await importUpload(actor, undefined, await upload(name, bytes), limits);
      expect(report, name).toMatchObject({ imported: 0, refused: 1 });
    }
    expect(await sessionsOf(w.patient.id)).toHaveLength(0);
  });

  it('tenancy: a patient imports only into their own log; another practice cannot import or rate', async () => {
    const w = await world();
    const file = fitFile({ start: daysAgo(4), points: 30, timerSec: 1200, elapsedSec: 1200, distanceM: 3000 });
    await expect(importUpload(await actorFor(w.user), w.other.id, await upload('a.fit', file), limits)).rejects.toMatchObject({ code: 'not_found' });
    await expect(importUpload(await actorFor(w.foreignPhysio), w.patient.id, await upload('a.fit', file), limits)).rejects.toMatchObject({ code: 'not_found' });
    expect(await sessionsOf(w.patient.id)).toHaveLength(0);
    await importUpload(await actorFor(w.user), undefined, await upload('a.fit', file), limits);
    const [row] = await sessionsOf(w.patient.id);
    signInAs(w.foreignPhysio);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '5' })).toMatchObject({ ok: false, code: 'not_found' });
    const otherPatient = await createPatientAccount(w.practice.id);
    signInAs(otherPatient.user);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '5' })).toMatchObject({ ok: false, code: 'not_found' });
    expect((await sessionsOf(w.patient.id))[0]!.rpe).toBeNull();
  });

  it('a physio of the practice rates an imported run on the patient’s behalf (audited as the physio); another practice’s physio and a manager without clinical access cannot', async () => {
    const w = await world();
    const manager = await createStaff(w.practice.id, ['admin']);
    await importUpload(await actorFor(w.physio), w.patient.id, await upload('a.fit', fitFile({ start: daysAgo(5), points: 30, timerSec: 1500, elapsedSec: 1500, distanceM: 4000 })), limits);
    const [row] = await sessionsOf(w.patient.id);
    expect(await listUnratedImports(await actorFor(w.physio), w.patient.id)).toHaveLength(1);

    signInAs(w.foreignPhysio);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '4' })).toMatchObject({ ok: false, code: 'not_found' });
    signInAs(manager);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '4' })).toMatchObject({ ok: false, code: 'forbidden' });
    await expect(listUnratedImports(await actorFor(manager), w.patient.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await sessionsOf(w.patient.id))[0]!.rpe).toBeNull();

    signInAs(w.physio);
    expect(await rateImportedSessionAction(null, { sessionId: row!.id, rpe: '7' })).toMatchObject({ ok: true, data: { rpe: 7 } });
    expect((await sessionsOf(w.patient.id))[0]!.rpe).toBe(7);
    expect(await listUnratedImports(await actorFor(w.user), w.patient.id)).toHaveLength(0);
    const rated = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, w.patient.id), eq(auditEvents.action, 'session.rate')));
    expect(rated).toEqual([expect.objectContaining({ actorUserId: w.physio.id, entityId: row!.id, practiceId: w.practice.id, meta: { rpe: 7 } })]);
  });

  it('the table refuses an unrated session that was not imported', async () => {
    const w = await world();
    await expect(
      testDb.db.insert(trainingSessions).values({ practiceId: w.practice.id, patientId: w.patient.id, activity: 'run', localDate: localDate(new Date(), 'Europe/London'), durationMin: 30, rpe: null, source: 'patient' }),
    ).rejects.toThrow();
  });
});
