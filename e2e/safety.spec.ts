import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor, type DemoRole } from './fixtures';

// Warning signs in the clinic (and the patient's side where the clinic's story needs it).
// The demo story: Maria (Jo's patient) had a same-day sign yesterday that Jo closed ("Called
// the patient"), and today an emergency sign (saddle numbness) is open; George (Sam's) has a
// same-day sign and a screening history; Hannah (Sam's) has a review sign.
//
// The tests run in file order (one worker, not fully parallel) on the shared demo database:
// everything that needs Maria's emergency alert open comes before the test that closes it. The patient's own checklist on
// a phone is in safety.mobile.spec.ts and holds whether Maria's alert is open or closed.

// Several journeys open a physio's and a patient's browser, each page with an axe scan.
test.describe.configure({ timeout: 120_000 });
test.use({ storageState: storageStateFor('physio') });

const SADDLE = 'Numbness around the bottom, genitals or inner thighs (saddle area)';
const ONE_LEG_NUMBNESS = 'New numbness or tingling in one leg';
const SEEDED_CLOSE_NOTE = 'Tingling left calf after long run, no weakness. Advised no running this week; review Thursday.';
const RANK = { emergency: 3, 'same-day': 2, review: 1 } as const;

const rowOf = (page: Page, name: string) => page.getByTestId('caseload-row').filter({ has: page.getByRole('link', { name, exact: true }) });
/** "1 report" / "3 reports" on a warning-sign card. */
async function reportCount(card: Locator): Promise<number> {
  const text = (await card.innerText()).match(/(\d+) reports?, first entered/);
  expect(text, 'report count on the card').not.toBeNull();
  return Number(text![1]);
}
/** The big number on a dashboard filter tile. */
const tileCount = (page: Page, kind: string) => page.getByTestId(`count-${kind}`).locator('span').first();

async function as(browser: Browser, role: DemoRole, baseURL: string | undefined) {
  const context = await browser.newContext({ storageState: storageStateFor(role), baseURL });
  return { context, page: await context.newPage() };
}

