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
