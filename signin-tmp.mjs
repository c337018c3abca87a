import { chromium } from 'playwright';
const [base, ...emails] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
for (const email of emails) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('loadline-bench');
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }), page.getByRole('button', { name: 'Sign in' }).click()]);
  const c = (await context.cookies()).find((c) => c.name.includes('session-token'));
  console.log(`${email} ${c.name}=${c.value}`);
  await context.close();
}
await browser.close();
