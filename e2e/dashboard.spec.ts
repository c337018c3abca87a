import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

test.use({ storageState: storageStateFor('physio') });

test('the warning-sign patient comes first; the physio opens them, reads the charts and acknowledges a trend alert (not the warning sign)', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who needs attention today');
  const first = page.getByTestId('caseload-row').first();
  await expect(first.getByRole('link').first()).toHaveText('Maria Lopez');
  await expect(first).toContainText('Emergency warning sign');
  await expect(first.getByTestId('warning-sign')).toHaveAttribute('data-tier', 'emergency');
  // A warning sign means a call today: the patient's number is on the card.
  await expect(first.getByTestId('caseload-phone')).toHaveAttribute('href', /^tel:07700900\d{3}$/);
  await expect(page.getByTestId('count-red-flag')).toContainText('1');
  await expect(page.getByTestId('count-red-flag')).toContainText('Warning signs');
  await expectNoSeriousA11yViolations(page);

  await first.getByRole('link', { name: 'Maria Lopez' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText('Maria Lopez');
  await expect(page.getByRole('img', { name: /Daily pain scores/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /EWMA acute:chronic ratio/ })).toBeVisible();
  await expect(page.getByText('It describes how load changed, not injury risk', { exact: false }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: '26 wk' }).click();
  await expect(page).toHaveURL(/weeks=26/);
  await page.getByRole('link', { name: 'Rolling 7:28' }).click();
  await expect(page).toHaveURL(/acwr=rolling/);
  await expect(page.getByRole('img', { name: /rolling acute:chronic ratio/ })).toBeVisible();

  // A warning sign cannot be acknowledged away: it is closed only with the action taken.
  const alerts = page.getByTestId('patient-alerts');
  const warningSign = alerts.getByTestId('warning-sign');
  await expect(warningSign).toHaveAttribute('data-tier', 'emergency');
  await expect(warningSign.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await expect(warningSign.getByText('Close with the action you took…')).toBeVisible();
  // A trend alert is acknowledged as before.
  const painWorse = alerts.locator('div').filter({ hasText: /^Pain worse/ });
  await painWorse.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(painWorse).toContainText('Acknowledged');

  await page.goto('/dashboard');
  const maria = page.getByTestId('caseload-row').first();
  await expect(maria.getByRole('link').first()).toHaveText('Maria Lopez');
  await expect(maria).not.toContainText('Pain worse');
  // The warning sign is still there, still first, still counted.
  await expect(maria.getByTestId('warning-sign')).toHaveAttribute('data-tier', 'emergency');
  await expect(page.getByTestId('count-red-flag')).toContainText('1');
});
