// Checks the operations dashboard of a running launcher by hand: Debian's Chromium driven by
// playwright-core. (In the build, system-tests' DashboardBrowserTest drives the same page through
// dashboard-driver.mjs and also stops inventory and retries a parked saga.)
//
// Needs a running launcher whose orders see traffic (e.g. `vertx-shop.jar` and `vertx-shop.jar
// loadgen`), then: npm ci && DASHBOARD_URL=http://127.0.0.1:8080/dashboard/ ADMIN_TOKEN=... npm test
// Saves a screenshot to SCREENSHOT (default dashboard.png) after WATCH_MS more (default 0). Exits 1 with a message on a failed check.
import assert from 'node:assert/strict';
import { DashboardPage } from './dashboard-page.mjs';

const url = process.env.DASHBOARD_URL ?? 'http://127.0.0.1:8080/dashboard/';
const adminToken = process.env.ADMIN_TOKEN ?? '';
const screenshot = process.env.SCREENSHOT ?? 'dashboard.png';
const patience = Number(process.env.PATIENCE_MS ?? 30000);
// How long the page keeps following the stream before the screenshot, so that the charts have a history.
const watch = Number(process.env.WATCH_MS ?? 0);
const services = (process.env.SERVICES ?? 'orders,inventory,payments,fraud,notifications,analytics').split(',');

const page = await DashboardPage.open(url);
try {
  await page.live(patience);
  await page.servicesReady(services, patience);
  await page.breaker('orders', 'inventory', 'CLOSED', patience);
  await page.countersMove(patience);
  if (adminToken) {
    await page.loadParked(adminToken, patience);
  }
  await new Promise(resolve => setTimeout(resolve, watch));
  await page.screenshot(screenshot);
  assert.deepEqual(page.errors(), [], 'errors in the page');
  console.log(`dashboard checked at ${url}; screenshot in ${screenshot}`);
} finally {
  await page.close();
}
