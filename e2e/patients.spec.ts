import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

test.use({ storageState: storageStateFor('physio') });

async function openBuilder(page: Page, patientUrl: string) {
  await page.goto(`${patientUrl}/program`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('program for');
}

test('a physio creates a patient, assigns a template, changes a dose, sees the history and prints', async ({ page, browser }) => {
  await page.goto('/patients');
  await expect(page.getByTestId('patients-table')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'New patient' }).click();
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByText('Enter a first name')).toBeVisible();
  const last = `Test-${Date.now()}`;
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Date of birth').fill('1990-04-02');
  await page.getByLabel('Email').fill(`robin.${Date.now()}@example.org`);
  await page.getByLabel('Condition / diagnosis').fill('Low back pain, 10k runner');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(`Robin ${last}`);
  const patientUrl = new URL(page.url()).pathname;
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Build program' }).click();
  page.once('dialog', (d) => d.accept());
  await page.getByLabel('Start from a template').selectOption('runners-low-back-phase-1');
  await expect(page.getByTestId('program-item').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByTestId('current-program')).toContainText('version 1');

  await openBuilder(page, patientUrl);
  const firstItem = page.getByTestId('program-item').first();
  const firstTitle = (await firstItem.locator('p').first().innerText()).replace(/^1\. /, '');
  await firstItem.getByLabel(`${firstTitle}: sets`).fill('4');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByTestId('current-program')).toContainText('version 2');
  await expect(page.getByTestId('program-history')).toContainText('Version 2');
  await expect(page.getByTestId('program-history')).toContainText(`${firstTitle}:`);

  // Another physio opened the same version; their save is refused, nothing is overwritten.
  const other = await browser.newContext({ storageState: storageStateFor('owner') });
  const otherPage = await other.newPage();
  await openBuilder(otherPage, patientUrl);
  await openBuilder(page, patientUrl);
  await page.getByRole('button', { name: 'Save as version 3' }).click();
  await expect(page.getByTestId('current-program')).toContainText('version 3');
  await otherPage.getByRole('button', { name: 'Save as version 3' }).click();
  await expect(otherPage.getByTestId('program-error')).toContainText(/Jo Lee saved this program at \d\d:\d\d/);
  await other.close();

  // Send to patient: no mail server in the test run, and the answer says so.
  await page.getByRole('button', { name: 'Send to patient' }).click();
  await expect(page.getByTestId('send-program-result')).toContainText('Not emailed: no mail server');
  await page.getByRole('link', { name: 'Print' }).click();
  await expect(page.getByTestId('printable-program')).toContainText(`Robin ${last}`);
  // Scan to open the portal: a QR code of the sign-in address printed beside it.
  await expect(page.getByTestId('portal-qr').locator('svg')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('the patients table sorts and filters through the URL', async ({ page }) => {
  await page.goto('/patients');
  await page.getByRole('button', { name: /^Age/ }).click();
  await expect(page).toHaveURL(/sort=age/);
  await page.getByLabel('Search name or email').fill('Lopez');
  await expect(page).toHaveURL(/q=Lopez/);
  await expect(page.getByTestId('patients-table')).toContainText('Lopez, Maria');
  await expect(page.getByTestId('patients-total')).toContainText('1 patient ·');
  await page.goBack();
  await expect(page).not.toHaveURL(/q=Lopez/);
});
