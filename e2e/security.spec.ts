import { readFileSync } from 'node:fs';
import { expect, test, type Page, type Response } from '@playwright/test';
import { decode, encode } from 'next-auth/jwt';
import { storageStateFor } from './fixtures';

// Security in a real browser against the production build: response headers on every kind
// of page, no Content Security Policy violation anywhere (so the nonce reaches every script),
// HTML typed into names and notes shown as text, and idle or expired sessions turned away
// by the proxy with a real, signed cookie.

const SECRET = process.env.AUTH_SECRET ?? 'e2e-only-secret-0123456789abcdef0123456789'; // as scripts/e2e-server.mjs
const SESSION_COOKIE = 'authjs.session-token';

/** Collects CSP violations and console errors about them from the moment the page opens. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...consoleErrors, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []))];
}

function expectSecurityHeaders(response: Response | null, where: string, opts: { patientData: boolean }) {
  expect(response, where).not.toBeNull();
  const h = response!.headers();
  const csp = h['content-security-policy'] ?? '';
  expect(csp, `${where}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "default-src 'self'"]) expect(csp, `${where}: ${directive}`).toContain(directive);
  expect(csp, `${where}: no unsafe-inline scripts`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(h['strict-transport-security'], `${where}: HSTS (production build)`).toMatch(/max-age=\d{7,}/);
  expect(h['x-powered-by'], where).toBeUndefined();
  if (opts.patientData) {
    expect(h['cache-control'], `${where}: cache-control`).toContain('private');
    expect(h['cache-control'], `${where}: cache-control`).toContain('no-store');
  }
}

async function nonceOf(response: Response | null) {
  return /'nonce-([^']+)'/.exec(response?.headers()['content-security-policy'] ?? '')?.[1];
}

test.describe('headers and CSP', () => {
  test('the sign-in page (anonymous) has every header and a fresh nonce on each load; its scripts carry it', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    const first = await page.goto('/login');
    expectSecurityHeaders(first, '/login', { patientData: false });
    const nonce = await nonceOf(first);
    expect(await page.locator('script[nonce]').count()).toBeGreaterThan(0);
    expect(await page.locator('script:not([nonce])').count()).toBe(0);
    const second = await page.reload();
    expect(await nonceOf(second)).not.toBe(nonce);
    // The form still works under the CSP: a wrong password and an unknown email read the same.
    await page.getByLabel('Email').fill('jo@riverside.example');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('login-error');
    await expect(error).toBeVisible();
    const wrongPassword = await error.innerText();
    await page.reload();
    await page.getByLabel('Email').fill(`nobody.${Date.now()}@riverside.example`);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(error).toHaveText(wrongPassword);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  test('staff pages: headers, no-store for patient data, and no CSP violation (charts, builder, library, admin)', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('owner') });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    expectSecurityHeaders(await page.goto('/dashboard'), '/dashboard', { patientData: true });
    expectSecurityHeaders(await page.goto('/patients?q=Lopez'), '/patients', { patientData: true });
    await page.getByRole('link', { name: /Lopez, Maria/ }).click();
    await expect(page.getByTestId('patient-name')).toContainText('Maria');
    const patientPath = new URL(page.url()).pathname;
    expectSecurityHeaders(await page.goto(patientPath), patientPath, { patientData: true });
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
    expectSecurityHeaders(await page.goto(`${patientPath}/program`), 'program builder', { patientData: true });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('program for');
    expectSecurityHeaders(await page.goto('/library'), '/library', { patientData: false });
    await page.locator('a[href^="/library/exercises/"]').first().click();
    await expect(page).toHaveURL(/\/library\/exercises\//);
    expectSecurityHeaders(await page.goto('/admin'), '/admin', { patientData: true });
    expectSecurityHeaders(await page.goto('/admin/audit'), '/admin/audit', { patientData: true });
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expectSecurityHeaders(missing, '404 page', { patientData: false });
    expect(await violations()).toEqual([]);
    await context.close();
  });

  test('portal pages: headers and no CSP violation', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('patient') });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    for (const path of ['/portal', '/portal/log', '/portal/history', '/portal/program', '/portal/learn']) {
      expectSecurityHeaders(await page.goto(path), path, { patientData: true });
      await expect(page.locator('main')).toBeVisible();
    }
    expect(await violations()).toEqual([]);
    await context.close();
  });
});

test.describe('HTML typed into names and notes is shown as text', () => {
  const token = Date.now().toString(36);
  const first = `<script>alert('xss-first')</script>`;
  const last = `<img src=x onerror=alert('xss-last')>Tok${token}`;
  const goals = `"><svg onload=alert('xss-goals')>`;
  const notes = `<b>bold?</b><script>alert('xss-notes')</script><iframe src="javascript:alert('xss-frame')"></iframe>`;
  const fullName = `${first} ${last}`;

  test('a physio creates such a patient; every staff page that names them shows the literal text and nothing runs', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('owner') });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    const violations = await watchCsp(page);

    await page.goto('/patients/new');
    await page.getByLabel('First name').fill(first);
    await page.getByLabel('Last name').fill(last);
    await page.getByLabel('Email').fill(`xss.${token}@example.org`);
    await page.getByLabel('Condition / diagnosis').fill(goals);
    await page.getByLabel('Goals').fill(goals);
    await page.getByLabel('Clinical notes').fill(notes);
    await page.getByRole('button', { name: 'Create patient' }).click();
    await expect(page.getByTestId('patient-name')).toHaveText(fullName);
    const patientPath = new URL(page.url()).pathname;

    const noInjectedElements = async (where: string) => {
      expect(await page.locator('img[src="x"]').count(), `${where}: injected <img>`).toBe(0);
      expect(await page.locator('iframe').count(), `${where}: injected <iframe>`).toBe(0);
      expect(await page.locator('b', { hasText: 'bold?' }).count(), `${where}: injected <b>`).toBe(0);
      expect(await page.locator('script:not([src])').filter({ hasText: 'xss-' }).count(), `${where}: injected <script>`).toBe(0);
    };

    // Patient page: name, condition, goals and notes.
    await expect(page.getByText(notes, { exact: true })).toBeVisible();
    await expect(page.getByText(goals, { exact: true }).first()).toBeVisible();
    await noInjectedElements('patient page');

    await page.goto(`/patients?q=Tok${token}`);
    await expect(page.getByTestId('patients-table')).toContainText(`${last}, ${first}`);
    await noInjectedElements('patients table');

    await page.goto(`${patientPath}/edit`);
    await expect(page.getByLabel('First name')).toHaveValue(first);
    await expect(page.getByLabel('Clinical notes')).toHaveValue(notes);

    await page.goto(`${patientPath}/program`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(fullName);
    await noInjectedElements('program builder');

    for (const path of ['/admin/export', '/admin/users/invite']) {
      await page.goto(path);
      await expect(page.locator('main')).toContainText(`Tok${token}`);
      await noInjectedElements(path);
    }
    await page.goto(`/admin/audit`);
    await expect(page.locator('main')).toContainText(`Tok${token}`);
    await noInjectedElements('/admin/audit');

    expect(dialogs).toEqual([]);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  test('a patient note with HTML shows as text in the portal history', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('patient') });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    const note = `${notes} ${token}`;
    await page.goto('/portal/log?tab=pain');
    const form = page.getByTestId('pain-form');
    await page.getByTestId('pain-score').locator('label').nth(3).click();
    await form.getByLabel('Notes (optional)').fill(note);
    await form.getByRole('button', { name: 'Save pain' }).click();
    await expect(page.getByTestId('pain-saved')).toContainText('Pain 3/10 saved');
    await page.goto('/portal/history');
    await expect(page.getByText(`“${note}”`)).toBeVisible();
    expect(await page.locator('iframe').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});

test.describe('session expiry through the proxy, with a real signed cookie', () => {
  /** The physio's current session claims, from the cookie the setup project stored. */
  function physioClaims(): Promise<Record<string, unknown>> {
    const state = JSON.parse(readFileSync(storageStateFor('physio'), 'utf8')) as { cookies: { name: string; value: string }[] };
    const cookie = state.cookies.find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error('no physio session cookie');
    return decode({ token: cookie.value, secret: SECRET, salt: SESSION_COOKIE }) as Promise<Record<string, unknown>>;
  }

  async function pageWith(browser: import('@playwright/test').Browser, baseURL: string, changes: Record<string, number>) {
    const claims = { ...(await physioClaims()), ...changes };
    const value = await encode({ token: claims, secret: SECRET, salt: SESSION_COOKIE, maxAge: 12 * 3600 });
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await context.addCookies([{ name: SESSION_COOKIE, value, url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
    return { context, page: await context.newPage() };
  }
  const now = () => Math.floor(Date.now() / 1000);

  test('an active session moves "last seen" forward once it is a minute old (the token is re-issued then, not on every request)', async ({ browser, baseURL }) => {
    const { context, page } = await pageWith(browser, baseURL!, { lsa: now() - 30 * 60, idl: 60 });
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/dashboard$/);
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    const refreshed = (await decode({ token: cookie.value, secret: SECRET, salt: SESSION_COOKIE })) as { lsa: number };
    expect(refreshed.lsa).toBeGreaterThan(now() - 60);
    await context.close();
  });

  test('a session idle for longer than the practice setting is turned away and its cookie cleared', async ({ browser, baseURL }) => {
    const { context, page } = await pageWith(browser, baseURL!, { lsa: now() - 61 * 60, idl: 60 });
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login$/);
    expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    await context.close();
  });

  test('a session older than the absolute lifetime is turned away even if just used', async ({ browser, baseURL }) => {
    const { context, page } = await pageWith(browser, baseURL!, { sat: now() - 13 * 3600, lsa: now() - 60, idl: 60 });
    await page.goto('/patients');
    await expect(page).toHaveURL(/\/login$/);
    await context.close();
  });
});
