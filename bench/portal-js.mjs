#!/usr/bin/env node
// The patient portal's first-load JavaScript against an empty page of the same build
// (issue 19: at most 1.2 ×). Two ways to measure, both printed as gzip bytes and a ratio:
//
//   node bench/portal-js.mjs                 # from the build output (.next): the JS files each
//                                            # route's first load needs (root files + the route's
//                                            # client entries), gzipped here
//   node bench/portal-js.mjs --url=http://127.0.0.1:3193 [--email=… --password=…]
//                                            # in Chromium against a running production server:
//                                            # the script bytes the browser really transferred
//                                            # for /portal and for an empty page (a 404)
//
// The empty page is Next's not-found page: the framework and the root layout, no page code.
// The service worker's precache (downloaded in the background after the first visit, for
// offline use) is not first-load JavaScript; it is reported on its own line.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET = 1.2;
export const PORTAL_ROUTES = ['/(portal)/portal/page', '/(portal)/portal/log/page', '/(portal)/portal/history/page', '/(portal)/portal/program/page'];
const EMPTY_ROUTES = ['/_not-found/page', '/_not-found'];

/** Gzipped bytes of each route's first-load JS, from the client reference manifests of a build. */
export function firstLoadFromBuild(dir = '.next') {
  const buildManifest = JSON.parse(readFileSync(path.join(dir, 'build-manifest.json'), 'utf8'));
  const root = buildManifest.rootMainFiles ?? [];
  const gz = new Map();
  const sizeOf = (file) => {
    if (!gz.has(file)) {
      const full = path.join(dir, file.replace(/^\/?_next\//, ''));
      gz.set(file, existsSync(full) ? gzipSync(readFileSync(full)).length : 0);
    }
    return gz.get(file);
  };
  const manifests = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('_client-reference-manifest.js')) manifests.push(full);
    }
  };
  walk(path.join(dir, 'server/app'));
  const routes = {};
  for (const file of manifests) {
    const sandbox = {};
    new Function('globalThis', 'self', readFileSync(file, 'utf8'))(sandbox, sandbox);
    for (const [route, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
      const files = new Set(root);
      for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
      const js = [...files].filter((f) => f.endsWith('.js'));
      routes[route] = { files: js.length, gzipBytes: js.reduce((s, f) => s + sizeOf(f), 0) };
    }
  }
  return routes;
}

/** Bytes the service worker precaches (all hashed code and styles, the icons), gzipped. */
export function precacheBytes(dir = '.next') {
  let total = 0;
  let files = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|css|woff2)$/.test(name)) {
        total += gzipSync(readFileSync(full)).length;
        files += 1;
      }
    }
  };
  if (existsSync(path.join(dir, 'static'))) walk(path.join(dir, 'static'));
  return { files, gzipBytes: total };
}

/** The budget from the build output: each portal page against the empty page. */
export function portalJsBudget(dir = '.next') {
  const routes = firstLoadFromBuild(dir);
  const empty = EMPTY_ROUTES.map((r) => routes[r]).find(Boolean);
  if (!empty) throw new Error(`no not-found page in ${dir}: is it a production build?`);
  const pages = Object.fromEntries(PORTAL_ROUTES.filter((r) => routes[r]).map((r) => [r, { ...routes[r], ratio: Math.round((routes[r].gzipBytes / empty.gzipBytes) * 100) / 100 }]));
  const worst = Math.max(...Object.values(pages).map((p) => p.ratio));
  return { emptyGzipBytes: empty.gzipBytes, pages, worstRatio: worst, withinBudget: worst <= BUDGET, precache: precacheBytes(dir) };
}

/** Script bytes transferred (encoded, as on the wire, headers included) by Chromium for one page load, from the DevTools protocol. */
async function transferredScripts(page, cdp, url) {
  const scripts = new Set();
  const bytes = new Map();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  await page.goto(url, { waitUntil: 'networkidle' });
  const sizes = [...scripts].map((id) => bytes.get(id) ?? 0);
  return { files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** The budget as a browser pays it: /portal against a 404 page, each on a fresh cache, same session. */
export async function portalJsInChromium(base, email, password) {
  const { chromium } = await import('@playwright/test');
  const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath: systemChromium, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    // No service worker: it would answer repeat loads from its cache and precache in the background.
    const context = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: { 'Accept-Encoding': 'gzip' } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/portal$/);
    const measure = async (url) => {
      const fresh = await context.newPage();
      const cdp = await context.newCDPSession(fresh);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const result = await transferredScripts(fresh, cdp, url);
      await fresh.close();
      return result;
    };
    const empty = await measure(`${base}/no-such-page-${Date.now()}`);
    const portal = await measure(`${base}/portal`);
    return { empty, portal, ratio: Math.round((portal.bytes / empty.bytes) * 100) / 100 };
  } finally {
    await browser.close();
  }
}

const kb = (b) => `${(b / 1024).toFixed(1)} kB`;

export function printBudget(budget, log = console.log) {
  log(`portal first-load JS (gzip, build output): empty page ${kb(budget.emptyGzipBytes)}; budget ×${BUDGET}`);
  for (const [route, p] of Object.entries(budget.pages)) log(`  ${route.padEnd(32)} ${kb(p.gzipBytes).padStart(9)}  ×${p.ratio}${p.ratio > BUDGET ? '  OVER BUDGET' : ''}`);
  log(`  service worker precache (background, after the first visit): ${budget.precache.files} files, ${kb(budget.precache.gzipBytes)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k, v ?? true]; }));
  const budget = portalJsBudget();
  printBudget(budget);
  let over = !budget.withinBudget;
  if (typeof args.url === 'string') {
    const measured = await portalJsInChromium(args.url.replace(/\/$/, ''), args.email ?? 'maria@patients.example', args.password ?? 'loadline-demo');
    console.log(`portal first-load JS (Chromium, transferred): empty page ${kb(measured.empty.bytes)} (${measured.empty.files} scripts), /portal ${kb(measured.portal.bytes)} (${measured.portal.files} scripts)  ×${measured.ratio}`);
    over ||= measured.ratio > BUDGET;
  }
  process.exitCode = over ? 1 : 0;
}
