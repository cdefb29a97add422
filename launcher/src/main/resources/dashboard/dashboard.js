'use strict';
// The operations dashboard: follows the snapshot stream (server-sent events) and draws it.
// Admin actions go through the dashboard's relay with the token typed in the page, which is kept
// in sessionStorage only (gone when the tab closes).

const HISTORY = 300; // points kept per chart: five minutes at one snapshot a second
const history = { outcomes: {}, latency: [], fraud: [] };
// Saga outcomes in the order the legend lists them; an outcome the page does not know is added after them.
const OUTCOMES = ['confirmed', 'rejected', 'compensated', 'parked'];
const tokenInput = document.getElementById('token');
tokenInput.value = sessionStorage.getItem('adminToken') || '';
tokenInput.addEventListener('change', () => sessionStorage.setItem('adminToken', tokenInput.value.trim()));

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach(cell => tr.appendChild(cell instanceof Node ? wrapCell(cell) : el('td', cell)));
  return tr;
}

function wrapCell(node) {
  const td = document.createElement('td');
  td.appendChild(node);
  return td;
}

function fill(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...rows);
}

function show(id, value) {
  document.getElementById(id).textContent = value === null || value === undefined ? '–' : String(value);
}

function push(series, value) {
  series.push(value === null || value === undefined ? 0 : value);
  if (series.length > HISTORY) series.shift();
}

function sparkline(svgId, series) {
  chart(svgId, { value: series });
}

// One line per series (the newest point on the right edge), all on the scale of the largest value.
function chart(svgId, seriesByName) {
  const svg = document.getElementById(svgId);
  const all = Object.values(seriesByName);
  const max = Math.max(1, ...all.flat());
  const step = 300 / Math.max(1, HISTORY - 1);
  svg.replaceChildren(...Object.entries(seriesByName).map(([name, series]) => {
    const offset = HISTORY - series.length;
    const points = series.map((v, i) => ((offset + i) * step).toFixed(1) + ',' + (58 - (v / max) * 56).toFixed(1)).join(' ');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points);
    line.setAttribute('class', 'line-' + name);
    return line;
  }));
}

// In a cluster's snapshot each row names its member ("member <id>"): shown as a short id after the name.
function where(row) {
  return row.member ? ' @' + row.member.replace(/^member /, '').slice(0, 8) : '';
}

function renderServices(services) {
  const cards = services.map(service => {
    const card = el('div', null, 'card');
    card.dataset.service = service.name;
    if (service.member) card.dataset.member = service.member;
    card.appendChild(el('strong', service.name + where(service) + ' '));
    card.appendChild(el('span', service.ready ? 'ready' : 'not ready', 'badge ' + (service.ready ? 'up' : 'down')));
    const checks = (service.checks || []).map(c => c.id + ': ' + c.status).join(', ');
    card.appendChild(el('div', checks || service.error || 'no checks', 'checks'));
    return card;
  });
  document.getElementById('services').replaceChildren(...cards);
}

function renderBreakers(breakers) {
  fill('breakers', breakers.map(b => row([
    b.service + where(b), b.name, el('span', b.state, 'badge ' + b.state), b.callsPerSecond, b.rejectedPerSecond, b.failureRate + ' %'])));
}

function renderOrders(orders) {
  const byStatus = orders.perSecondByStatus || {};
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  renderOutcomes(orders.outcomes || {});
  push(history.latency, orders.latencyMs.p95);
  sparkline('latency-chart', history.latency);
  show('orders-rate', total.toFixed(2));
  const latency = orders.latencyMs;
  show('latency-now', latency.p95 === null ? 'no requests' : 'p50 ≤ ' + latency.p50 + ', p95 ≤ ' + latency.p95 + ', p99 ≤ ' + latency.p99);
  const parts = Object.entries(byStatus).map(([code, rate]) => 'HTTP ' + code + ': ' + rate + '/s');
  show('orders-by-status', parts.length ? parts.join(' · ') : 'No order placed yet');
}

