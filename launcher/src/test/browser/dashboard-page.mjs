// The operations dashboard as a test sees it: a page in Debian's Chromium, driven by playwright-core,
// with one method per check. Each check waits, up to `patience` ms, until the page shows what it
// expects, and throws with what the page showed instead. No browser is downloaded: Chromium is the
// system's own (CHROMIUM, default /usr/bin/chromium).
import { chromium } from 'playwright-core';

// Headless, no sandbox (tests run as root in containers), and nothing that phones home or updates.
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
];

export class DashboardPage {
  #browser;
  #page;
  #errors = [];

  constructor(browser, page) {
    this.#browser = browser;
    this.#page = page;
    page.on('pageerror', error => this.#errors.push(error.message));
  }

  /** Opens `url` in a fresh browser (Playwright gives each launch a new, empty profile). */
  static async open(url, { executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium', width = 1400, height = 800 } = {}) {
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width, height } });
      const dashboard = new DashboardPage(browser, page);
      await page.goto(url);
      return dashboard;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** The page follows the snapshot stream. */
  async live(patience) {
    await this.#page.locator('#connection', { hasText: 'live' }).waitFor({ timeout: patience });
  }

  /** Each of `services` is listed as ready. */
  async servicesReady(services, patience) {
    for (const service of services) {
      await this.#page.locator(`#services [data-service="${service}"] .badge.up`).waitFor({ timeout: patience });
    }
  }

  /** The breaker `name` of `service` shows `state` (CLOSED, OPEN, HALF_OPEN). */
  async breaker(service, name, state, patience) {
    await this.#until(patience, () => this.#breakerRows(),
      rows => rows.some(row => row[0] === service && row[1] === name && row[2] === state), `breaker ${service}/${name} ${state}`);
  }

  /**
   * Orders are placed and confirmed while the page looks: orders per second and confirmed sagas per
   * second above 0, and the confirmed total and the CONFIRMED saga count grow past what they were.
   */
  async countersMove(patience) {
    const before = await this.#counters();
    return this.#until(patience, () => this.#counters(),
      now => now.placedPerSecond > 0 && now.confirmedPerSecond > 0 && now.confirmedTotal > before.confirmedTotal
        && now.confirmedSagas > before.confirmedSagas, `counters moving from ${JSON.stringify(before)}`);
  }

  /** As an operator would: types `token` in the admin token field and loads the parked sagas (200). */
  async loadParked(token, patience) {
    const page = this.#page;
    await page.fill('#token', token);
    await page.dispatchEvent('#token', 'change');
    await page.click('#load-parked');
    await page.locator('#action-result', { hasText: 'admin/sagas/parked → 200' }).waitFor({ timeout: patience });
  }

  /**
   * Loads the parked sagas with `token`, finds the one of `orderId` and presses its Retry button:
   * the retry is accepted (202) and the saga leaves the parked list.
   */
  async retryParked(orderId, token, patience) {
    const page = this.#page;
    await this.loadParked(token, patience);
    const row = page.locator('#parked tbody tr', { hasText: orderId });
    await row.waitFor({ timeout: patience });
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.locator('#action-result', { hasText: `${orderId}/retry → 202` }).waitFor({ timeout: patience });
    await row.waitFor({ state: 'detached', timeout: patience });
  }

  /** The whole page as a PNG at `path`. */
  async screenshot(path) {
    await this.#page.screenshot({ path, fullPage: true });
  }

  /** Script errors the page raised so far. */
  errors() {
    return [...this.#errors];
  }

  async close() {
    await this.#browser.close();
  }

  #breakerRows() {
    return this.#page.locator('#breakers tbody tr').evaluateAll(rows =>
      rows.map(row => [...row.cells].map(cell => cell.textContent.trim())));
  }

  #counters() {
    return this.#page.evaluate(() => {
      const number = selector => Number(document.querySelector(selector)?.textContent ?? 0) || 0;
      return {
        placedPerSecond: number('#orders-rate'),
        confirmedPerSecond: number('#outcomes-legend [data-outcome="confirmed"] .rate'),
        confirmedTotal: number('#outcomes-legend [data-outcome="confirmed"] .total'),
        confirmedSagas: number('#sagas [data-state="CONFIRMED"] .value'),
      };
    });
  }

  /** Reads the page with `read` every 250 ms until `accepts` the reading; throws after `patience` ms with the last one. */
  async #until(patience, read, accepts, what) {
    const deadline = Date.now() + patience;
    let last;
    for (;;) {
      last = await read();
      if (accepts(last)) {
        return last;
      }
      if (Date.now() >= deadline) {
        throw new Error(`${what}: not seen within ${patience} ms; the page shows ${JSON.stringify(last)}`);
      }
      await this.#page.waitForTimeout(250);
    }
  }
}
