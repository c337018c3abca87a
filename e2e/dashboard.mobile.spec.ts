import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// The physio's dashboard on a phone (project "mobile", Pixel 7): between patients, the first
// thing to see is who needs attention, not a screenful of counters. The eight counters sit four
// across in two rows, so the most urgent patient's name is on the first screen without scrolling.

test.use({ storageState: storageStateFor('physio') });

test('on a phone, Jo sees the counters and the most urgent patient on the first screen', async ({ page }) => {
  await page.goto('/dashboard');
  const counters = page.getByRole('navigation', { name: 'Filter by alert' });
  const links = counters.getByRole('link');
  await expect(links).toHaveCount(8);
  const tops = await links.evaluateAll((elements) => elements.map((l) => Math.round(l.getBoundingClientRect().top)));
  expect(new Set(tops).size, `counter rows (tops ${tops.join(', ')})`).toBe(2);
  await expect(links.last()).toBeInViewport({ ratio: 1 });
  const firstPatient = page.getByTestId('caseload-row').first().getByRole('link').first();
  await expect(firstPatient).toBeVisible();
  await expect(firstPatient).toBeInViewport({ ratio: 1 });
  // The smaller type on a phone must still read: axe checks contrast and names.
  await expectNoSeriousA11yViolations(page);
});
