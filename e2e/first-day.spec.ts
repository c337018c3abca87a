import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn, storageStateFor } from './fixtures';

// Issue 20, rough edges a physio meets on day one: accepting an invitation signs you in; the
// sign-in page says why a session ended; buttons are named apart; the program builder fits a
// phone; a refused stale save says who saved and keeps the edits. New accounts and patients
// only, so the demo data other specs read is untouched.

/** Every button's accessible name on the page, from the accessibility tree (hidden ones left out). */
async function buttonNames(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return [...tree.matchAll(/- button "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(names.filter((n) => (seen.has(n) ? true : (seen.add(n), false))))];
}

test.describe('an invited physio', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('is signed in by setting the password (even before the page hydrates), and told why sessions end', async ({ page, browser }) => {
    const email = `first.day.${Date.now()}@riverside.example`;
    const password = 'a long and quiet river';
    await page.goto('/admin/users/invite');
    const staffForm = page.getByTestId('invite-staff-form');
    await staffForm.getByLabel('Full name').fill('Dee Firstday');
    await staffForm.getByLabel('Email').fill(email);
    await staffForm.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByTestId('access-link-url').inputValue();

    await test.step('set the password with JavaScript off: a POST, signed in, on the dashboard', async () => {
      const noJs = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: false });
      const tab = await noJs.newPage();
      await tab.goto(link);
      await expect(tab.getByTestId('set-password-form')).toHaveAttribute('method', /post/i);
      await tab.getByLabel('New password').fill(password);
      await tab.getByLabel('Type it again').fill(password);
      await tab.getByRole('button', { name: 'Create my account' }).click();
      await expect(tab).toHaveURL(/\/dashboard$/);
      expect(tab.url()).not.toContain('password');
      await expect(tab.getByTestId('signed-in-as')).toContainText('Dee Firstday');
      // The link stays single-use.
      await tab.goto(link);
      await expect(tab.getByText('This link has already been used')).toBeVisible();
      await noJs.close();
    });

    const laptopContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const phoneContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const laptop = await laptopContext.newPage();
    const phone = await phoneContext.newPage();

    await test.step('an admin changes their role: the next click lands on sign-in, saying why', async () => {
      await signIn(laptop, email, password);
      await expect(laptop).toHaveURL(/\/dashboard$/);
      await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
      await page.getByRole('link', { name: 'Dee Firstday' }).click();
      await page.getByLabel('Admin: accounts, settings, audit log').check();
      await page.getByRole('button', { name: 'Save role' }).click();
      await expect(page.getByText('Role saved.')).toBeVisible();
      await laptop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
      await expect(laptop).toHaveURL(/\/login$/);
      await expect(laptop.getByTestId('session-ended')).toHaveText('Your access was changed by an admin; please sign in again.');
      await expectNoSeriousA11yViolations(laptop);
    });

    await test.step('sign out everywhere: this device and the other one both say so', async () => {
      await signIn(laptop, email, password);
      await expect(laptop).toHaveURL(/\/dashboard$/);
      await signIn(phone, email, password);
      await expect(phone).toHaveURL(/\/dashboard$/);
      await laptop.goto('/account');
      await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
      await expect(laptop).toHaveURL(/\/login\?reason=signed-out-everywhere$/);
      await expect(laptop.getByTestId('session-ended')).toHaveText('You were signed out on all devices. Please sign in again.');
      await phone.goto('/patients');
      await expect(phone).toHaveURL(/\/login$/);
      await expect(phone.getByTestId('session-ended')).toHaveText('You were signed out on all devices. Please sign in again.');
      // Only allow-listed reasons are shown.
      await phone.goto('/login?reason=call-this-number');
      await expect(phone.getByTestId('session-ended')).toHaveText('You were signed out on all devices. Please sign in again.');
    });
    await Promise.all([laptopContext.close(), phoneContext.close()]);

    await test.step('the audit log: labels and browser names, never codes or raw user agents', async () => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto('/admin/audit');
      const table = page.getByTestId('audit-table');
      await expect(table).toContainText('Roles changed');
      await expect(table).not.toContainText('user.roles_change');
      await expect(table).not.toContainText('Mozilla/5.0');
      await expect(table.getByTestId('audit-browser').first()).toHaveAttribute('title', /Mozilla\/5\.0/);
      await page.screenshot({ path: 'test-results/first-day-audit-desktop.png' });
    });
  });
});

