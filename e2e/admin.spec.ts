import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// The practice admin's journey: invite a physio, who accepts in their own browser and
// signs in; deactivate them and their open session is refused on the next click; find
// both events in the audit log; export a patient's data. Every admin page gets an axe scan.
test.describe('practice administration', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('invite, accept, deactivate with a live session, audit log, patient export', async ({ page, browser }) => {
    const email = `new.physio.${Date.now()}@riverside.example`;
    const password = 'a long and quiet river';

    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Practice admin');
    await expectNoSeriousA11yViolations(page);

    // Invite: no SMTP in the test server, so the link is shown to copy.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Accounts' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Invite someone' }).click();
    await expect(page).toHaveURL(/\/admin\/users\/invite$/);
    const staffForm = page.getByTestId('invite-staff-form');
    await staffForm.getByLabel('Full name').fill('Nia Newcomer');
    await staffForm.getByLabel('Email').fill(email);
    await staffForm.getByRole('button', { name: 'Create invitation' }).click();
    await expect(page.getByTestId('access-link')).toContainText('has not been emailed');
    const link = await page.getByTestId('access-link-url').inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expectNoSeriousA11yViolations(page);

    // The new physio, in their own browser: accept, choose a password, sign in.
    // A fresh browser profile: no cookies (the admin's stored session is not carried over).
    const physioContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const physio = await physioContext.newPage();
    await physio.goto(link);
    await expect(physio.getByTestId('access-link-for')).toContainText('Nia Newcomer');
    await expectNoSeriousA11yViolations(physio);
    await physio.getByLabel('New password').fill('password1234');
    await physio.getByLabel('Type it again').fill('password1234');
    await physio.getByRole('button', { name: 'Create my account' }).click();
    await expect(physio.getByTestId('field-error').first()).toContainText('too common');
    await physio.getByLabel('New password').fill(password);
    await physio.getByLabel('Type it again').fill(password);
    await physio.getByRole('button', { name: 'Create my account' }).click();
    // Signed in with the new password straight away, on the staff home (no second typing).
    await expect(physio).toHaveURL(/\/dashboard$/);
    await expect(physio.getByTestId('signed-in-as')).toContainText('Nia Newcomer');
    // The link was single use.
    await physio.goto(link);
    await expect(physio.getByText('This link has already been used')).toBeVisible();
    await physio.goto('/dashboard');

    // The admin deactivates the account while the physio is signed in.
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await expect(page.getByTestId('users-table')).toContainText(email);
    await page.getByRole('link', { name: 'Nia Newcomer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Nia Newcomer');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Deactivate account…' }).click();
    await page.getByRole('button', { name: 'Yes, deactivate Nia Newcomer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deactivated' })).toBeVisible();

    // The physio's open session is refused on their very next click.
    await physio.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
    await expect(physio).toHaveURL(/\/login$/);
    await physioContext.close();

    // Both events are in the audit log, found by person.
    await page.goto('/admin/audit');
    await page.getByLabel('Person (did it, or whose account)').selectOption({ label: 'Nia Newcomer (deactivated)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/person=/);
    const rows = page.getByTestId('audit-row');
    await expect(rows.filter({ hasText: 'Account deactivated' })).toHaveCount(1);
    // Details in words: the meta's keys as the forms name them ({ previousStatus: 'active' }).
    await expect(rows.filter({ hasText: 'Account deactivated' })).toContainText('Was: active');
    // Labels, never raw action codes, and the browser by name (the full string on hover).
    await expect(rows.filter({ has: page.getByText('Invited', { exact: true }) })).toHaveCount(1);
    await expect(page.getByTestId('audit-table')).not.toContainText('user.invite');
    await expect(rows.filter({ hasText: 'Signed in' }).getByTestId('audit-browser')).toHaveText(/^(Headless )?Chrome on (Linux|Windows)$/);
    await expect(rows.filter({ hasText: 'Signed in' }).getByTestId('audit-browser')).toHaveAttribute('title', /Mozilla\/5\.0/);
    await expect(rows.filter({ hasText: 'Accepted invitation' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Signed in' })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    const csv = page.waitForEvent('download');
    await page.getByTestId('audit-csv').click();
    expect((await csv).suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);

    // Practice settings page.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Practice settings' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Practice settings');
    await expectNoSeriousA11yViolations(page);

    // Export a patient's data.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Data export' }).click();
    await page.getByLabel('Patient').selectOption({ label: 'Lopez, Maria (born 1991-01-05)' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('export-patient-name')).toHaveText('Maria Lopez');
    // The practice manager (admin without physio) exports identity, contact and account data only.
    await expect(page.getByTestId('export-contact-only')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    const zip = page.waitForEvent('download');
    await page.getByTestId('export-zip').click();
    const download = await zip;
    expect(download.suggestedFilename()).toMatch(/^loadline-lopez-maria-contact-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(await download.failure()).toBeNull();

    // The export itself is in the audit log.
    await page.goto('/admin/audit?action=patient.export');
    await expect(page.getByTestId('audit-row').filter({ hasText: 'Lopez, Maria' }).first()).toBeVisible();
  });
});
