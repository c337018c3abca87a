import { devices, expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, storageStateFor } from './fixtures';

// Issue 20, a physio's first day: a new patient's page explains every empty chart and how its
// data arrives, the patients table never calls a program of minutes "0%", chart labels stay
// readable, dates read one way, and a phone shows alerts, pain and adherence without scrolling.

test.use({ storageState: storageStateFor('physio') });

const DAY = /\b\d{1,2} [A-Z][a-z]{2} \d{4}/; // "30 Nov 2026"
const DATE_TIME = /\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/; // "30 Nov 2026, 20:53"

async function createPatient(page: Page, first: string, last: string) {
  await page.goto('/patients/new');
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Date of birth').fill('1991-06-12');
  await page.getByLabel('Email').fill(`${first.toLowerCase()}.${last.toLowerCase()}@example.org`);
  await page.getByLabel('Condition / diagnosis').fill('Patellar tendinopathy, 5k runner');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(`${first} ${last}`);
  return new URL(page.url()).pathname;
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const box = async (l: Locator) => {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  return b!;
};

test('a new patient: every empty chart says what will appear and how; the first entries bring the charts', async ({ page }) => {
  const last = `First-${Date.now().toString(36)}`;
  const patientUrl = await createPatient(page, 'Rae', last);

  await test.step('no bare axes: each chart explains itself with the next step', async () => {
    await expect(page.getByTestId('empty-pain')).toContainText('Pain appears here when Rae logs it in the portal or you log a clinic score');
    await expect(page.getByTestId('empty-pain')).toContainText('Rae has no portal login yet.');
    await expect(page.getByTestId('empty-pain').getByRole('link', { name: 'Invite Rae to the portal' })).toHaveAttribute('href', '#portal-access');
    await expect(page.getByTestId('empty-pain').getByRole('link', { name: 'Log a clinic score' })).toHaveAttribute('href', '#log-for-patient');
    await expect(page.getByTestId('empty-load')).toContainText('appears here when Rae logs a session in the portal or you log one in clinic');
    await expect(page.getByTestId('empty-load')).toContainText('21 days');
    // No "Today: acute 0 AU … ratio —" line for a patient without a single session.
    await expect(page.getByTestId('load-summary')).toHaveCount(0);
    await expect(page.getByText(/ratio —/)).toHaveCount(0);
    await expect(page.getByTestId('empty-pain-during')).toContainText('pain during');
    await expect(page.getByTestId('empty-distance')).toContainText('Weekly running distance appears here when a run is logged');
    await expect(page.getByTestId('empty-adherence')).toContainText('Adherence appears here once Rae has a home exercise program');
    await expect(page.getByTestId('empty-adherence').getByRole('link', { name: 'Build a program' })).toBeVisible();
    await expect(page.locator('.recharts-wrapper')).toHaveCount(0);
    await expect(page.getByTestId('recent-pain')).toContainText('Scores arrive when Rae logs pain in the portal (once invited) or you save a clinic score');
    await expect(page.getByTestId('recent-sessions')).toContainText('Sessions arrive when Rae logs training in the portal (once invited)');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('the actions lead somewhere: the clinic log form, the portal invite', async () => {
    await page.getByTestId('empty-pain').getByRole('link', { name: 'Log a clinic score' }).click();
    await expect(page).toHaveURL(/#log-for-patient$/);
    await expect(page.getByRole('button', { name: 'Save pain score' })).toBeInViewport();
    await page.getByTestId('empty-load').getByRole('link', { name: 'Invite Rae to the portal' }).click();
    await expect(page.getByTestId('portal-invite').getByRole('button', { name: 'Invite to the portal' })).toBeInViewport();
  });

  await test.step('"Build a program" opens the builder; a program of minutes is "too early", never 0%', async () => {
    await page.getByTestId('empty-adherence').getByRole('link', { name: 'Build a program' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('program for');
    page.once('dialog', (d) => d.accept());
    await page.getByLabel('Start from a template').selectOption('runners-low-back-phase-1');
    await expect(page.getByTestId('program-item').first()).toBeVisible();
    await page.getByRole('button', { name: 'Create program' }).click();
    await expect(page.getByTestId('current-program')).toContainText('version 1');
    // One day format and one date-time format.
    await expect(page.getByTestId('current-program')).toContainText(new RegExp(`From ${DAY.source}`));
    await expect(page.getByTestId('program-history')).toContainText(DATE_TIME);
    await expect(page.getByTestId('program-history')).not.toContainText(/\d{4}-\d{2}-\d{2}/);
    await expect(page.getByTestId('empty-adherence')).toHaveCount(0);

    await page.goto(`/patients?q=${encodeURIComponent(last)}`);
    const row = page.getByTestId('patients-table').getByRole('row').filter({ hasText: last });
    const adherence = row.locator('[data-adherence]');
    await expect(adherence).toHaveText('too early');
    await expect(adherence).toHaveAttribute('title', /Fewer than 7 program days/);
    await expect(adherence).not.toHaveClass(/amber|font-semibold/);
    await expect(row).not.toContainText('0%');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('a clinic pain score and a session bring the charts, labels clear of ticks and dots', async () => {
    await page.goto(patientUrl);
    const painForm = page.getByRole('form', { name: 'Clinic pain score' });
    await painForm.getByLabel('Pain (0–10)').selectOption('4');
    await painForm.getByRole('button', { name: 'Save pain score' }).click();
    await expect(painForm.getByRole('status')).toContainText('Pain score saved');
    const sessionForm = page.getByRole('form', { name: 'Training session' });
    await sessionForm.getByLabel('Minutes').fill('30');
    await sessionForm.getByLabel(/^Distance/).fill('5');
    await sessionForm.getByLabel('Effort (RPE 0–10)').selectOption('5');
    await sessionForm.getByLabel('Pain during').selectOption('3');
    await sessionForm.getByRole('button', { name: 'Save session' }).click();
    await expect(sessionForm.getByRole('status')).toContainText('Session saved');
    await page.reload();

    await expect(page.getByTestId('empty-pain')).toHaveCount(0);
    await expect(page.getByTestId('empty-load')).toHaveCount(0);
    await expect(page.getByTestId('empty-pain-during')).toHaveCount(0);
    await expect(page.getByTestId('empty-distance')).toHaveCount(0);
    await expect(page.getByTestId('recent-pain')).toContainText('Today');
    // One session: the line says the ratio is not there yet, and why, instead of "ratio —".
    await expect(page.getByTestId('load-summary')).toContainText('ratio not yet (it needs 21 days of sessions)');
    await expect(page.getByTestId('load-summary')).not.toContainText('—');

    // Legend names read in slate-700 (10:1), not in the bars' light fills.
    const loadChart = page.getByRole('img', { name: /Weekly session-RPE load/ });
    for (const name of ['Weekly load', 'Acute:chronic ratio (EWMA)']) {
      await expect(loadChart.locator('.recharts-legend-item-text > span', { hasText: name })).toHaveCSS('color', 'rgb(51, 65, 85)');
    }
    await expect(page.getByRole('img', { name: /Daily pain scores/ }).locator('.recharts-legend-item-text > span').first()).toHaveCSS('color', 'rgb(51, 65, 85)');
    await expectNoSeriousA11yViolations(page);
  });
});

test('on a phone the patients list shows alerts, last pain and adherence without scrolling sideways', async ({ browser }) => {
  const context = await browser.newContext({ ...devices['Pixel 7'], storageState: storageStateFor('physio') });
  const page = await context.newPage();
  await page.goto('/patients');
  const cards = page.getByTestId('patient-card');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByTestId('patients-table')).toBeHidden();
  const first = cards.first();
  for (const term of ['Alerts', 'Last pain', 'Adherence 14 d']) {
    await expect(first.getByText(term, { exact: true })).toBeInViewport();
  }
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The filters fold under one button, so the first patient's name starts on the first screen.
  const toggle = page.getByTestId('patient-filters-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toContainText('Active · Everyone · Name (ascending)');
  await expect(page.getByLabel('Sort by')).toBeHidden();
  await expect(first.getByRole('link').first()).toBeInViewport({ ratio: 1 });
  // Sorting without column headers.
  await toggle.click();
  await page.getByLabel('Sort by').selectOption('age:desc');
  await expect(page).toHaveURL(/sort=age&dir=desc|dir=desc&sort=age/);
  await expect(cards.first()).toBeVisible();
  await expect(toggle).toContainText('Age (descending)');
  // A list opened already narrowed shows its filters: it says why it is narrowed.
  await page.goto('/patients?status=discharged');
  await expect(page.getByTestId('patient-filters-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Status')).toHaveValue('discharged');
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test('chart labels: the alert level clear of the ratio ticks, the pain baseline over the dots', async ({ page }) => {
  await page.goto('/patients?q=Lopez');
  await page.getByTestId('patients-table').getByRole('link', { name: 'Lopez, Maria' }).click();
  const loadChart = page.getByRole('img', { name: /Weekly session-RPE load/ });
  const alertLabel = loadChart.locator('text', { hasText: /^alert level 1\.5$/ });
  await expect(alertLabel).toBeVisible();
  const rightTick = loadChart.locator('text.recharts-cartesian-axis-tick-value').filter({ hasText: /^1\.5$/ });
  await expect(rightTick).toHaveCount(1);
  expect(overlap(await box(alertLabel), await box(rightTick))).toBe(false);
  // Inside the plot: left of the right axis.
  expect((await box(alertLabel)).x + (await box(alertLabel)).width).toBeLessThan((await box(rightTick)).x);

  const painChart = page.getByRole('img', { name: /Daily pain scores/ });
  const baselineLabel = painChart.locator('text', { hasText: /^baseline \d/ });
  await expect(baselineLabel).toBeVisible();
  await expect(painChart.locator('.recharts-scatter-symbol').first()).toBeVisible();
  // Painted after (over) every dot, so dots never cover it.
  const drawnAfterDots = await baselineLabel.evaluate((label) =>
    [...document.querySelectorAll('.recharts-scatter-symbol')].filter((dot) => label.closest('figure')?.contains(dot)).every((dot) => Boolean(dot.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING)),
  );
  expect(drawnAfterDots).toBe(true);
});

test('one way to write a time and a role: portal sign-in, header, users table', async ({ browser, page }) => {
  await page.goto('/patients?q=Lopez');
  await page.getByTestId('patients-table').getByRole('link', { name: 'Lopez, Maria' }).click();
  // Maria signed in to the portal (auth setup): "30 Nov 2026, 20:53", not "30/11/2026".
  await expect(page.getByTestId('portal-invite')).toContainText(new RegExp(`last sign-in ${DATE_TIME.source}`));
  await expect(page.getByTestId('signed-in-as')).toContainText('Jo Lee · Physio');

  const owner = await browser.newContext({ storageState: storageStateFor('owner') });
  const ownerPage = await owner.newPage();
  await ownerPage.goto('/admin/users');
  await expect(ownerPage.getByTestId('signed-in-as')).toContainText('Sam Patel · Physio and admin');
  // Badges in the same order, physio before admin.
  const samRow = ownerPage.getByRole('row').filter({ hasText: 'sam@riverside.example' });
  await expect(samRow).toContainText(/Physio\s*Admin/);
  await owner.close();
});
