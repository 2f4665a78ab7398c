// The notifier's dashboard: recent results (history from GET /api/results, then live from the
// WebSocket /ws/results, or the server-sent events of GET /api/results/stream where a WebSocket cannot
// connect), the analysis stage's analyses and key pool from the same feed, counters from GET /api/summary
// and the throughput chart from GET /api/summary/throughput. Plain JavaScript, no build step.
'use strict';

const KEPT_ROWS = 1000;   // results kept in the page
const SHOWN_ROWS = 200;   // results shown in the table
const HISTORY_ROWS = 200; // results loaded from the processing log on open and on a filter change
const SUMMARY_EVERY_MS = 2000;
const SHOWN_ANALYSES = 100; // files whose latest analysis is shown
const RECONNECT_MS = 2000;

const state = { rows: [], keys: new Set(), status: '', prefix: '', dirty: false };
const $ = (id) => document.getElementById(id);

// ---------- results ----------

function rowKey(result) {
  return result.task_id
    ? `${result.task_id}|${result.status}`
    : `${result.file_key}|${result.status}|${result.timestamp}`;
}

function finishedAt(result) {
  return result.timestamp ? Date.parse(result.timestamp) : 0;
}

function add(results) {
  for (const result of results) {
    const key = rowKey(result);
    if (!state.keys.has(key)) {
      state.keys.add(key);
      state.rows.push(result);
      state.dirty = true;
    }
  }
  if (state.dirty) {
    requestAnimationFrame(render);
  }
}

function matches(result) {
  return (!state.status || result.status === state.status)
    && (!state.prefix || (result.file_key || '').startsWith(state.prefix));
}

function render() {
  if (state.dirty) {
    state.rows.sort((a, b) => finishedAt(b) - finishedAt(a));
    for (const dropped of state.rows.splice(KEPT_ROWS)) {
      state.keys.delete(rowKey(dropped));
    }
    state.dirty = false;
  }
  const visible = state.rows.filter(matches);
  const shown = visible.slice(0, SHOWN_ROWS);
  document.querySelector('#results tbody').innerHTML = shown.map(rowHtml).join('');
  $('empty').hidden = shown.length > 0;
  $('shown').textContent = visible.length > shown.length
    ? `newest ${shown.length} of ${visible.length} shown`
    : `${shown.length} shown`;
}

function rowHtml(r) {
  const finished = r.timestamp ? new Date(r.timestamp) : null;
  const error = r.status === 'failed'
    ? (r.error_code ? `<code>${esc(r.error_code)}</code>` : '') + esc(r.error || '')
    : '';
  return `<tr data-status="${esc(r.status)}" data-task-id="${esc(r.task_id || '')}">`
    + `<td class="time" title="${finished ? esc(finished.toISOString()) : ''}">${finished ? esc(clock(finished)) : '–'}</td>`
    + `<td><span class="badge ${r.status === 'success' ? 'success' : 'failed'}">${esc(r.status)}</span></td>`
    + `<td class="key" title="${esc(objectPath(r))}">${esc(r.file_key || '')}</td>`
    + `<td class="num">${size(r.input_size)}</td>`
    + `<td class="num">${size(r.output_size)}</td>`
    + `<td class="num">${duration(r.processing_time)}</td>`
    + `<td class="worker">${esc(r.worker_id || '')}</td>`
    + `<td class="error">${error}</td>`
    + '</tr>';
}

function objectPath(r) {
  const source = `${r.bucket || '?'}/${r.file_key || ''}`;
  return r.dest_key ? `${source} → ${r.dest_bucket || '?'}/${r.dest_key}` : source;
}

async function loadHistory() {
  const query = new URLSearchParams({ limit: String(HISTORY_ROWS) });
  if (state.status) query.set('status', state.status);
  if (state.prefix) query.set('prefix', state.prefix);
  try {
    const response = await fetch(`api/results?${query}`);
    if (response.status === 404) {
      note('History is kept by the database sink, which is off: only results that arrive while this page is open are shown.');
      return;
    }
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    note('');
    add(await response.json());
  } catch (error) {
    note(`Could not load the history (${error.message}); live results still appear.`);
  }
}

function note(text) {
  $('note').textContent = text;
  $('note').hidden = !text;
}

// ---------- analyses and key pool ----------

const analyses = new Map(); // file key -> its latest analysis

