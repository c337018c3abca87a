import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'loadline-demo';
export const DEMO = {
  admin: 'admin@riverside.example',
  physio: 'jo@riverside.example',
  owner: 'sam@riverside.example',
  patient: 'maria@patients.example',
} as const;
export type DemoRole = keyof typeof DEMO;

export const storageStateFor = (role: DemoRole) => `e2e/.auth/${role}.json`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every journey ends here: no serious or critical accessibility violations. */
export async function expectNoSeriousA11yViolations(page: Page) {
  // After a server action re-renders the page, Next.js puts the <title> back a moment after the
  // body (seen once in CI: axe ran in between and reported "document-title"). Wait for a title
  // first: a page that never gets one still fails here, after the assertion's timeout.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
