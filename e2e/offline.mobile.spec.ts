import { expect, request, test, type Page } from '@playwright/test';
import { DEMO, expectNoSeriousA11yViolations, signIn, storageStateFor } from './fixtures';

// The portal as an installed app with no signal (issue 19), on a phone (project "mobile",
// Pixel 7): the install conditions (a manifest with icons, start_url and display; a service
// worker controlling the portal), ticks, a pain log and a run made offline kept on the phone with
// "Waiting to send", sent once each when the connection is back; a warning sign logged offline
// shows the safety message with the numbers from the saved page, and says the practice has not
// been told yet. And logging pain and ticking with JavaScript off (plain form posts).

/** Tap a 0–10 scale button (the whole tile is the target). */
async function pickScale(page: Page, testId: string, value: number) {
  await page.getByTestId(testId).locator('label').nth(value).click();
}

/** The service worker controls the page and has kept the portal's main pages on the device. */
async function portalKeptOffline(page: Page) {
  // The first install precaches the app's code: allow it time on a busy machine.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 60_000 }).toContain('/serwist/sw.js');
  await expect(page.locator('html')).toHaveAttribute('data-offline-ready', 'true');
}

type Queued = { kind: string; patientId: string; fields: Record<string, string | string[]> };

/** The outbox as stored in IndexedDB (lib/offline/outbox.ts). */
const queuedEntries = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Queued[]>((resolve, reject) => {
        const open = indexedDB.open('loadline-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as Queued[]);
          };
        };
      }),
  );

