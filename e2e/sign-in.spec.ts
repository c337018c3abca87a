import { expect, test } from '@playwright/test';
import { DEMO, expectNoSeriousA11yViolations, signIn, storageStateFor } from './fixtures';

test.describe('sign-in', () => {
  test('the login page is accessible and a wrong password gets a neutral message', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expectNoSeriousA11yViolations(page);
    await signIn(page, DEMO.physio, 'not-the-password');
    await expect(page.getByTestId('login-error')).toHaveText('That email and password do not match an active account.');
    await signIn(page, 'nobody@riverside.example', 'not-the-password');
    await expect(page.getByTestId('login-error')).toHaveText('That email and password do not match an active account.');
  });

  test('a physio lands on the dashboard and can sign out', async ({ page }) => {
    await signIn(page, DEMO.physio);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('signed-in-as')).toContainText('Jo Lee');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login$/);
  });
});

test.describe('each role sees its own home', () => {
  test.describe('admin', () => {
    test.use({ storageState: storageStateFor('admin') });
    test('lands on admin and cannot open the clinical dashboard', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/admin$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Practice admin');
      await expectNoSeriousA11yViolations(page);
      await page.goto('/dashboard');
      await expect(page).not.toHaveURL(/\/dashboard$/);
    });
  });

  test.describe('patient', () => {
    test.use({ storageState: storageStateFor('patient') });
    test('lands on the portal and is sent back from clinician and admin pages', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/portal$/);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Maria');
      await expectNoSeriousA11yViolations(page);
      for (const path of ['/dashboard', '/patients', '/admin']) {
        await page.goto(path);
        await expect(page).toHaveURL(/\/portal$/);
      }
    });
  });

  test.describe('physio', () => {
    test.use({ storageState: storageStateFor('physio') });
    test('lands on the dashboard and is sent back from admin pages', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/dashboard$/);
      await expectNoSeriousA11yViolations(page);
      await page.goto('/admin');
      await expect(page).toHaveURL(/\/dashboard$/);
    });
  });
});
