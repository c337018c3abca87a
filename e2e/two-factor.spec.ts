import { expect, test, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD, expectNoSeriousA11yViolations, signIn } from './fixtures';

// Two-factor sign-in in the browser, on the second demo practice (Harbour) that no other
// spec uses: Kai (physio and admin) turns on "require two-factor for staff", is sent to
// enrolment at once, enrols by reading the key from the page, then signs in with a code
// computed here and with a recovery code, which works once.
const KAI = 'kai@harbour.example';

/** A code for the next 30-second step: the step used to confirm enrolment is never accepted twice. */
function nextCode(secret: string): string {
  const totp = new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + 30_000 });
}

async function signOutHere(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

async function signInWithCode(page: Page, code: string) {
  await signIn(page, KAI);
  await expect(page.getByTestId('login-error')).toContainText('Enter the 6-digit code');
  await page.getByLabel('Code from your authenticator app').fill(code);
  // The password is kept from the first step; filled again in case the browser cleared it.
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe.configure({ mode: 'serial' });

test('a practice that requires two-factor sends an unenrolled physio to enrolment; TOTP and recovery codes sign in', async ({ page }) => {
  await signIn(page, KAI);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The admin turns the requirement on; Kai is not enrolled, so the next page is enrolment.
  await page.goto('/admin/settings');
  await page.getByLabel('Require two-factor sign-in for staff').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  // Saved; the page may already have moved on to enrolment when it refreshed.
  await expect(page.getByTestId('settings-saved').or(page.getByTestId('two-factor-required'))).toBeVisible();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByTestId('two-factor-required')).toBeVisible();
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/account\/two-factor$/);

  // Enrol: the key shown under the QR code, a code from it, ten recovery codes.
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' }).locator('svg')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const totp = new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
  await page.getByLabel('6-digit code').fill(totp.generate());
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveCount(10);
  const recovery = (await page.getByTestId('recovery-code').first().textContent())!.trim();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOutHere(page);

  // The password alone is not enough; with a code from the app it is.
  await signInWithCode(page, nextCode(secret));
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOutHere(page);

  // A recovery code works once.
  await signInWithCode(page, recovery);
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOutHere(page);
  await signInWithCode(page, recovery);
  await expect(page.getByTestId('login-error')).toContainText('That code did not work');
  await expect(page).toHaveURL(/\/login$/);
});
