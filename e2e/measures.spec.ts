import { devices, expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// Issue 15: the physio asks Maria for the Patient-Specific Functional Scale; it shows as due
// on her Today page; she names three activities, saves, comes back, sends; the physio sees
// the score and the activities by name.

test.use({ storageState: storageStateFor('physio') });

test('a physio schedules the PSFS, the patient saves a draft, finishes and sends it, the physio sees the score', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto('/patients?q=Maria');
  await page.getByRole('link', { name: 'Lopez, Maria' }).filter({ visible: true }).first().click();
  await expect(page.getByTestId('patient-name')).toHaveText('Maria Lopez');
  const patientUrl = new URL(page.url()).pathname;
  // Pain, load and adherence on one time axis (issue 20).
  await expect(page.getByRole('img', { name: /Weekly pain, training load and exercise adherence on one time axis/ })).toBeVisible();
  const assign = page.getByTestId('assign-measure');
  await assign.getByLabel('Questionnaire').selectOption('patient-specific-functional-scale');
  await assign.getByLabel('Every how many weeks').fill('4');
  await assign.getByRole('button', { name: 'Ask the patient' }).click();
  await expect(assign.getByRole('status')).toContainText('Scheduled');
  await expect(page.getByTestId('measure-row').filter({ hasText: 'PSFS' })).toContainText('every 4 weeks');

  // The patient on her phone.
  const context = await browser.newContext({ ...devices['Pixel 7'], storageState: storageStateFor('patient') });
  const portal = await context.newPage();
  await portal.goto('/portal');
  const due = portal.getByTestId('due-questionnaires');
  await expect(due).toContainText('Questionnaires to fill in (1)');
  await due.getByRole('link', { name: /Patient-Specific Functional Scale/ }).click();
  await expect(portal.getByTestId('measure-title')).toHaveText('Patient-Specific Functional Scale');
  await expectNoSeriousA11yViolations(portal);

  const items = portal.getByTestId('measure-item');
  const rate = async (i: number, activity: string, score: number) => {
    await items.nth(i).getByRole('textbox').fill(activity);
    await items.nth(i).locator('label').filter({ hasText: new RegExp(`^${score}$`) }).click();
  };
  await rate(0, 'Running 5 km', 3);
  await rate(1, 'Sitting through a meeting', 6);
  await portal.getByRole('button', { name: 'Send to my physio' }).click();
  await expect(portal.getByTestId('measure-error')).toContainText('not complete');
  await portal.getByRole('button', { name: 'Save and finish later' }).click();
  await expect(portal.getByTestId('measure-saved')).toBeVisible();

  // Back later: the draft is there.
  await portal.goto('/portal');
  await expect(portal.getByTestId('due-questionnaires')).toContainText('Continue');
  await portal.getByTestId('due-questionnaires').getByRole('link').first().click();
  await expect(items.nth(0).getByRole('textbox')).toHaveValue('Running 5 km');
  await rate(2, 'Picking up my daughter', 3);
  await portal.getByRole('button', { name: 'Send to my physio' }).click();
  await expect(portal.getByTestId('measure-submitted')).toContainText('PSFS sent');
  await portal.goto('/portal');
  await expect(portal.getByTestId('due-questionnaires')).toHaveCount(0);

  // A second response a few weeks on (here: now): the activities come back by name, only the ratings are new.
  await portal.goto('/portal/measures/patient-specific-functional-scale');
  await expect(items.nth(0).getByRole('textbox')).toHaveValue('Running 5 km');
  await items.nth(0).locator('label').filter({ hasText: /^6$/ }).click();
  await items.nth(1).locator('label').filter({ hasText: /^8$/ }).click();
  await items.nth(2).locator('label').filter({ hasText: /^6$/ }).click();
  await portal.getByRole('button', { name: 'Send to my physio' }).click();
  await expect(portal.getByTestId('measure-submitted')).toBeVisible();
  // Her scores, with the verdict her physio sees (the PSFS's own threshold of 2 points).
  await portal.getByRole('link', { name: 'See your scores' }).click();
  const answered = portal.getByTestId('measure-answered').filter({ hasText: 'Patient-Specific Functional Scale' });
  await expect(answered).toContainText('higher is better');
  await expect(answered.getByTestId('measure-answered-change')).toContainText('4 → 6.7. That is a change big enough to matter: better.');
  await expect(answered.getByTestId('measure-answered-activities')).toContainText('Running 5 km: 6/10 (+3 since your first answers)');
  await expect(portal.getByTestId('measures-due')).toHaveCount(0);
  await expectNoSeriousA11yViolations(portal);
  await portal.goto('/portal/history');
  await expect(portal.getByTestId('history-measures-link')).toHaveAttribute('href', '/portal/measures');
  await portal.goto('/portal');

  // Reminders she chooses (issue 19): a daily time; her physio sees that they are on.
  await portal.getByTestId('reminders-link').getByRole('link').click();
  await portal.getByLabel('Daily exercise reminder at').fill('07:30');
  await portal.getByRole('button', { name: 'Save reminders' }).click();
  await expect(portal.getByTestId('reminders-saved')).toBeVisible();
  await expectNoSeriousA11yViolations(portal);
  await portal.goto('/portal');
  await expect(portal.getByTestId('reminders-link')).toContainText('Daily reminder at 07:30');
  await context.close();

  await page.goto(patientUrl);
  const row = page.getByTestId('measure-row').filter({ hasText: 'PSFS' });
  // (3 + 6 + 3) / 3 = 4 first, (6 + 8 + 6) / 3 = 6.7 now: +2.7 against the PSFS's 2 points.
  await expect(row.getByTestId('measure-change')).toContainText('Clinically improved: 4 → 6.7 (+2.7; important change 2)');
  await expect(row).toContainText('Running 5 km: 6/10 (+3 since first)');
  // The chart: both scores, and the band of no important change around the first (4 ± 2).
  const chart = row.getByTestId('measure-chart');
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /PSFS scores: .* 4, .* 6\.7\. .*within 2 of the first score/);
  await expect(chart.getByTestId('mcid-band')).toHaveCount(1);
  await expect(row).not.toContainText('Due since');
  await expect(page.getByTestId('patient-reminders')).toContainText('daily at 07:30');
  await page.screenshot({ path: 'test-results/patient-page-measures.png', fullPage: true });
});
