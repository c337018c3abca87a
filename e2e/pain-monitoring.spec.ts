import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// Issue 13, the pain-monitoring model end to end: a new patient logs a run with pain 6/10
// during it and says "worse" the next morning; the portal says "too much", the physio's
// patient page marks the session, and after a second such session the dashboard shows
// "load not tolerated".

test.use({ storageState: storageStateFor('physio') });

/** A day in the demo practice's zone (Europe/London), `days` before today. */
function dayBefore(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function pickScale(page: Page, testId: string, value: number) {
  await page.getByTestId(testId).locator('label').nth(value).click();
  await expect(page.getByTestId(`${testId}-readout`)).toContainText(`${value}/10`);
}

async function logRun(portal: Page, date: string, painDuring: number) {
  await portal.goto('/portal/log?tab=session');
  const form = portal.getByTestId('session-form');
  await form.getByLabel('Duration (min)').fill('45');
  await form.getByLabel('Date').fill(date);
  await pickScale(portal, 'rpe', 5);
  await pickScale(portal, 'pain-during', painDuring);
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(portal.getByTestId('session-saved')).toBeVisible();
}

test('a run with pain 6 during and a worse morning is "too much"; two in a week raise "load not tolerated"', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const last = `Tolerance-${Date.now().toString(36)}`;
  const email = `rae.${Date.now().toString(36)}@example.org`;
  const password = `steady tempo ${Date.now().toString(36)} river`;

  await test.step('the physio creates the patient and an invitation link', async () => {
    await page.goto('/patients/new');
    await page.getByLabel('First name').fill('Rae');
    await page.getByLabel('Last name').fill(last);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Condition / diagnosis').fill('Low back pain, half-marathon plan');
    await page.getByRole('button', { name: 'Create patient' }).click();
    await expect(page.getByTestId('patient-name')).toHaveText(`Rae ${last}`);
    await page.getByRole('button', { name: 'Invite to the portal' }).click();
  });
  const patientUrl = new URL(page.url()).pathname;
  const link = await page.getByLabel('Invitation link').inputValue();

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const portal = await context.newPage();
  await test.step('the patient accepts and signs in', async () => {
    await portal.goto(link);
    await portal.getByLabel('New password').fill(password);
    await portal.getByLabel('Type it again').fill(password);
    await portal.getByRole('button', { name: 'Create my account' }).click();
    // Signed in straight away: no second typing of the new password.
    await expect(portal).toHaveURL(/\/portal$/);
  });

  await test.step('a run yesterday with pain 6 during: too much at once', async () => {
    await logRun(portal, dayBefore(1), 6);
    const verdict = portal.getByTestId('tolerance-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'too-much');
    await expect(verdict).toContainText('6/10');
    await expect(verdict).toContainText('above the 5/10');
    await expect(verdict).toContainText('Ease off');
  });

  await test.step('the next-morning check-in on Today: "worse than usual"', async () => {
    await portal.goto('/portal');
    const checkIn = portal.getByTestId('morning-check-in');
    await expect(checkIn).toHaveCount(1);
    await expect(checkIn).toContainText('yesterday’s run');
    await expectNoSeriousA11yViolations(portal);
    await checkIn.getByRole('button', { name: 'Worse than usual' }).click();
    const done = portal.getByTestId('morning-check-in-done');
    await expect(done.getByTestId('tolerance-verdict')).toHaveAttribute('data-verdict', 'too-much');
    await expect(done).toContainText('worse than usual the next morning');
    // Answered once: after a reload the answer's verdict stays for the day, the question does not come back.
    await portal.reload();
    await expect(portal.getByTestId('morning-check-in-done')).toHaveCount(1);
    await expect(portal.getByTestId('morning-check-in')).toHaveCount(0);
  });

  await test.step('the physio’s patient page marks the session and charts pain during it', async () => {
    await page.goto(patientUrl);
    const session = page.getByTestId('recent-session').first();
    await expect(session).toHaveAttribute('data-verdict', 'too-much');
    await expect(session).toContainText('pain during 6/10');
    await expect(session).toContainText('next morning: worse than usual');
    await expect(page.getByRole('img', { name: /Pain during each training session/ })).toBeVisible();
    await expect(page.getByText(/^Load not tolerated$/)).toHaveCount(0);
  });

  await test.step('a second run too much within the week: the patient is told to talk to their physio', async () => {
    await logRun(portal, dayBefore(3), 7);
    await expect(portal.getByTestId('tolerance-verdict')).toHaveAttribute('data-verdict', 'too-much');
    await expect(portal.getByTestId('not-tolerated-advice')).toContainText('talk to your physio');
  });

  await test.step('the dashboard shows "load not tolerated" for the patient', async () => {
    await page.goto('/dashboard');
    const row = page.getByTestId('caseload-row').filter({ hasText: last });
    await expect(row).toContainText('Load not tolerated');
    await expect(row).toContainText('2 sessions too much in 7 days');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("the physio acknowledges it from the dashboard: the alert's own button (one form for the page)", async () => {
    const row = page.getByTestId('caseload-row').filter({ hasText: last });
    const acknowledge = row.getByRole('button', { name: /^Acknowledge Load not tolerated for / });
    // No form per alert: every alert's button joins the page's one form.
    await expect(acknowledge).toHaveAttribute('form', 'acknowledge-one');
    await expect(row.locator('form')).toHaveCount(0);
    await acknowledge.click();
    await expect(row.getByText('Load not tolerated', { exact: true })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('caseload-row').filter({ hasText: last }).getByText('Load not tolerated', { exact: true })).toHaveCount(0);
  });
  await context.close();
});
