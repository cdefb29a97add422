// Checks the operations dashboard in a real browser: Debian's Chromium driven by playwright-core.
//
// Needs a running launcher whose orders see traffic (e.g. `vertx-shop.jar` and `vertx-shop.jar
// loadgen`), then: npm ci && DASHBOARD_URL=http://127.0.0.1:8080/dashboard/ ADMIN_TOKEN=... npm test
// Saves a screenshot to SCREENSHOT (default dashboard.png) after WATCH_MS more (default 0). Exits 1 with a message on a failed check.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const url = process.env.DASHBOARD_URL ?? 'http://127.0.0.1:8080/dashboard/';
const adminToken = process.env.ADMIN_TOKEN ?? '';
const screenshot = process.env.SCREENSHOT ?? 'dashboard.png';
const patience = Number(process.env.PATIENCE_MS ?? 30000);
// How long the page keeps following the stream before the screenshot, so that the charts have a history.
const watch = Number(process.env.WATCH_MS ?? 0);
const services = ['orders', 'inventory', 'payments', 'fraud', 'notifications', 'analytics'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const failures = [];
  page.on('pageerror', error => failures.push(error.message));
  await page.goto(url);

  await page.locator('#connection', { hasText: 'live' }).waitFor({ timeout: patience });
  for (const service of services) {
    await page.locator(`#services [data-service="${service}"] .badge.up`).waitFor({ timeout: patience });
  }
  await page.locator('#breakers tbody tr').first().waitFor({ timeout: patience });
  const breakers = await page.locator('#breakers tbody tr').allInnerTexts();
  assert.ok(breakers.some(row => row.includes('inventory') && row.includes('CLOSED')), `breakers: ${breakers}`);

  // The counters move while orders are placed.
  await page.waitForFunction(() => Number(document.getElementById('orders-rate').textContent) > 0, null, { timeout: patience });
  await page.waitForFunction(
    () => Number(document.querySelector('#sagas [data-state="CONFIRMED"] .value')?.textContent ?? 0) > 0, null, { timeout: patience });

  if (adminToken) {
    await page.fill('#token', adminToken);
    await page.dispatchEvent('#token', 'change');
    await page.click('#load-parked');
    await page.locator('#action-result', { hasText: '→ 200' }).waitFor({ timeout: patience });
  }

  await page.waitForTimeout(watch);
  await page.screenshot({ path: screenshot, fullPage: true });
  assert.deepEqual(failures, [], 'errors in the page');
  console.log(`dashboard checked at ${url}; screenshot in ${screenshot}`);
} finally {
  await browser.close();
}