// Saga runs ended per second by outcome: a line each, and a legend with the rate now and the total.
function renderOutcomes(outcomes) {
  const names = OUTCOMES.concat(Object.keys(outcomes).filter(name => !OUTCOMES.includes(name)));
  names.forEach(name => {
    history.outcomes[name] = history.outcomes[name] || [];
    push(history.outcomes[name], outcomes[name] ? outcomes[name].perSecond : 0);
  });
  chart('outcomes-chart', history.outcomes);
  document.getElementById('outcomes-legend').replaceChildren(...names.map(name => {
    const item = el('li');
    item.dataset.outcome = name;
    item.appendChild(el('span', null, 'swatch line-' + name));
    item.appendChild(el('span', name + ' '));
    item.appendChild(el('span', outcomes[name] ? outcomes[name].perSecond : 0, 'rate value'));
    item.appendChild(el('span', '/s · total '));
    item.appendChild(el('span', outcomes[name] ? outcomes[name].total : 0, 'total'));
    return item;
  }));
}

function renderSagas(sagas) {
  const cards = Object.entries(sagas).map(([state, count]) => {
    const card = el('div', null, 'card');
    card.dataset.state = state;
    card.appendChild(el('div', state, 'muted'));
    card.appendChild(el('div', count, 'value'));
    return card;
  });
  document.getElementById('sagas').replaceChildren(...cards);
}

function renderEvents(snapshot) {
  const outbox = snapshot.outbox || {};
  show('outbox-pending', outbox.pending);
  show('outbox-age', outbox.oldestPendingAgeSeconds);
  show('outbox-rate', outbox.publishedPerSecond);
  fill('consumers', (snapshot.consumers || []).map(c => {
    const replay = el('button', 'Replay');
    replay.type = 'button';
    replay.addEventListener('click', () => admin('POST', 'admin/dead-letters/replay?service=' + encodeURIComponent(c.service)
      + '&group=' + encodeURIComponent(c.group)));
    return row([c.service, c.group, c.lag, c.retryLag, c.deadLetters, c.awaitingReplay, replay]);
  }));
}

function renderFraud(fraud) {
  push(history.fraud, fraud.checksPerSecond);
  sparkline('fraud-chart', history.fraud);
  show('fraud-rate', fraud.checksPerSecond);
  fill('fraud-decisions', Object.entries(fraud.decisions || {}).map(([key, d]) => row([key, d.total, d.perSecond])));
}

function render(snapshot) {
  show('member', snapshot.member + ' · ' + snapshot.at);
  const members = (snapshot.members || []).map(m => m.member);
  document.getElementById('member').title = members.length ? 'members: ' + members.join(', ') : '';
  renderServices(snapshot.services || []);
  if (!snapshot.metrics) return;
  renderBreakers(snapshot.breakers || []);
  renderOrders(snapshot.orders);
  renderSagas(snapshot.sagas || {});
  renderEvents(snapshot);
  renderFraud(snapshot.fraud);
}

// Sends an admin action with the token of the page; the outcome is shown in the status line unless
// `report` is false (a refresh after an action leaves that action's outcome in view).
async function admin(method, path, report = true) {
  const token = tokenInput.value.trim();
  const result = document.getElementById('action-result');
  if (!token) {
    result.textContent = 'Enter an admin token first.';
    return null;
  }
  const response = await fetch(path, { method, headers: { Authorization: 'Bearer ' + token } });
  const body = await response.json().catch(() => ({}));
  if (report || !response.ok) {
    result.textContent = method + ' ' + path + ' → ' + response.status + (response.ok ? '' : ': ' + (body.detail || body.title || ''));
  }
  return response.ok ? body : null;
}

async function loadParked(report = true) {
  const body = await admin('GET', 'admin/sagas/parked', report);
  if (!body) return;
  fill('parked', (body.sagas || []).map(saga => {
    const retry = el('button', 'Retry');
    retry.type = 'button';
    retry.addEventListener('click', async () => {
      if (await admin('POST', 'admin/sagas/' + encodeURIComponent(saga.orderId) + '/retry')) loadParked(false);
    });
    return row([saga.orderId, saga.step, saga.failureReason || saga.lastError || '', retry]);
  }));
}

document.getElementById('load-parked').addEventListener('click', () => loadParked());

const connection = document.getElementById('connection');
const events = new EventSource('events');
events.addEventListener('open', () => { connection.textContent = 'live'; connection.className = 'badge up'; });
events.addEventListener('error', () => { connection.textContent = 'reconnecting…'; connection.className = 'badge down'; });
events.addEventListener('snapshot', message => render(JSON.parse(message.data)));
