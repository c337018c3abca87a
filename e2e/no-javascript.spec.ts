import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from './fixtures';

// Every form is a real form post to its server action: before the scripts have loaded, or with
// JavaScript off altogether, it still saves, and a refusal comes back as a page that shows the
// message and keeps what was typed.
test.use({ javaScriptEnabled: false });

/** Every address the browser asks for, to show that no form put a secret into one. */
function requestedUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

test('sign-in works without JavaScript, and a refusal keeps the email but never the password', async ({ page }) => {
  const urls = requestedUrls(page);
  await signIn(page, DEMO.owner, 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText('That email and password do not match an active account.');
  await expect(page.getByLabel('Email')).toHaveValue(DEMO.owner);
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('signed-in-as')).toContainText('Sam Patel');
  expect(urls.filter((u) => u.includes(DEMO_PASSWORD) || u.includes('not-the-password'))).toEqual([]);
});

test('the patient form creates and edits a patient without JavaScript; a refusal keeps every typed value', async ({ page }) => {
  await signIn(page, DEMO.owner);
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto('/patients/new');
  const last = `NoScript-${Date.now()}`;
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Email').fill('robin.noscript@example.org');
  await page.getByLabel('Condition / diagnosis').fill('Achilles tendinopathy');
  await page.getByLabel('Goals').fill('Run 10k by June');
  await page.getByLabel('History of cancer').check();
  // No last name: refused, and the page comes back with the message and everything typed.
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('Please check the highlighted fields.');
  await expect(page.getByText('Enter a last name')).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveValue('Robin');
  await expect(page.getByLabel('Email')).toHaveValue('robin.noscript@example.org');
  await expect(page.getByLabel('Condition / diagnosis')).toHaveValue('Achilles tendinopathy');
  await expect(page.getByLabel('Goals')).toHaveValue('Run 10k by June');
  await expect(page.getByLabel('History of cancer')).toBeChecked();

  // (The server names no record back, so a chosen physio shows its default again: picked now.)
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Treating physio').selectOption({ label: 'Jo Lee' });
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('patient-name')).toHaveText(`Robin ${last}`);
  await expect(page.getByText('Achilles tendinopathy · Jo Lee')).toBeVisible();
  const patientUrl = new URL(page.url()).pathname;

  await page.goto(`${patientUrl}/edit`);
  await expect(page.getByLabel('Last name')).toHaveValue(last);
  await page.getByLabel('Condition / diagnosis').fill('Achilles tendinopathy, left');
  await page.getByLabel('Phone').fill('not a phone');
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByText('Enter a phone number (digits, spaces, + - ( ))')).toBeVisible();
  await expect(page.getByLabel('Condition / diagnosis')).toHaveValue('Achilles tendinopathy, left');
  await expect(page.getByLabel('Phone')).toHaveValue('not a phone');
  // The saved physio stays chosen: a second submit must not unassign them.
  await expect(page.getByLabel('Treating physio').locator('option:checked')).toHaveText('Jo Lee');
  await page.getByLabel('Phone').fill('');
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page).toHaveURL(new RegExp(`${patientUrl}$`));
  await expect(page.getByText('Achilles tendinopathy, left · Jo Lee')).toBeVisible();
});

test('an admin invites without JavaScript; the invitee sets a password by POST, never in the address', async ({ page, browser }) => {
  const email = `noscript.${Date.now()}@riverside.example`;
  const password = 'a long and quiet harbour';
  await signIn(page, DEMO.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/users/invite');
  const staffForm = page.getByTestId('invite-staff-form');
  await staffForm.getByLabel('Full name').fill('Noa Noscript');
  await staffForm.getByLabel('Email').fill('not-an-email');
  await staffForm.getByLabel('Admin').check();
  await staffForm.getByRole('button', { name: 'Create invitation' }).click();
  // Refused: the typed name, email and ticked roles come back with the message.
  await expect(staffForm.getByTestId('field-error')).not.toHaveCount(0);
  await expect(staffForm.getByLabel('Full name')).toHaveValue('Noa Noscript');
  await expect(staffForm.getByLabel('Email')).toHaveValue('not-an-email');
  await expect(staffForm.getByLabel('Admin')).toBeChecked();
  await expect(staffForm.getByLabel('Physio')).toBeChecked();
  await staffForm.getByLabel('Email').fill(email);
  await staffForm.getByRole('button', { name: 'Create invitation' }).click();
  await expect(page.getByTestId('access-link')).toContainText('has not been emailed');
  const link = await page.getByTestId('access-link-url').inputValue();

  const invitee = await browser.newContext({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
  const tab = await invitee.newPage();
  const urls = requestedUrls(tab);
  await tab.goto(link);
  await tab.getByLabel('New password').fill(password);
  await tab.getByLabel('Type it again').fill('something else entirely');
  await tab.getByRole('button', { name: 'Create my account' }).click();
  await expect(tab.getByTestId('field-error')).toContainText('The two passwords do not match');
  await expect(tab).toHaveURL(link);
  await tab.getByLabel('New password').fill(password);
  await tab.getByLabel('Type it again').fill(password);
  await tab.getByRole('button', { name: 'Create my account' }).click();
  await expect(tab).toHaveURL(/\/dashboard$/);
  await expect(tab.getByTestId('signed-in-as')).toContainText('Noa Noscript');
  expect(urls.filter((u) => u.includes('harbour') || u.includes('something'))).toEqual([]);
  await invitee.close();
});
