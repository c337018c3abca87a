import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

test.use({ storageState: storageStateFor('physio') });

test('a physio searches and filters the library, opens an exercise and creates a practice exercise', async ({ page }) => {
  await page.goto('/library');
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Search').fill('hamstring');
  await expect(page.getByTestId('library-results').getByRole('link').first()).toHaveText('Lying hamstring stretch with a towel');
  await page.getByLabel('Category').selectOption('stretch');
  await expect(page.getByTestId('library-count')).toHaveText(/^\d+ exercises?$/);
  await expect(page).toHaveURL(/q=hamstring/);
  await page.getByRole('link', { name: 'Lying hamstring stretch with a towel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lying hamstring stretch with a towel');
  await expect(page.getByRole('img', { name: /first and second position/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How to do it' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto('/library/exercises/new');
  await page.getByRole('button', { name: 'Create exercise' }).click();
  await expect(page.getByText('Give a title of at least 3 characters')).toBeVisible();
  await expect(page.getByText('Give at least 3 steps (one per line)')).toBeVisible();
  const title = `Wall sit with ball squeeze ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('One-line summary').fill('Hold a wall sit while squeezing a ball between your knees.');
  await page.getByLabel('Category').selectOption('strength');
  await page.getByLabel('Difficulty').selectOption('intermediate');
  await page.getByRole('checkbox', { name: 'Quadriceps' }).check();
  await page.getByRole('checkbox', { name: 'Wall' }).check();
  await page.getByLabel('Sets').fill('3');
  await page.getByLabel('Hold (s)').fill('30');
  await page.getByLabel('Steps').fill('Stand with your back to a wall.\nSlide down until your knees are bent.\nSqueeze the ball and hold.');
  await page.getByLabel('What the patient should feel').fill('Work in the front of your thighs.');
  await page.getByLabel('Stop if / cautions').fill('Stop if your knees hurt.');
  await page.getByRole('button', { name: 'Create exercise' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('dosage')).toHaveText('3 × 30 s hold, 3×/week');
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/library?q=${encodeURIComponent('ball squeeze')}`);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
});

test('the library reads well on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/library');
  await expect(page.getByTestId('library-results')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
