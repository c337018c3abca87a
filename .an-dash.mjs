// temporary analysis helper (not committed)
import { chromium } from 'playwright';
import { writeFileSync } from 'node:fs';
const BASE = process.env.BASE ?? 'http://127.0.0.1:3500';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ baseURL: BASE });
const page = await context.newPage();
await page.goto('/login');
await page.getByLabel('Email').fill('owner@northfield.bench');
await page.getByLabel('Password').fill('loadline-bench');
await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }), page.getByRole('button', { name: 'Sign in' }).click()]);
const cookies = await context.cookies();
const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
writeFileSync('/tmp/an/cookie.txt', header);
await browser.close();
for (const [name, path] of [['mine', '/dashboard'], ['practice', '/dashboard?scope=practice']]) {
  const res = await fetch(BASE + path, { headers: { cookie: header } });
  const html = await res.text();
  writeFileSync(`/tmp/an/${name}.html`, html);
  console.log(name, res.status, html.length);
}