function addAnalysis(a) {
  const key = a.file_key || a.task_id || '';
  const known = analyses.get(key);
  if (!known || analyzedAt(a) >= analyzedAt(known)) {
    analyses.set(key, a);
    requestAnimationFrame(renderAnalyses);
  }
}

function analyzedAt(a) {
  return a.analyzed_at ? Date.parse(a.analyzed_at) : 0;
}

function renderAnalyses() {
  const newest = [...analyses.values()].sort((a, b) => analyzedAt(b) - analyzedAt(a));
  for (const dropped of newest.splice(KEPT_ROWS)) {
    analyses.delete(dropped.file_key || dropped.task_id || '');
  }
  const shown = newest.slice(0, SHOWN_ANALYSES);
  $('analyses-panel').hidden = shown.length === 0;
  document.querySelector('#analyses tbody').innerHTML = shown.map(analysisHtml).join('');
  $('analyses-shown').textContent = newest.length > shown.length
    ? `newest ${shown.length} of ${newest.length} files shown`
    : `${shown.length} files`;
}

function analysisHtml(a) {
  const at = a.analyzed_at ? new Date(a.analyzed_at) : null;
  const answer = a.status === 'success'
    ? esc(a.preview || '')
    : (a.error_code ? `<code>${esc(a.error_code)}</code>` : '') + esc(a.error || '');
  return `<tr data-status="${esc(a.status || '')}" data-task-id="${esc(a.task_id || '')}">`
    + `<td class="time" title="${at ? esc(at.toISOString()) : ''}">${at ? esc(clock(at)) : '–'}</td>`
    + `<td><span class="badge ${a.status === 'success' ? 'success' : 'failed'}">${esc(a.status || '?')}</span></td>`
    + `<td class="key" title="${esc(`${a.bucket || '?'}/${a.file_key || ''}`)}">${esc(a.file_key || '')}</td>`
    + `<td class="worker">${esc(a.model || '')}</td>`
    + `<td class="worker">${esc(a.key_id || '–')}</td>`
    + `<td class="num">${a.latency_ms === undefined ? '–' : duration(a.latency_ms / 1000)}</td>`
    + `<td class="${a.status === 'success' ? 'answer' : 'error'}">${answer}</td>`
    + '</tr>';
}

function renderKeyPool(pool) {
  const keys = pool.keys || [];
  $('key-pool-panel').hidden = (pool.workers || []).length === 0;
  $('key-pool-meta').textContent = `${pool.workers.length} analysis worker${pool.workers.length === 1 ? '' : 's'}`
    + (pool.updated_at ? ` · as of ${clock(new Date(pool.updated_at))}` : '');
  document.querySelector('#key-pool tbody').innerHTML = keys.map((k) => `<tr data-key-id="${esc(k.key_id)}">`
    + `<td class="key">${esc(k.key_id)}</td>`
    + `<td><span class="badge ${k.state === 'active' ? 'success' : k.state === 'cooling' ? 'cooling' : 'failed'}">${esc(k.state || '?')}</span></td>`
    + `<td class="num">${k.priority === undefined ? '–' : k.priority}</td>`
    + `<td class="num">${k.in_flight}</td>`
    + `<td class="num">${k.requests_per_minute}</td>`
    + `<td class="time">${k.cooling_until && Date.parse(k.cooling_until) > Date.now() ? esc(clock(new Date(k.cooling_until))) : '–'}</td>`
    + `<td class="num">${k.success_rate === undefined ? '–' : `${(100 * k.success_rate).toFixed(1)} %`}</td>`
    + `<td class="num">${k.workers}</td>`
    + '</tr>').join('');
}

// ---------- live feed ----------

function received(type, data) {
  if (type === 'connected') online();
  else if (type === 'result') add([data]);
  else if (type === 'analysis') addAnalysis(data);
  else if (type === 'key_pool') renderKeyPool(data);
}

function online() {
  connection('live', 'live');
  loadHistory(); // also fills what was missed while reconnecting
}

// The WebSocket; a browser or proxy that cannot open one at all gets the server-sent events instead.
function connect() {
  const address = new URL('ws/results', window.location.href);
  address.protocol = address.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(address);
  let opened = false;
  socket.onopen = () => {
    opened = true; // 'live' once the feed's 'connected' frame says that nothing is missed any more
  };
  socket.onmessage = (message) => {
    const frame = JSON.parse(message.data);
    received(frame.type, frame.data);
  };
  socket.onclose = () => {
    if (opened) {
      connection('reconnecting', 'reconnecting…');
      setTimeout(connect, RECONNECT_MS);
    } else {
      connectEventStream();
    }
  };
}

