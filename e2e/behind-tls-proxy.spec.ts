import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { generate } from 'selfsigned';
import { DEMO, DEMO_PASSWORD } from './fixtures';

// Deployed as the README describes: browsers speak HTTPS to a proxy that ends TLS and forwards
// plain HTTP to the app with X-Forwarded-Proto: https. Auth.js then names the session cookie
// `__Secure-authjs.session-token` (Secure, HttpOnly); proxy.ts reads it through Auth.js and pages,
// route handlers and server actions read it themselves (claimsFromCookieHeader), each choosing
// the cookie's name from the forwarded protocol. This checks that all of them agree behind such
// a proxy: sign-in, pages, a server action, a route handler and sign-out, and that the same
// cookie sent to the app over plain HTTP without the proxy is no session anywhere.

let proxy: https.Server;
let origin = '';
let app: URL;

test.beforeAll(async ({}, testInfo) => {
  app = new URL(testInfo.project.use.baseURL ?? 'http://127.0.0.1:3100');
  // A certificate made for this run; the browser contexts below accept it (ignoreHTTPSErrors).
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  proxy = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const upstream = http.request(
      {
        host: app.hostname,
        port: app.port,
        method: request.method,
        path: request.url,
        // The Host header stays the proxy's, as a load balancer keeps it.
        headers: { ...request.headers, 'x-forwarded-proto': 'https', 'x-forwarded-for': request.socket.remoteAddress ?? '127.0.0.1' },
      },
      (answer) => {
        // rawHeaders keeps every Set-Cookie line as the app sent it.
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

async function signInThroughProxy(page: Page, email: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('behind a TLS-terminating proxy: the secure session cookie works for pages, actions, routes and sign-out, and nowhere without the proxy', async ({ browser }) => {
  const physio = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await physio.newPage();

  await test.step('sign-in sets the __Secure- session cookie, Secure and HttpOnly', async () => {
    await signInThroughProxy(page, DEMO.physio);
    await expect(page).toHaveURL(`${origin}/dashboard`);
    const cookies = await physio.cookies(origin);
    const session = cookies.find((c) => c.name === '__Secure-authjs.session-token');
    expect(session, cookies.map((c) => c.name).join(', ')).toBeDefined();
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.map((c) => c.name)).not.toContain('authjs.session-token');
  });

  await test.step('pages and a route handler accept it', async () => {
    await page.goto(`${origin}/patients`);
    await expect(page).toHaveURL(`${origin}/patients`);
    await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
    const check = await physio.request.get(`${origin}/api/session-check`, { maxRedirects: 0 });
    expect(check.status()).toBe(204);
  });

  const cookieHeader = (await physio.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  // What the proxy forwards for this browser, sent straight to the app (used again after sign-out).
  const asForwarded = () => fetch(new URL('/api/session-check', app), { headers: { cookie: cookieHeader, 'x-forwarded-proto': 'https' }, redirect: 'manual' });
  expect((await asForwarded()).status).toBe(204);

  await test.step('the same cookie sent to the app over plain HTTP, without the proxy, is no session', async () => {
    for (const path of ['/dashboard', '/api/session-check']) {
      const direct = await fetch(new URL(path, app), { headers: { cookie: cookieHeader }, redirect: 'manual' });
      expect(direct.status, path).toBe(307);
      expect(new URL(direct.headers.get('location') ?? '', app).pathname, path).toBe('/login');
    }
  });

  await test.step('a patient logs pain through the proxy (a server action reading the secure cookie)', async () => {
    const patient = await browser.newContext({ ignoreHTTPSErrors: true });
    const portal = await patient.newPage();
    await signInThroughProxy(portal, DEMO.patient);
    await expect(portal).toHaveURL(`${origin}/portal`);
    await portal.goto(`${origin}/portal/log`);
    const form = portal.getByTestId('pain-form');
    await portal.getByTestId('pain-score').locator('label').nth(2).click();
    await expect(portal.getByTestId('pain-score-readout')).toContainText('2/10');
    await form.getByLabel('Notes (optional)').fill(`Behind the proxy ${Date.now().toString(36)}`);
    await form.getByRole('button', { name: 'Save pain' }).click();
    await expect(portal.getByTestId('pain-saved')).toContainText('Pain 2/10 saved');
    await patient.close();
  });

  await test.step('sign-out through the proxy ends the session: a copy of the cookie is refused', async () => {
    await page.goto(`${origin}/dashboard`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(`${origin}/login`);
    // The token itself still decrypts (proxy.ts lets it through); the session row is revoked,
    // so the route refuses it (401), as it would any signed-out session.
    expect((await asForwarded()).status).toBe(401);
  });

  await physio.close();
});
