// Drives the dashboard for a test running in another process (system-tests' DashboardBrowserTest),
// so that the test can change the shop between two checks of the page. One JSON command per line
// on stdin, one answer per command on stdout, in order:
//
//   {"step": "open", "url": "http://127.0.0.1:8080/dashboard/"}     ok open
//   {"step": "breaker", "service": "orders", "name": "inventory",
//    "state": "OPEN", "patience": 30000}                             fail breaker: <what the page showed>
//
// Steps: open, live, services, breaker, counters, retry-parked, screenshot, errors (see `steps`).
// The browser closes when stdin ends.
import { createInterface } from 'node:readline';
import { DashboardPage } from './dashboard-page.mjs';

let page;

const steps = {
  open: async command => { page = await DashboardPage.open(command.url); },
  live: command => page.live(command.patience),
  services: command => page.servicesReady(command.services, command.patience),
  breaker: command => page.breaker(command.service, command.name, command.state, command.patience),
  counters: command => page.countersMove(command.patience),
  'retry-parked': command => page.retryParked(command.orderId, command.token, command.patience),
  screenshot: command => page.screenshot(command.path),
  errors: async () => {
    if (page.errors().length > 0) throw new Error(`errors in the page: ${page.errors().join(' | ')}`);
  },
};

async function run(command) {
  const step = steps[command.step];
  if (!step) throw new Error(`no such step; the steps are ${Object.keys(steps).join(', ')}`);
  if (command.step !== 'open' && !page) throw new Error('the page is not open');
  return step(command);
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let command = { step: '?' };
  try {
    command = JSON.parse(line);
    const result = await run(command);
    console.log(`ok ${command.step}${result === undefined ? '' : ' ' + JSON.stringify(result)}`);
  } catch (error) {
    console.log(`fail ${command.step}: ${String(error.message).replace(/\s+/g, ' ')}`);
  }
}
await page?.close();