async function openPatientFromDashboard(page: Page, name: string) {
  await rowOf(page, name).getByRole('link', { name, exact: true }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
}

test('an emergency sign is not hidden behind yesterday’s closed one: Maria comes first, her history shows both', async ({ page }) => {
  await page.goto('/dashboard');
  const first = page.getByTestId('caseload-row').first();
  await expect(first.getByRole('link').first()).toHaveText('Maria Lopez');
  await expect(first).toContainText('Emergency warning sign');
  const card = first.getByTestId('warning-sign');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-tier', 'emergency');
  // Most urgent sign first; the open alert carries today's signs.
  await expect(card).toContainText(`Emergency: ${SADDLE}; ${ONE_LEG_NUMBNESS}`);
  // Who was told, truthfully: no mail server in the demo, and when the leads will be told.
  const told = card.getByTestId('warning-sign-told');
  await expect(told).toContainText('Jo Lee: not emailed: no mail server set up');
  await expect(told).toContainText(/Clinical leads and the safety inbox are told .+ unless it is closed\./);
  // Closed only with an action: no acknowledge button; the close form is folded away.
  await expect(card.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await expect(card.getByText('Close with the action you took…')).toBeVisible();
  await expect(card.getByTestId('close-warning-sign')).toBeHidden();
  await expect(tileCount(page, 'red-flag')).toHaveText('1');
  await expectNoSeriousA11yViolations(page);

  await openPatientFromDashboard(page, 'Maria Lopez');
  await expect(page.getByTestId('patient-alerts').getByTestId('warning-sign')).toHaveAttribute('data-tier', 'emergency');
  const history = page.getByTestId('warning-sign-history');
  const items = history.locator(':scope > li');
  await expect(items).toHaveCount(2);
  // Newest first: today's emergency, open.
  await expect(items.nth(0)).toHaveAttribute('data-tier', 'emergency');
  await expect(items.nth(0)).toContainText(`Emergency: ${SADDLE}`);
  await expect(items.nth(0)).toContainText('Open');
  await expect(items.nth(0).getByTestId('warning-sign-closed')).toHaveCount(0);
  // Yesterday's same-day sign, closed by Jo with the action and the note.
  await expect(items.nth(1)).toHaveAttribute('data-tier', 'same-day');
  await expect(items.nth(1)).toContainText(`Same day: ${ONE_LEG_NUMBNESS}`);
  await expect(items.nth(1).getByTestId('warning-sign-closed')).toContainText(`by Jo Lee: Called the patient. “${SEEDED_CLOSE_NOTE}”`);
  await expectNoSeriousA11yViolations(page);
});

test('tiers: the whole-practice dashboard reads emergency, then same day, then review; George’s card carries his screening history', async ({ browser, baseURL }) => {
  const { context, page } = await as(browser, 'owner', baseURL);
  try {
    await page.goto('/dashboard?scope=practice');
    await expect(page.getByRole('link', { name: 'Whole practice' })).toHaveAttribute('aria-current', 'true');
    const cards = page.getByTestId('warning-sign');
    await expect(cards.first()).toBeVisible();
    const tiers = (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')))) as (keyof typeof RANK)[];
    // All three tiers are there, most urgent first.
    for (const tier of ['emergency', 'same-day', 'review'] as const) expect(tiers).toContain(tier);
    expect(tiers.map((t) => RANK[t])).toEqual([...tiers.map((t) => RANK[t])].sort((a, b) => b - a));
    expect(tiers.indexOf('emergency')).toBeLessThan(tiers.indexOf('same-day'));
    expect(tiers.indexOf('same-day')).toBeLessThan(tiers.lastIndexOf('review'));

    const maria = rowOf(page, 'Maria Lopez');
    await expect(maria.getByTestId('warning-sign')).toHaveAttribute('data-tier', 'emergency');
    await expect(maria).toContainText('Emergency warning sign');

    const george = rowOf(page, 'George Evans');
    await expect(george.getByTestId('warning-sign')).toHaveAttribute('data-tier', 'same-day');
    await expect(george).toContainText('Same-day warning sign');
    await expect(george.getByTestId('warning-sign')).toContainText('Same day: Pain below the knee that is new or spreading');
    await expect(george.getByTestId('warning-sign-told')).toContainText('Sam Patel: not emailed: no mail server set up');
    await expect(george.getByTestId('screening-banner')).toHaveText(/Red-flag history: Under 20 or over 50 when the pain began/);
    // Rows are ordered by the most urgent sign: Maria before George before Hannah.
    const names = await page.getByTestId('caseload-row').evaluateAll((rows) => rows.map((r) => r.querySelector('a')?.textContent?.trim()));
    expect(names.indexOf('Maria Lopez')).toBeLessThan(names.indexOf('George Evans'));
    expect(names.indexOf('George Evans')).toBeLessThan(names.indexOf('Hannah Kim'));

    const hannah = rowOf(page, 'Hannah Kim');
    await expect(hannah.getByTestId('warning-sign')).toHaveAttribute('data-tier', 'review');
    await expect(hannah).toContainText('Warning sign to review');
    await expect(hannah.getByTestId('warning-sign')).toContainText('Review: Pain woke me at night');
    // Review-tier signs are not emailed: the card says so.
    await expect(hannah.getByTestId('warning-sign-told')).toContainText('Nobody emailed: review-tier signs wait here.');
    await expect(page.getByTestId('count-red-flag')).toContainText('Warning signs');
    expect(Number(await tileCount(page, 'red-flag').innerText())).toBeGreaterThanOrEqual(3);
    await expectNoSeriousA11yViolations(page);

    // The patient page shows the banner and George's history: last week's sign closed as known and managed.
    await openPatientFromDashboard(page, 'George Evans');
    await expect(page.getByTestId('screening-banner')).toContainText('Under 20 or over 50 when the pain began');
    const history = page.getByTestId('warning-sign-history');
    await expect(history.locator(':scope > li').first()).toHaveAttribute('data-tier', 'same-day');
    await expect(history.getByTestId('warning-sign-closed')).toContainText('by Sam Patel: Known and managed.');
    await expectNoSeriousA11yViolations(page);
  } finally {
    await context.close();
  }
});

test('a sign logged for an earlier day still reaches the clinic: Maria’s open emergency card counts the report', async ({ page, browser, baseURL }) => {
  await page.goto('/dashboard');
  const card = rowOf(page, 'Maria Lopez').getByTestId('warning-sign');
  await expect(card).toHaveAttribute('data-tier', 'emergency');
  const before = await reportCount(card);
  const note = `Knee gave way on the stairs ${Date.now().toString(36)}`;

  const patient = await as(browser, 'patient', baseURL);
  try {
    const p = patient.page;
    await p.goto('/portal/log?tab=pain');
    const form = p.getByTestId('pain-form');
    await p.getByTestId('pain-score').locator('label').nth(5).click();
    await expect(p.getByTestId('pain-score-readout')).toContainText('5/10');
    await form.getByRole('checkbox', { name: /^Weakness in one leg/ }).check();
    await expect(p.getByTestId('red-flag-notice')).toHaveAttribute('data-tier', 'same-day');
    await form.getByLabel('Notes (optional)').fill(note);
    await form.getByText('Logging for an earlier day?').click();
    const date = form.getByLabel('Date', { exact: true });
    await expect(date).toBeVisible();
    const today = await date.getAttribute('max');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const earlier = new Date(`${today}T12:00:00Z`);
    earlier.setUTCDate(earlier.getUTCDate() - 3);
    const earlierIso = earlier.toISOString().slice(0, 10);
    await date.fill(earlierIso);
    await expectNoSeriousA11yViolations(p);
    await form.getByRole('button', { name: 'Save pain' }).click();
    const saved = p.getByTestId('pain-saved');
    await expect(saved).toContainText('Pain 5/10 saved');
    await expect(saved.getByTestId('red-flag-notice')).toContainText('Weakness in one leg');
    await expect(saved.getByTestId('red-flag-alerted')).toContainText('Nobody has been emailed: your practice will see it when they next check Loadline.');

    // Her history files it under the earlier day, with what happened to it.
    await p.goto('/portal/history');
    const entry = p.getByTestId('entry-pain').filter({ hasText: note });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Warning signs: Weakness in one leg');
    await expect(entry.getByTestId('safety-note')).toContainText('Nobody has been emailed');
    await expectNoSeriousA11yViolations(p);
  } finally {
    await patient.context.close();
  }

  // Still the same open emergency alert (a same-day report does not lower it), one report more.
  await page.reload();
  await expect(card).toHaveAttribute('data-tier', 'emergency');
  await expect(card).toContainText('Weakness in one leg');
  await expect.poll(() => reportCount(card)).toBe(before + 1);
  await expect(card).toContainText(/last entered today \d{2}:\d{2}/);
  await expect(tileCount(page, 'red-flag')).toHaveText('1');
  await expectNoSeriousA11yViolations(page);

  // The patient page shows the report on its own day, entered today.
  await openPatientFromDashboard(page, 'Maria Lopez');
  await expect(page.getByTestId('recent-pain').locator('li', { hasText: 'Weakness in one leg' }).first()).toContainText('entered Today');
  await expect(page.getByTestId('warning-sign-history').locator(':scope > li').first()).toContainText(`${before + 1} reports`);
});

test('Jo closes Maria’s warning sign with the action taken: an empty form is refused, then the card leaves the dashboard and the history keeps it', async ({ page, browser, baseURL }) => {
  // While it is open, Maria's Today keeps her report at the top, with its advice and who was told.
  const patientBefore = await as(browser, 'patient', baseURL);
  try {
    await patientBefore.page.goto('/portal');
    const open = patientBefore.page.getByTestId('open-warning-sign');
    await expect(open.getByTestId('red-flag-notice')).toHaveAttribute('data-tier', 'emergency');
    await expect(open).toContainText(new RegExp(`Warning signs reported \\(the last report (today|yesterday) at \\d{2}:\\d{2}\\): .*${SADDLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(open.getByTestId('red-flag-alerted')).toHaveText('Nobody has been emailed: your practice will see it when they next check Loadline. Your practice has not marked it as followed up yet. Do not wait for a reply: get emergency care now.');
    await expectNoSeriousA11yViolations(patientBefore.page);
  } finally {
    await patientBefore.context.close();
  }

  await page.goto('/dashboard');
  const card = rowOf(page, 'Maria Lopez').getByTestId('warning-sign');
  await expect(card).toHaveAttribute('data-tier', 'emergency');
  await expect(tileCount(page, 'red-flag')).toHaveText('1');

  await card.getByText('Close with the action you took…').click();
  const form = card.getByTestId('close-warning-sign');
  await expect(form).toBeVisible();
  await expect(form.getByRole('group', { name: 'What did you do?' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Nothing chosen: the browser's required-field check stops the submit.
  await form.getByRole('button', { name: 'Close with this action' }).click();
  expect(await form.getByRole('radio').first().evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
  expect(await form.evaluate((el: HTMLFormElement) => el.checkValidity())).toBe(false);
  await expect(form).toBeVisible();
  await expect(card).toHaveAttribute('data-tier', 'emergency');

  // An action but a note too short for the record: the server's field error shows.
  await form.getByRole('radio', { name: 'Advised emergency care' }).check();
  await form.getByLabel('Note', { exact: true }).fill('ok');
  await form.getByRole('button', { name: 'Close with this action' }).click();
  await expect(form.getByTestId('field-error')).toContainText('Write a short note');
  await expect(card).toHaveAttribute('data-tier', 'emergency');

  const note = `Phoned Maria: saddle numbness since this morning. Sent to A&E now; will call tomorrow. ${Date.now().toString(36)}`;
  await form.getByRole('radio', { name: 'Advised emergency care' }).check();
  await form.getByLabel('Note', { exact: true }).fill(note);
  await form.getByRole('button', { name: 'Close with this action' }).click();
  await expect(rowOf(page, 'Maria Lopez').getByTestId('warning-sign')).toHaveCount(0);
  await expect(page.getByTestId('warning-sign')).toHaveCount(0);
  await expect(tileCount(page, 'red-flag')).toHaveText('0');
  await page.reload();
  await expect(page.getByTestId('warning-sign')).toHaveCount(0);
  await expect(tileCount(page, 'red-flag')).toHaveText('0');
  await expectNoSeriousA11yViolations(page);

  await page.goto('/patients?q=Lopez');
  await page.getByRole('link', { name: /Lopez, Maria/ }).click();
  await expect(page.getByTestId('patient-name')).toHaveText('Maria Lopez');
  await expect(page.getByTestId('patient-alerts').getByTestId('warning-sign')).toHaveCount(0);
  const items = page.getByTestId('warning-sign-history').locator(':scope > li');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-tier', 'emergency');
  await expect(items.nth(0).getByTestId('warning-sign-closed')).toHaveText(new RegExp(`^Closed today \\d{2}:\\d{2} by Jo Lee: Advised emergency care\\. “${note.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”$`));
  await expect(items.nth(1).getByTestId('warning-sign-closed')).toContainText('by Jo Lee: Called the patient.');
  await expect(page.getByTestId('warning-sign-history')).not.toContainText('Open');
  await expectNoSeriousA11yViolations(page);

  // Maria's own history says who followed her report up.
  const patient = await as(browser, 'patient', baseURL);
  try {
    await patient.page.goto('/portal/history');
    const report = patient.page.getByTestId('entry-pain').filter({ hasText: SADDLE }).first();
    await expect(report.getByTestId('safety-note')).toHaveText('Jo Lee followed this up (advised emergency care).');
    await expectNoSeriousA11yViolations(patient.page);
    // Followed up, so it leaves the top of her Today.
    await patient.page.goto('/portal');
    await expect(patient.page.getByRole('heading', { level: 1 })).toContainText('Maria');
    await expect(patient.page.getByTestId('open-warning-sign')).toHaveCount(0);
  } finally {
    await patient.context.close();
  }
});

test('an education article carries the when-to-get-help guide with all three tiers, for the physio and for the patient', async ({ page, browser, baseURL }) => {
  const expectGuide = async (p: Page) => {
    const guide = p.getByTestId('when-to-get-help');
    await expect(guide).toHaveCount(1);
    const tiers = guide.locator(':scope > [data-tier]');
    await expect(tiers).toHaveCount(3);
    expect(await tiers.evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')))).toEqual(['emergency', 'same-day', 'review']);
    await expect(tiers.nth(0).getByRole('heading')).toHaveText('Get emergency care now if you have:');
    await expect(tiers.nth(0)).toContainText(SADDLE);
    await expect(tiers.nth(0)).toContainText('New problems controlling the bladder or bowel');
    await expect(tiers.nth(1).getByRole('heading')).toHaveText('Contact your physio today if you have:');
    await expect(tiers.nth(1)).toContainText(ONE_LEG_NUMBNESS);
    await expect(tiers.nth(2).getByRole('heading')).toHaveText('Tell your physio at your next contact if you have:');
    await expect(tiers.nth(2)).toContainText('Pain woke me at night');
    await expect(tiers.nth(2)).toContainText(/Severe pain \(\d+ or more out of 10\) on two days running/);
  };

  await page.goto('/library/education/when-to-see-a-professional');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectGuide(page);
  await expectNoSeriousA11yViolations(page);

  // Attached to Maria's program, so her portal shows it too.
  const patient = await as(browser, 'patient', baseURL);
  try {
    await patient.page.goto('/portal/learn/when-to-see-a-professional');
    await expect(patient.page.getByTestId('article-title')).toBeVisible();
    await expectGuide(patient.page);
    await expectNoSeriousA11yViolations(patient.page);
  } finally {
    await patient.context.close();
  }
});