test.describe('with JavaScript', () => {
  test('installable; offline, two ticks and a pain log wait on the phone and reach the server once each when back online', async ({ page, context, baseURL }) => {
    test.setTimeout(180_000);
    const note = `Offline trail ${Date.now().toString(36)}`;
    await signIn(page, DEMO.patient.replace('maria', 'tom'));
    await expect(page).toHaveURL(/\/portal$/);
    // The sign-in brought this page from /login: a page belongs to the worker of the address it was
    // opened at, so the portal is controlled from its next full load.
    await page.goto('/portal');

    await test.step('install conditions: the manifest (fetched without cookies, as browsers do), its icons, a service worker for /portal', async () => {
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBeTruthy();
      const anonymous = await request.newContext({ baseURL });
      const manifestResponse = await anonymous.get(href!);
      expect(manifestResponse.status()).toBe(200);
      const manifest = (await manifestResponse.json()) as { start_url: string; scope: string; display: string; name: string; icons: { src: string; sizes: string; type: string }[] };
      expect(manifest).toMatchObject({ start_url: '/portal', scope: '/portal', display: 'standalone' });
      expect(manifest.name).toBeTruthy();
      for (const size of ['192x192', '512x512']) {
        const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
        expect(icon, `a ${size} PNG icon`).toBeTruthy();
        const iconResponse = await anonymous.get(icon!.src);
        expect(iconResponse.status()).toBe(200);
        expect(iconResponse.headers()['content-type']).toBe('image/png');
      }
      await anonymous.dispose();
      await portalKeptOffline(page);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
      expect(scope).toBe(new URL('/portal', baseURL).href);
    });

    await test.step('online: two exercises not yet ticked today (undo the demo’s ticks where needed)', async () => {
      const toggles = page.getByTestId('today-item').getByTestId('done-toggle');
      for (let i = 0; (await toggles.count()) > i && (await page.locator('[data-testid="today-item"] [data-testid="done-toggle"][aria-pressed="false"]').count()) < 2; i += 1) {
        const toggle = toggles.nth(i);
        if ((await toggle.getAttribute('aria-pressed')) !== 'true') continue;
        await toggle.click();
        await expect(toggle).toHaveAttribute('aria-pressed', 'false');
        await expect(toggle).not.toHaveAttribute('aria-busy');
      }
      await page.reload();
      await portalKeptOffline(page);
    });

    const ticked: string[] = [];
    await test.step('offline: tick two exercises; "Waiting to send (2)"', async () => {
      await context.setOffline(true);
      await page.reload(); // answered by the service worker from the saved page
      await expect(page.getByTestId('offline-notice')).toBeVisible();
      const items = page.getByTestId('today-item');
      const count = await items.count();
      for (let i = 0; i < count && ticked.length < 2; i += 1) {
        const toggle = items.nth(i).getByTestId('done-toggle');
        if ((await toggle.getAttribute('aria-pressed')) === 'true') continue;
        await toggle.click();
        await expect(toggle).toHaveAttribute('aria-pressed', 'true');
        await expect(toggle).toHaveAttribute('data-queued', 'true');
        ticked.push((await items.nth(i).getAttribute('data-item-id'))!);
      }
      expect(ticked).toHaveLength(2);
      await expect(page.getByTestId('outbox-waiting')).toContainText('Waiting to send (2)');
    });

    await test.step('offline: log pain from the saved Log page; "Waiting to send (3)"', async () => {
      await page.goto('/portal/log?tab=pain');
      await expect(page.getByTestId('outbox-waiting')).toContainText('Waiting to send (2)');
      const form = page.getByTestId('pain-form');
      await pickScale(page, 'pain-score', 3);
      await form.getByText('Lower back', { exact: true }).click();
      await form.getByLabel('Notes (optional)').fill(note);
      await form.getByRole('button', { name: 'Save pain' }).click();
      const saved = page.getByTestId('pain-saved');
      await expect(saved).toContainText('Pain 3/10 kept, not sent yet');
      await expect(saved.getByTestId('saved-on-phone')).toBeVisible();
      await expect(page.getByTestId('outbox-waiting')).toContainText('Waiting to send (3)');
      await expectNoSeriousA11yViolations(page);
    });

    const queued = await queuedEntries(page);
    expect(queued.map((e) => e.kind).sort()).toEqual(['pain', 'tick', 'tick']);

    await test.step('back online: sent, and the waiting line goes', async () => {
      await context.setOffline(false);
      await expect(page.getByTestId('outbox-waiting')).toHaveCount(0, { timeout: 30_000 });
      expect(await queuedEntries(page)).toEqual([]);
    });

    await test.step('the server has each exactly once: the ticks show, the note is in the history once, and a resend of each is a duplicate', async () => {
      await page.goto('/portal');
      for (const id of ticked) await expect(page.locator(`[data-item-id="${id}"]`).getByTestId('done-toggle')).toHaveAttribute('aria-pressed', 'true');
      await page.goto('/portal/history');
      await expect(page.getByTestId('entry-pain').filter({ hasText: note })).toHaveCount(1);
      // The same entries again, as a second device or a retried sync would send them: each is already there.
      const answers = await page.evaluate(
        (entries) =>
          Promise.all(
            entries.map(async (e) => {
              const response = await fetch('/api/portal/outbox', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: e.kind, patientId: e.patientId, fields: e.fields }) });
              return { status: response.status, body: (await response.json()) as { duplicate?: boolean } };
            }),
          ),
        queued,
      );
      expect(answers).toEqual(queued.map(() => ({ status: 200, body: { ok: true, duplicate: true } })));
      await page.reload();
      await expect(page.getByTestId('entry-pain').filter({ hasText: note })).toHaveCount(1);
    });

    await test.step('the outbox route refuses another site and another patient', async () => {
      const crossSite = await page.request.post('/api/portal/outbox', { headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, data: { kind: 'pain', patientId: queued[0]!.patientId, fields: queued[0]!.fields } });
      expect(crossSite.status()).toBe(403);
      const other = await page.request.post('/api/portal/outbox', { headers: { Origin: new URL(baseURL!).origin, 'Content-Type': 'application/json' }, data: { kind: 'pain', patientId: '00000000-0000-4000-8000-000000000000', fields: { ...queued[0]!.fields, idempotencyKey: 'other-patient-key-1' } } });
      expect(other.status()).toBe(409);
    });

    await test.step('sign-out deletes what this phone kept', async () => {
      await page.getByTestId('sign-out').click();
      await expect(page).toHaveURL(/\/login/);
      const kept = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('loadline-')));
      expect(kept).toEqual([]);
    });
  });

  test('a run logged offline shows what was typed, says the physio cannot see it yet, and reaches the history once', async ({ page, context }) => {
    test.setTimeout(120_000);
    const note = `Offline run ${Date.now().toString(36)}`;
    await signIn(page, DEMO.patient.replace('maria', 'priya'));
    await expect(page).toHaveURL(/\/portal$/);
    await page.goto('/portal/log?tab=session');
    const form = page.getByTestId('session-form');
    await expect(form).toBeVisible();
    await portalKeptOffline(page);

    await context.setOffline(true);
    await form.getByLabel('Duration (min)').fill('38');
    await form.getByLabel('Distance (km)').fill('6.4');
    await pickScale(page, 'rpe', 5);
    await form.getByLabel('Notes (optional)').fill(note);
    await form.getByRole('button', { name: 'Save session' }).click();
    // The phone's own copy (sessionSavedFrom): the figures as typed, no pain-monitoring verdict
    // (that comes from the server), and the truth about who has seen it.
    const saved = page.getByTestId('session-saved');
    await expect(saved).toContainText('Run kept, not sent yet');
    await expect(saved).toContainText('38 min · 6.4 km · effort 5/10 (Hard)');
    await expect(saved.getByTestId('saved-on-phone')).toBeVisible();
    await expect(saved.getByTestId('tolerance-verdict')).toHaveCount(0);
    await expect(page.getByTestId('outbox-waiting')).toContainText('Waiting to send (1)');
    const queued = await queuedEntries(page);
    expect(queued.map((e) => [e.kind, e.fields.durationMin, e.fields.distance, e.fields.rpe])).toEqual([['session', '38', '6.4', '5']]);

    await context.setOffline(false);
    await expect(page.getByTestId('outbox-waiting')).toHaveCount(0, { timeout: 30_000 });
    await page.goto('/portal/history');
    await expect(page.getByTestId('entry-session').filter({ hasText: note })).toHaveCount(1);
  });

  test.describe('warning sign offline', () => {
    test.use({ storageState: storageStateFor('patient') });

    test('a warning sign logged offline shows the safety message with the numbers at once, and says the practice has not been told yet', async ({ page, context }) => {
      test.setTimeout(120_000);
      await page.goto('/portal/log?tab=pain');
      await portalKeptOffline(page);
      await context.setOffline(true);
      await page.reload(); // the saved page, with the practice's numbers in it
      const form = page.getByTestId('pain-form');
      await pickScale(page, 'pain-score', 6);
      await form.getByRole('group', { name: 'Warning signs' }).getByRole('checkbox', { name: /saddle area/ }).check();
      const notice = page.getByTestId('red-flag-notice');
      await expect(notice).toHaveAttribute('data-tier', 'emergency');
      await expect(notice.getByTestId('call-emergency')).toHaveAttribute('href', 'tel:999');

      await form.getByRole('button', { name: 'Save pain' }).click();
      const saved = page.getByTestId('pain-saved');
      await expect(saved).toContainText('Pain 6/10 kept, not sent yet');
      const savedNotice = saved.getByTestId('red-flag-notice');
      await expect(savedNotice.locator(':scope > *').first()).toHaveText('Call 999 now');
      await expect(savedNotice.getByTestId('red-flag-not-sent')).toContainText('Your practice has NOT been told yet');
      await expect(savedNotice.getByTestId('red-flag-not-sent')).toContainText('will be sent when you are back online');
      await expect(savedNotice.getByTestId('call-practice')).toHaveAttribute('href', 'tel:02079460321');
      await expect(savedNotice.getByTestId('red-flag-alerted')).toHaveCount(0);
      await expect(page.getByTestId('outbox-waiting')).toContainText('Waiting to send (1)');
      await expectNoSeriousA11yViolations(page);

      await context.setOffline(false);
      await expect(page.getByTestId('outbox-waiting')).toHaveCount(0, { timeout: 30_000 });
    });
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a patient logs pain and ticks an exercise with plain form posts; a refusal keeps what was typed', async ({ page }) => {
    const note = `No script ${Date.now().toString(36)}`;
    await signIn(page, DEMO.patient.replace('maria', 'aisha'));
    await expect(page).toHaveURL(/\/portal$/);

    await page.goto('/portal/log?tab=pain');
    const form = page.getByTestId('pain-form');
    await form.getByText('Lower back', { exact: true }).click();
    await form.getByLabel('Notes (optional)').fill(note);
    // No score: refused, and the page comes back with the message and what was typed.
    await form.getByRole('button', { name: 'Save pain' }).click();
    await expect(page.getByTestId('form-error')).toHaveText('Please check the highlighted fields.');
    await expect(page.getByTestId('pain-form').getByLabel('Notes (optional)')).toHaveValue(note);
    await expect(page.getByTestId('pain-form').getByRole('checkbox', { name: 'Lower back' })).toBeChecked();

    await pickScale(page, 'pain-score', 2);
    await page.getByTestId('pain-form').getByRole('button', { name: 'Save pain' }).click();
    await expect(page.getByTestId('pain-saved')).toContainText('Pain 2/10 saved');

    await page.goto('/portal/history');
    await expect(page.getByTestId('entry-pain').filter({ hasText: note })).toHaveCount(1);

    // Tick (and, if the demo had ticked it, first undo) today's first exercise: each tap a form post.
    await page.goto('/portal');
    const id = await page.getByTestId('today-item').first().getAttribute('data-item-id');
    const toggle = () => page.locator(`[data-item-id="${id}"]`).getByTestId('done-toggle');
    if ((await toggle().getAttribute('aria-pressed')) === 'true') {
      await toggle().click();
      await expect(toggle()).toHaveAttribute('aria-pressed', 'false');
    }
    await toggle().click();
    await expect(toggle()).toHaveAttribute('aria-pressed', 'true');
  });
});
