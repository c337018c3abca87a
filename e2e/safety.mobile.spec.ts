import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// The patient's side of warning signs on a phone (project "mobile", Pixel 7): the message
// for each tier as soon as a sign is ticked, the emergency number first for an emergency,
// and after saving the truth about who was told. It holds whether or not Maria's demo alert
// was closed earlier in the run (a new sign opens a new alert, or joins the open one; either
// way the demo has no mail server, so nobody is emailed).

test.use({ storageState: storageStateFor('patient') });

const SADDLE = 'Numbness around the bottom, genitals or inner thighs (saddle area)';

test('Maria ticks warning signs: review, then same day with the practice’s number, then emergency with 999 first; saving tells her nobody was emailed', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/portal');
  await page.getByRole('link', { name: 'Log', exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/log/);
  await page.getByTestId('log-tab-pain').click();
  await expect(page).toHaveURL(/tab=pain$/);
  const form = page.getByTestId('pain-form');
  await page.getByTestId('pain-score').locator('label').nth(6).click();
  await expect(page.getByTestId('pain-score-readout')).toContainText('6/10');
  await form.getByText('Lower back', { exact: true }).click();
  const notice = page.getByTestId('red-flag-notice');
  await expect(notice).toHaveCount(0);

  // "Pain woke me at night" sits with the everyday symptoms and asks for a review, not a call.
  const everyday = form.getByRole('group', { name: 'Anything else?' });
  const warning = form.getByRole('group', { name: 'Warning signs' });
  await expect(warning.getByRole('checkbox', { name: 'Pain woke me at night' })).toHaveCount(0);
  await everyday.getByRole('checkbox', { name: 'Pain woke me at night' }).check();
  await expect(notice).toHaveAttribute('data-tier', 'review');
  await expect(notice).toContainText('Mention this to your physio');
  await expect(notice.getByTestId('call-emergency')).toHaveCount(0);

  // Weakness in one leg: contact the practice today, its number one tap away.
  await warning.getByRole('checkbox', { name: /^Weakness in one leg/ }).check();
  await expect(notice).toHaveAttribute('data-tier', 'same-day');
  await expect(notice.getByRole('heading')).toHaveText('Please contact Riverside Physiotherapy today');
  await expect(notice.getByTestId('call-practice')).toHaveText('Call Riverside Physiotherapy');
  await expect(notice.getByTestId('call-practice')).toHaveAttribute('href', 'tel:02079460321');
  await expect(notice.getByTestId('call-emergency')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // Saddle numbness as well: an emergency, and the emergency number comes before anything else.
  await warning.getByRole('checkbox', { name: SADDLE }).check();
  await expect(notice).toHaveAttribute('data-tier', 'emergency');
  const firstChild = notice.locator(':scope > *').first();
  await expect(firstChild).toHaveAttribute('data-testid', 'call-emergency');
  await expect(firstChild).toHaveText('Call 999 now');
  await expect(firstChild).toHaveAttribute('href', 'tel:999');
  await expect(notice.getByRole('heading')).toHaveText('Get emergency care now');
  await expect(notice).toContainText(SADDLE);
  await expect(notice.getByTestId('red-flag-urgent')).toContainText('call 999');
  await expect(notice.getByTestId('call-practice')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await form.getByRole('button', { name: 'Save pain' }).click();
  const saved = page.getByTestId('pain-saved');
  await expect(saved).toContainText('Pain 6/10 saved');
  const savedNotice = saved.getByTestId('red-flag-notice');
  await expect(savedNotice).toHaveAttribute('data-tier', 'emergency');
  await expect(savedNotice.locator(':scope > *').first()).toHaveText('Call 999 now');
  // What really happened, from the records: no mail server in the demo, so nobody was emailed.
  const alerted = savedNotice.getByTestId('red-flag-alerted');
  await expect(alerted).toHaveText('Saved. Nobody has been emailed: your practice will see it when they next check Loadline. Do not wait for a reply: get emergency care now.');
  await expect(saved).not.toContainText('has been emailed to look at it');
  await expectNoSeriousA11yViolations(page);

  // Her history says the same for this report.
  await saved.getByRole('link', { name: 'See history' }).click();
  await expect(page).toHaveURL(/\/portal\/history$/);
  const entry = page.getByTestId('entry-pain').filter({ hasText: 'Pain 6/10' }).filter({ hasText: SADDLE }).first();
  await expect(entry).toContainText('Warning signs:');
  await expect(entry.getByTestId('safety-note')).toHaveText('Nobody has been emailed: your practice will see it when they next check Loadline.');
  await expectNoSeriousA11yViolations(page);

  // Back on Today later, the open warning sign is still at the top, the emergency number first.
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  const open = page.getByTestId('open-warning-sign').getByTestId('red-flag-notice');
  await expect(open).toHaveAttribute('data-tier', 'emergency');
  await expect(open.locator(':scope > *').first()).toHaveText('Call 999 now');
  await expect(open).toContainText(/Warning signs reported \(the last report today at \d{2}:\d{2}\): /);
  await expect(open).toContainText(SADDLE);
  await expect(open.getByTestId('red-flag-alerted')).toContainText('Your practice has not marked it as followed up yet.');
  await expect(open).toBeInViewport();
  await expectNoSeriousA11yViolations(page);
});
