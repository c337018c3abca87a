import { expect, test } from '@playwright/test';
import { fitFile, gpxFile } from '../tests/helpers/activity-files';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// Issue 16 on a phone (project "mobile", Pixel 7): Maria imports two runs from her watch
// (a FIT and a GPX file, made here with the FIT SDK's encoder and as text), rates one, sees
// both in History and the load chart (the unrated one said to be not counted yet), then
// uploads the same file again and is told it was already imported.

test.use({ storageState: storageStateFor('patient') });

/** Noon UTC `days` ago: the same calendar day in the demo practice (London). */
const daysAgo = (days: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - days, 12));

test('a patient imports two runs, rates one, sees them in History and the load chart; the same file again is already imported', async ({ page }) => {
  test.setTimeout(180_000);
  // Odd distances and times, so neither looks like a run the demo seed typed in.
  const fit = Buffer.from(fitFile({ start: daysAgo(3), points: 60, timerSec: 23 * 60 + 30, elapsedSec: 25 * 60, distanceM: 4321, avgHr: 147 }));
  const gpx = Buffer.from(gpxFile({ start: daysAgo(4), points: 3421, latStep: 0.00003, hr: 152, name: 'Towpath tempo' }));

  await test.step('from Log, open the import page and upload both files', async () => {
    await page.goto('/portal/log?tab=session');
    await page.getByTestId('import-link').click();
    await expect(page).toHaveURL(/\/portal\/import$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import runs');
    await page.getByTestId('import-files').setInputFiles([
      { name: 'watch-run.fit', mimeType: 'application/octet-stream', buffer: fit },
      { name: 'phone-run.gpx', mimeType: 'application/gpx+xml', buffer: gpx },
    ]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-results')).toContainText('2 imported', { timeout: 60_000 });
    await expect(page.getByTestId('import-outcome-imported')).toHaveCount(2);
  });

  await test.step('both wait for a rating; rate the watch run 6/10', async () => {
    await page.reload();
    const forms = page.getByTestId('rate-import-form');
    await expect(forms).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);
    const watchRun = forms.filter({ hasText: '23 min' }).or(forms.filter({ hasText: '24 min' })).first();
    await watchRun.locator('label').filter({ hasText: /^6$/ }).click();
    await watchRun.getByRole('button', { name: 'Save effort' }).click();
    await expect(page.getByTestId('rate-import-form')).toHaveCount(1);
    // The rated run's form has left the list; the answer stays above it, announced.
    const answer = page.getByTestId('rate-import-status');
    await expect(answer).toHaveRole('status');
    await expect(answer).toHaveText(/^Run · .* · 2[34] min · 4\.3 km: effort 6\/10 saved\. It now counts in your load\.$/);
    await expect(answer).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('History shows both, one rated and one not, and the load chart says one is not counted yet', async () => {
    await page.goto('/portal/history');
    await expect(page.getByText('Effort 6/10', { exact: false }).first()).toBeVisible();
    await expect(page.getByText('Effort not rated yet', { exact: false }).first()).toBeVisible();
    await expect(page.getByTestId('unrated-load-note')).toContainText('1 imported session is not in this chart yet');
    await expect(page.getByText('Training load per week', { exact: true })).toBeVisible();
  });

  await test.step('the same file again: already imported, nothing added', async () => {
    await page.goto('/portal/import');
    await page.getByTestId('import-files').setInputFiles([{ name: 'watch-run.fit', mimeType: 'application/octet-stream', buffer: fit }]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-outcome-already-imported')).toContainText('already imported', { timeout: 60_000 });
    await expect(page.getByTestId('import-results')).toContainText('0 imported, 1 already imported');
    await expect(page.getByTestId('rate-import-form')).toHaveCount(1);
  });
});

// The clinic side (commit 64923f8): Jo imports two runs from Daniel's watch on his patient page,
// then enters how hard one was, as Daniel told her; it then counts in his load.
test.describe('a physio', () => {
  test.use({ storageState: storageStateFor('physio') });

  test('imports runs for a patient, rates one for them, and sees it counted', async ({ page }) => {
    const watchRun = Buffer.from(fitFile({ start: daysAgo(1), points: 60, timerSec: 41 * 60 + 10, elapsedSec: 43 * 60, distanceM: 7777, avgHr: 151 }));
    const phoneRun = Buffer.from(gpxFile({ start: daysAgo(2), points: 1811, latStep: 0.00003, hr: 149, name: 'Canal easy' }));
    const unrated = page.getByTestId('unrated-imports');

    await test.step('on Daniel’s page, import both files', async () => {
      await page.goto('/patients?q=Okafor');
      await page.getByRole('link', { name: 'Okafor, Daniel' }).filter({ visible: true }).first().click();
      await expect(page.getByTestId('patient-name')).toHaveText('Daniel Okafor');
      await expect(unrated).toHaveCount(0);
      await page.getByTestId('import-files').setInputFiles([
        { name: 'watch-run.fit', mimeType: 'application/octet-stream', buffer: watchRun },
        { name: 'phone-run.gpx', mimeType: 'application/gpx+xml', buffer: phoneRun },
      ]);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(page.getByTestId('import-results')).toContainText('2 imported', { timeout: 60_000 });
    });

    await test.step('both wait for an effort rating and count no load', async () => {
      await page.reload();
      await expect(page.getByTestId('unrated-count')).toHaveText('2 imported sessions are waiting for the patient’s effort rating (not counted in load yet).');
      await expect(unrated.getByTestId('rate-import-form')).toHaveCount(2);
      await expect(page.getByTestId('recent-session').filter({ hasText: '7.8 km' })).toContainText('imported, effort not rated yet (no load counted)');
      await expectNoSeriousA11yViolations(page);
    });

    await test.step('rate the watch run 6/10 for Daniel: one left waiting, and it counts in load', async () => {
      const form = unrated.getByTestId('rate-import-form').filter({ hasText: '41 min · 7.8 km' });
      await expect(form.getByRole('group')).toContainText('how hard was it for the patient?');
      await form.locator('label').filter({ hasText: /^6$/ }).click();
      await form.getByRole('button', { name: 'Save effort' }).click();
      await expect(page.getByTestId('unrated-count')).toHaveText('1 imported session is waiting for the patient’s effort rating (not counted in load yet).');
      await expect(unrated.getByTestId('rate-import-form')).toHaveCount(1);
      await expect(unrated.getByTestId('rate-import-form')).not.toContainText('7.8 km');
      const answer = page.getByTestId('rate-import-status');
      await expect(answer).toHaveRole('status');
      await expect(answer).toHaveText(/^Run · .* · 41 min · 7\.8 km: effort 6\/10 saved\. It now counts in the patient’s load\.$/);
      await expect(answer).toBeVisible();
      // Session load = effort × minutes: 6 × 41 min 10 s.
      await expect(page.getByTestId('recent-session').filter({ hasText: '7.8 km' })).toContainText('RPE 6 · 247 AU');
      await expectNoSeriousA11yViolations(page);
    });
  });
});
