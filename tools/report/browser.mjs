// Opens report.html pages in Debian's Chromium through playwright-core, offline: every request
// but the page itself is refused and recorded. Shared by check_report.mjs and screenshot.mjs.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const chromiumPath = process.env.DCCSIM_CHROMIUM || '/usr/bin/chromium';

// Runs fn(context) in a fresh headless Chromium profile, removed afterwards.
export async function withBrowser(fn) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dccsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1000, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// Loads `file` and waits until every chart is drawn. Returns { page, problems }: console errors and
// warnings, page errors and requests that left the page (there must be none).
export async function openReport(context, file, timeoutMs = 30000) {
  const url = pathToFileURL(path.resolve(file)).href;
  const problems = [];
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    problems.push(`request left the page: ${route.request().url()}`);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  await page.waitForFunction(() => window.dccsimRendered !== undefined, null, { timeout: timeoutMs });
  await page.evaluate(() => window.dccsimRendered.then(() => true));
  return { page, problems };
}
