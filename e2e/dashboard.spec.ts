import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

test.use({ storageState: storageStateFor('physio') });

test('the red-flag patient comes first; the physio opens them, reads the charts and acknowledges', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who needs attention today');
  const first = page.getByTestId('caseload-row').first();
  await expect(first.getByRole('link').first()).toHaveText('Maria Lopez');
  await expect(first).toContainText('Red-flag symptoms');
  // A red flag means a call today: the patient's number is on the card.
  await expect(first.getByTestId('caseload-phone')).toHaveAttribute('href', /^tel:07700900\d{3}$/);
  await expect(page.getByTestId('count-red-flag')).toContainText('1');
  await expectNoSeriousA11yViolations(page);

  await first.getByRole('link', { name: 'Maria Lopez' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText('Maria Lopez');
  await expect(page.getByRole('img', { name: /Daily pain scores/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /EWMA acute:chronic ratio/ })).toBeVisible();
  await expect(page.getByText('it does not predict injury').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: '26 wk' }).click();
  await expect(page).toHaveURL(/weeks=26/);
  await page.getByRole('link', { name: 'Rolling 7:28' }).click();
  await expect(page).toHaveURL(/acwr=rolling/);
  await expect(page.getByRole('img', { name: /rolling acute:chronic ratio/ })).toBeVisible();

  const redFlag = page.getByTestId('patient-alerts').locator('div', { hasText: 'Red-flag symptoms' }).first();
  await redFlag.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(redFlag).toContainText('Acknowledged');
  await page.goto('/dashboard');
  await expect(page.getByTestId('caseload')).not.toContainText('Red-flag symptoms reported');
});