test.describe('the physio', () => {
  test.use({ storageState: storageStateFor('physio') });

  test('dashboard buttons have unique accessible names; Acknowledge names the alert and patient', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const names = await buttonNames(page);
    expect(names.length).toBeGreaterThan(0);
    expect(duplicates(names)).toEqual([]);
    // Each alert's own button (the bulk form's "Acknowledge ticked" acts on the ticked ones).
    expect(names.filter((n) => n === 'Acknowledge ticked')).toHaveLength(1);
    const acknowledge = names.filter((n) => n.startsWith('Acknowledge') && n !== 'Acknowledge ticked');
    expect(acknowledge.length).toBeGreaterThan(0);
    for (const name of acknowledge) expect(name).toMatch(/^Acknowledge .+ for .+ .+$/);
  });

  test('the program builder: unique button names, spoken dose labels, fits a phone; a stale save says who and keeps the edits', async ({ page, browser }) => {
    await page.goto('/patients/new');
    const last = `Firstday-${Date.now()}`;
    await page.getByLabel('First name').fill('Kit');
    await page.getByLabel('Last name').fill(last);
    await page.getByLabel('Date of birth').fill('1988-06-01');
    await page.getByLabel('Condition / diagnosis').fill('Runner, knee');
    await page.getByRole('button', { name: 'Create patient' }).click();
    await expect(page.getByTestId('patient-name')).toHaveText(`Kit ${last}`);
    const patientUrl = new URL(page.url()).pathname;
    await page.goto(`${patientUrl}/program`);
    page.once('dialog', (d) => d.accept());
    await page.getByLabel('Start from a template').selectOption('runners-low-back-phase-1');
    await expect(page.getByTestId('program-item').first()).toBeVisible();
    await page.getByRole('button', { name: 'Create program' }).click();
    await expect(page.getByTestId('current-program')).toContainText('version 1');

    await page.goto(`${patientUrl}/program`);
    const first = page.getByTestId('program-item').first();
    const title = (await first.locator('p').first().innerText()).replace(/^1\. /, '');
    await expect(first.getByLabel(`${title}: hold (seconds)`)).toBeVisible();
    await expect(first.getByLabel(`${title}: per week`)).toBeVisible();
    expect(duplicates(await buttonNames(page))).toEqual([]);
    await expectNoSeriousA11yViolations(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: 'test-results/first-day-builder-desktop.png' });

    await test.step('Pixel 7 width: nothing wider than the screen, Add buttons whole', async () => {
      const phone = await browser.newContext({ storageState: storageStateFor('physio'), viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      const tab = await phone.newPage();
      await tab.goto(`${patientUrl}/program`);
      await expect(tab.getByTestId('program-item').first()).toBeVisible();
      expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
      const list = tab.getByTestId('picker-results');
      const listBox = (await list.boundingBox())!;
      const addBox = (await list.getByRole('button').first().boundingBox())!;
      expect(addBox.x + addBox.width).toBeLessThanOrEqual(listBox.x + listBox.width);
      await tab.screenshot({ path: 'test-results/first-day-builder-pixel7.png' });
      await tab.getByTestId('program-item').first().scrollIntoViewIfNeeded();
      await tab.screenshot({ path: 'test-results/first-day-builder-pixel7-items.png' });
      await phone.close();
    });

    await test.step('the same physio in two tabs: the refused save says so and keeps the edits', async () => {
      const other = await page.context().newPage();
      await other.goto(`${patientUrl}/program`);
      await page.getByTestId('program-item').first().getByLabel(`${title}: sets`).fill('5');
      await page.getByRole('button', { name: 'Save as version 2' }).click();
      await expect(page.getByTestId('current-program')).toContainText('version 2');
      const sets = other.getByTestId('program-item').first().getByLabel(`${title}: sets`);
      await sets.fill('7');
      await other.getByRole('button', { name: 'Save as version 2' }).click();
      await expect(other.getByTestId('program-error')).toContainText(/^You saved this program in another tab or window at \d\d:\d\d \(now version 2/);
      await expect(other.getByTestId('program-error')).not.toContainText('someone else');
      await expect(other.getByRole('button', { name: 'Load the latest version' })).toBeVisible();
      await expect(sets).toHaveValue('7');
      await other.screenshot({ path: 'test-results/first-day-stale-save.png', fullPage: false });
      // Saving again knowingly replaces the other tab's version with these edits.
      await other.getByRole('button', { name: 'Save my edits as version 3' }).click();
      await expect(other.getByTestId('current-program')).toContainText('version 3');
      await other.close();
    });
  });
});