function connectEventStream() {
  const source = new EventSource('api/results/stream');
  for (const type of ['result', 'analysis', 'key_pool']) {
    source.addEventListener(type, (event) => received(type, JSON.parse(event.data)));
  }
  source.onopen = online;
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      connection('offline', 'offline, retrying…');
      setTimeout(connect, 5000);
    } else {
      connection('reconnecting', 'reconnecting…');
    }
  };
}

function connection(kind, text) {
  $('connection').className = `connection ${kind}`;
  $('connection').textContent = text;
}

// ---------- counters and chart ----------

async function refreshSummary() {
  try {
    const [summary, throughput] = await Promise.all([
      fetch('api/summary').then((r) => r.json()),
      fetch('api/summary/throughput').then((r) => r.json()),
    ]);
    $('count-succeeded').textContent = number(summary.succeeded);
    $('count-failed').textContent = number(summary.failed);
    $('count-total').textContent = number(summary.total);
    $('rate-last-minute').textContent = summary.last_minute_files_per_second.toFixed(2);
    $('failure-rate').textContent = summary.total ? `${(100 * summary.failed / summary.total).toFixed(1)} %` : '–';
    $('since').textContent = `Counted since the notifier started at ${stamp(new Date(summary.started_at))}`
      + (summary.last_result_at ? `; last result at ${clock(new Date(summary.last_result_at))}.` : '.');
    drawThroughput(throughput);
  } catch (error) {
    $('since').textContent = `Could not load the counters (${error.message}).`;
  }
}

function drawThroughput(throughput) {
  const buckets = throughput.buckets;
  const peak = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed));
  const width = 600 / buckets.length;
  const height = 120;
  $('throughput-chart').innerHTML = buckets.map((b, i) => {
    const ok = (b.succeeded / peak) * (height - 4);
    const failed = (b.failed / peak) * (height - 4);
    const x = (i * width + 1).toFixed(1);
    const w = Math.max(1, width - 2).toFixed(1);
    const title = `<title>${clock(new Date(b.start))}: ${b.succeeded} succeeded, ${b.failed} failed</title>`;
    return `<g>${title}`
      + `<rect class="success" x="${x}" y="${(height - ok).toFixed(1)}" width="${w}" height="${ok.toFixed(1)}"></rect>`
      + `<rect class="failed" x="${x}" y="${(height - ok - failed).toFixed(1)}" width="${w}" height="${failed.toFixed(1)}"></rect>`
      + '</g>';
  }).join('');
  $('throughput-peak').textContent = `· peak ${peak} per ${throughput.bucket_seconds} s`;
}

// ---------- filters ----------

function readFiltersFromAddress() {
  const query = new URLSearchParams(window.location.search);
  state.status = ['success', 'failed'].includes(query.get('status')) ? query.get('status') : '';
  state.prefix = query.get('prefix') || '';
  $('status-filter').value = state.status;
  $('prefix-filter').value = state.prefix;
}

function applyFilters() {
  state.status = $('status-filter').value;
  state.prefix = $('prefix-filter').value.trim();
  const query = new URLSearchParams();
  if (state.status) query.set('status', state.status);
  if (state.prefix) query.set('prefix', state.prefix);
  history.replaceState(null, '', query.toString() ? `?${query}` : window.location.pathname);
  render();
  loadHistory(); // older results that match the new filter
}

let prefixTimer;
function watchFilters() {
  $('status-filter').addEventListener('change', applyFilters);
  $('prefix-filter').addEventListener('input', () => {
    clearTimeout(prefixTimer);
    prefixTimer = setTimeout(applyFilters, 250);
  });
  $('filters').addEventListener('submit', (event) => event.preventDefault());
}

// ---------- formatting ----------

function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function clock(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function stamp(date) {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  return `${day} ${clock(date)}`;
}

function number(n) {
  return Number(n).toLocaleString();
}

function size(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

// ---------- start ----------

readFiltersFromAddress();
watchFilters();
render();
connect();
refreshSummary();
setInterval(refreshSummary, SUMMARY_EVERY_MS);
