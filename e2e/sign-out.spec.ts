import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './fixtures';

// Signing out ends that session on the server: a copy of its cookie taken before is refused,
// while another session of the same account (another browser) goes on. Fresh sign-ins only,
// so the stored sessions other specs use are untouched.
test('a copied cookie stops working after sign-out; the same account in another browser stays signed in', async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const onLaptop = await laptop.newPage();
  const onPhone = await phone.newPage();
  await signIn(onLaptop, DEMO.physio);
  await expect(onLaptop).toHaveURL(/\/dashboard$/);
  await signIn(onPhone, DEMO.physio);
  await expect(onPhone).toHaveURL(/\/dashboard$/);

  const copied = await laptop.cookies();
  await onLaptop.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(onLaptop).toHaveURL(/\/login$/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto('/dashboard');
  await expect(stolen).toHaveURL(/\/login$/);

  await onPhone.goto('/patients');
  await expect(onPhone).toHaveURL(/\/patients$/);
  await expect(onPhone.getByRole('link', { name: 'Account' })).toBeVisible();
  await onPhone.getByRole('link', { name: 'Account' }).click();
  await expect(onPhone.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible();
  await Promise.all([laptop.close(), phone.close(), thief.close()]);
});
