// Browser tests of the web UI against the real all-in-one server jar (OVPO_DEMO=true), driven by
// playwright-core on the system's Chromium. Usage: npm run e2e [-- --screenshots]
//   OVPO_SERVER_JAR   the jar (default ../apps/server/target/ovpo-server.jar)
//   CHROMIUM          the browser (default /usr/bin/chromium)
// --screenshots writes one PNG per view into docs/screenshots/ (else into ui/test-results/).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { bigTrace, BLOCKS, CHUNKS, FPS, STEPS } from './bigtrace.mjs';
import { apiClient, startServer, waitFor } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const jar = process.env.OVPO_SERVER_JAR
  ? path.resolve(process.cwd(), process.env.OVPO_SERVER_JAR)
  : path.join(repo, 'apps/server/target/ovpo-server.jar');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(browserPath)) {
  console.error(`No browser at ${browserPath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM.`);
  process.exit(1);
}
const shotsDir = process.argv.includes('--screenshots')
  ? path.join(repo, 'docs/screenshots')
  : path.join(here, '../test-results');
mkdirSync(shotsDir, { recursive: true });

const results = [];
const check = (cond, message) => {
  if (!cond) throw new Error(message);
};
const near = (a, b, tol, what) => check(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);

const server = await startServer(jar, process.env.E2E_VERBOSE ? (s) => process.stdout.write(s) : undefined);
const api = apiClient(server.base, server.key);
const profile = mkdtempSync(path.join(tmpdir(), 'ovpo-ui-e2e-'));
let context;
try {
  // Data: the six demo jobs (sent by the server itself) plus one 10,000-span trace.
  const big = bigTrace();
  for (const b of big.batches) await api.ingest(b);
  await waitFor(
    'the demo traces to settle',
    async () => {
      const l = await api.get('/v1/traces?limit=200');
      return l.data.length >= 7 && l.data.every((t) => !['PENDING', 'RUNNING'].includes(t.status)) && l;
    },
    90_000,
  );
  // Until reconciliation has run on the stored frames (spec 04 §7.2, about a second after the
  // last store), a trace reported COMPLETED can still show PARTIAL; the filters test needs it settled.
  await waitFor('the big trace to be stored and reconciled', async () => {
    const d = await api.get(`/v1/traces/${big.traceId}?events_limit=1`);
    return d.spans.length === 10_000 && d.summary.event_count === 5_000 && d.trace.status === 'COMPLETED';
  });
  const all = (await api.get('/v1/traces?limit=200')).data;
  const demo = all.filter((t) => t.trace_id !== big.traceId);
  const failed = demo.find((t) => t.status === 'FAILED');
  const partial = demo.find((t) => t.status === 'PARTIAL');
  const completed = demo.filter((t) => t.status === 'COMPLETED');

  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The demo's artifacts are references only (no bytes were uploaded): their signed downloads
    // answer 404, which the UI shows as "preview unavailable". Anything else is a real error.
    if ((m.location()?.url ?? '').includes('/v1/artifacts/download')) return;
    consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const responses = new Map();
  page.on('response', (r) => responses.set(new URL(r.url()).pathname, r.headers()));

  const url = (p) => server.base + p;
  const rowCount = () => page.$eval('[data-testid=waterfall]', (e) => Number(e.dataset.rowCount));
  const domRows = () => page.$$eval('[data-testid=wf-row]', (r) => r.length);

  async function test(name, fn) {
    const t = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t });
      console.log(`  ✓ ${name} (${Date.now() - t} ms)`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - t, error: e });
      console.log(`  ✗ ${name}\n      ${String(e.stack ?? e).split('\n').slice(0, 4).join('\n      ')}`);
      await page.screenshot({ path: path.join(here, '../test-results', `failed-${results.length}.png`) }).catch(() => {});
    }
  }
  mkdirSync(path.join(here, '../test-results'), { recursive: true });

  console.log(`UI e2e against ${server.base} (${jar})`);

  await test('API key is entered once, kept in sessionStorage and never put in a URL', async () => {
    await page.goto(url('/traces'));
    await page.fill('[data-testid=api-key]', server.key);
    await page.click('[data-testid=api-key-submit]');
    await page.waitForSelector('[data-testid=trace-row]');
    check(!page.url().includes(server.key), 'key in the page URL');
    check(requests.every((r) => !r.includes(server.key)), 'key in a request URL');
    check((await page.evaluate(() => sessionStorage.getItem('ovpo.apiKey'))) === server.key, 'key not in sessionStorage');
    check((await page.evaluate(() => localStorage.length)) === 0, 'something in localStorage');
  });

  await test('the SPA is served with relative assets and cache headers', async () => {
    const index = responses.get('/traces');
    check(index?.['cache-control'] === 'no-cache', `index.html cache-control ${index?.['cache-control']}`);
    const asset = [...responses.entries()].find(([p]) => p.startsWith('/assets/') && p.endsWith('.js'));
    check(asset, 'no /assets/*.js response');
    check(asset[1]['cache-control'].includes('immutable'), `asset cache-control ${asset[1]['cache-control']}`);
    const api404 = await fetch(url('/v1/nothing-here'), { headers: { Authorization: `Bearer ${server.key}` } });
    check(api404.status === 404 && (await api404.json()).error.code === 'NOT_FOUND', '/v1 unknown path is not the JSON 404');
    check((await fetch(url('/health'))).headers.get('content-type').includes('json'), '/health shadowed');
  });

  await test('trace list: filters are mirrored in the URL and in the request', async () => {
    await page.goto(url('/traces'));
    await page.waitForSelector('[data-testid=trace-row]');
    requests.length = 0;
    await page.click('[data-testid=status-COMPLETED]');
    await page.waitForURL(/status=COMPLETED/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=trace-row] .badge')].every((b) => b.textContent === 'COMPLETED'));
    check(requests.some((r) => r.includes('/v1/traces?') && new URL(r).searchParams.get('status') === 'COMPLETED'), 'status not in the request');
    await page.fill('[data-testid=filter-tags]', 'project:e2e-big');
    await page.click('[data-testid=filter-apply]');
    await page.waitForURL(/tag=project%3Ae2e-big/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=trace-row]').length === 1);
    const ids = await page.$$eval('[data-testid=trace-row]', (r) => r.map((x) => x.dataset.traceId));
    check(ids[0] === big.traceId, `tag filter row ${ids}`);
    check(requests.some((r) => new URL(r).searchParams.getAll('tag').includes('project:e2e-big')), 'tag not in the request');
    await page.reload();
    await page.waitForSelector('[data-testid=trace-row]');
    check((await page.isChecked('[data-testid=status-COMPLETED]')) && (await page.inputValue('[data-testid=filter-tags]')) === 'project:e2e-big', 'filters not restored from the URL');
  });

  await test('load more adds the next page by cursor, without duplicates', async () => {
    requests.length = 0;
    await page.goto(url('/traces?limit=3'));
    await page.waitForSelector('[data-testid=load-more]');
    check((await page.$$('[data-testid=trace-row]')).length === 3, 'first page is not 3 rows');
    for (let expected = 6; ; expected += 3) {
      await page.click('[data-testid=load-more]');
      const want = Math.min(expected, all.length);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=trace-row]').length === n, want);
      if (want === all.length) break;
    }
    const ids = await page.$$eval('[data-testid=trace-row]', (r) => r.map((x) => x.dataset.traceId));
    check(new Set(ids).size === ids.length, 'duplicate rows');
    check(JSON.stringify(ids) === JSON.stringify(all.map((t) => t.trace_id)), 'rows differ from the API order');
    check(requests.some((r) => r.includes('cursor=')) && !requests.some((r) => r.includes('offset=')), 'no cursor / an offset');
    await page.waitForSelector('[data-testid=duration-scatter] canvas');
    await page.screenshot({ path: path.join(shotsDir, 'trace-list.png') });
  });

  let interactiveMs = -1;
  let timing = '';
  await test('10,000 spans and 5,000 frame events: interactive in < 2 s with <= 200 rows in the DOM', async () => {
    await page.goto(url('/traces'));
    await page.waitForSelector('[data-testid=trace-row]');
    const t0 = Date.now();
    const response = page.waitForResponse((r) => r.url().includes(`/v1/traces/${big.traceId}`));
    await page.click(`[data-trace-id="${big.traceId}"] a`);
    await (await response).finished();
    const tResponse = Date.now() - t0;
    await page.waitForSelector('[data-testid=wf-row]');
    const tRows = Date.now() - t0;
    await page.click('[data-testid=collapse-all]');
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]')?.dataset.rowCount === '1');
    interactiveMs = Date.now() - t0;
    timing = `API response ${tResponse} ms, rows painted ${tRows} ms, collapse-all done ${interactiveMs} ms`;
    await page.click('[data-testid=expand-all]');
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]')?.dataset.rowCount === '10000');
    // The UI's own part (parse, tree, first rows, collapse) must take < 2 s; the server's time to
    // send the 5 MB trace is reported, not asserted, because a loaded CI machine can slow the JVM
    // alone past 2 s (docs/benchmarks.md has the figures of a quiet run).
    console.log(`    timing: ${timing}`);
    check(interactiveMs - tResponse < 2000, timing);
    const n = await domRows();
    check(n > 0 && n <= 200, `${n} rows in the DOM`);
    await page.$eval('[data-testid=wf-scroll]', (e) => (e.scrollTop = e.scrollHeight / 2));
    await page.waitForTimeout(100);
    const n2 = await domRows();
    check(n2 > 0 && n2 <= 200, `${n2} rows in the DOM after scrolling`);
  });

  await test('bar positions and widths match start and duration within 1 px', async () => {
    await page.$eval('[data-testid=wf-scroll]', (e) => (e.scrollTop = 0));
    await page.waitForTimeout(50);
    const bars = await page.$$eval('[data-testid=wf-row]', (rows) =>
      rows.map((r) => {
        const bar = r.querySelector('[data-testid=wf-bar]').getBoundingClientRect();
        const track = r.querySelector('.wf-track').getBoundingClientRect();
        return { id: r.dataset.spanId, left: bar.left - track.left, width: bar.width, track: track.width };
      }),
    );
    check(bars.length > 10, 'too few rows');
    for (const b of bars) {
      const g = big.geometry.get(b.id);
      near(b.left, (g.start / 600_000) * b.track, 1, `left of ${g.name}`);
      near(b.width, Math.max((g.duration / 600_000) * b.track, 1), 1, `width of ${g.name}`);
    }
  });

  await test('collapse removes exactly the descendants', async () => {
    check((await rowCount()) === 10_000, 'not fully expanded');
    await page.click(`[data-span-id="${big.ids.denoise}"] [data-testid=wf-toggle]`);
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]').dataset.rowCount !== '10000');
    const after = await rowCount();
    check(after === 10_000 - (STEPS + STEPS * BLOCKS), `rows after collapse ${after}`);
    check(!(await page.$(`[data-span-id="${big.ids.steps[0]}"]`)), 'a child is still shown');
    check(!!(await page.$(`[data-span-id="${big.ids.decode}"]`)), 'a sibling disappeared');
    await page.click(`[data-span-id="${big.ids.denoise}"] [data-testid=wf-toggle]`);
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]').dataset.rowCount === '10000');
  });

  await test('in-trace search counts n of m and filters to matches only', async () => {
    await page.fill('[data-testid=span-search]', 'attn block 7.');
    await page.waitForFunction(() => document.querySelector('[data-testid=match-count]').textContent === `0 of 50`);
    await page.press('[data-testid=span-search]', 'Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=match-count]').textContent === `1 of 50`);
    const sel = await page.$eval('.wf-row.selected .name', (e) => e.textContent);
    check(sel === 'attn block 7.0', `selected ${sel}`);
    await page.check('[data-testid=matches-only]');
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]').dataset.rowCount === '50');
    await page.uncheck('[data-testid=matches-only]');
    await page.fill('[data-testid=span-search]', 'decode chunk');
    await page.waitForFunction((n) => document.querySelector('[data-testid=match-count]').textContent === `0 of ${n}`, CHUNKS);
    await page.fill('[data-testid=span-search]', '');
  });

  await test('frame events are drawn as markers on their span’s bar', async () => {
    // Collapsing the sampling stage brings the decode stage (row 5,054) into view.
    await page.$eval('[data-testid=wf-scroll]', (e) => (e.scrollTop = 0));
    await page.waitForSelector(`[data-span-id="${big.ids.denoise}"] [data-testid=wf-toggle]`);
    await page.click(`[data-span-id="${big.ids.denoise}"] [data-testid=wf-toggle]`);
    await page.waitForSelector(`[data-span-id="${big.ids.decode}"]`);
    const count = await page.$eval(`[data-span-id="${big.ids.decode}"] [data-testid=wf-markers]`, (e) => Number(e.dataset.count));
    check(count === 5000, `markers ${count}`);
  });

  await test('minimap drag zooms; keyboard zooms, pans and resets', async () => {
    const box = await page.$eval('[data-testid=minimap]', (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    });
    await page.mouse.move(box.x + box.w * 0.25, box.y + box.h / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.w * 0.4, box.y + box.h / 2, { steps: 4 });
    await page.mouse.move(box.x + box.w * 0.5, box.y + box.h / 2, { steps: 4 });
    await page.mouse.up();
    const view = await page.$eval('[data-testid=waterfall]', (e) => [Number(e.dataset.viewStart), Number(e.dataset.viewEnd)]);
    near(view[0], 150_000, 600_000 / box.w + 1, 'zoom start');
    near(view[1], 300_000, 600_000 / box.w + 1, 'zoom end');
    // The bars follow the window: the decode stage starts at 400 s, right of the view.
    const dec = await page.$eval(`[data-span-id="${big.ids.decode}"]`, (r) => {
      const bar = r.querySelector('[data-testid=wf-bar]').getBoundingClientRect();
      const track = r.querySelector('.wf-track').getBoundingClientRect();
      return { left: bar.left - track.left, track: track.width };
    });
    near(dec.left, ((400_000 - view[0]) / (view[1] - view[0])) * dec.track, 1, 'decode bar left when zoomed');
    await page.focus('[data-testid=waterfall]');
    await page.keyboard.press('0');
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]').dataset.viewEnd === '600000');
    await page.keyboard.press('+');
    await page.waitForFunction(() => {
      const e = document.querySelector('[data-testid=waterfall]').dataset;
      return Number(e.viewEnd) - Number(e.viewStart) === 300_000;
    });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=waterfall]').dataset.viewStart) === 210_000);
    await page.click('[data-testid=zoom-reset]');
    await page.waitForFunction(() => document.querySelector('[data-testid=waterfall]').dataset.viewStart === '0');
    await page.click('[data-testid=expand-all]');
  });

  const deep = big.ids.blocks[80 * BLOCKS + 25];
  await test('a deep link selects the span and scrolls to it', async () => {
    await page.goto(url(`/traces/${big.traceId}?span=${deep}`));
    const row = await page.waitForSelector(`.wf-row.selected[data-span-id="${deep}"]`);
    const r = await row.boundingBox();
    const s = await (await page.$('[data-testid=wf-scroll]')).boundingBox();
    check(r.y >= s.y && r.y + r.height <= s.y + s.height, 'selected row not in view');
    const panel = await page.$eval('[data-testid=span-panel]', (e) => e.dataset.spanId);
    check(panel === deep, 'span panel shows another span');
  });

  await test('a refresh on a deep link works (SPA fallback)', async () => {
    await page.reload();
    await page.waitForSelector(`.wf-row.selected[data-span-id="${deep}"]`);
    const direct = await fetch(url(`/traces/${big.traceId}?span=${deep}`));
    check(direct.status === 200 && (await direct.text()).includes('<div id="root">'), 'deep link is not index.html');
  });

  await test('frame scrubber: #frame deep link, arrow keys move every strip’s playhead to the same frame', async () => {
    await page.goto(url(`/traces/${big.traceId}#frame=120`));
    await page.waitForSelector('[data-testid=playhead]');
    await page.waitForFunction(() => document.querySelector('[data-testid=readout-frame]')?.textContent === '120');
    await page.focus('[data-testid=scrubber]');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('[data-testid=readout-frame]').textContent === '132');
    const heads = await page.$$eval('[data-testid=playhead]', (hs) => hs.map((h) => ({ f: h.dataset.frame, x: h.getBoundingClientRect().left })));
    check(heads.length === 4, `${heads.length} strips`);
    check(heads.every((h) => h.f === '132'), `playheads at ${heads.map((h) => h.f)}`);
    check(heads.every((h) => Math.abs(h.x - heads[0].x) < 1), `playheads not aligned ${heads.map((h) => h.x)}`);
    check(new URL(page.url()).hash === '#frame=132', `hash ${new URL(page.url()).hash}`);
    const media = await page.$eval('[data-testid=readout-media]', (e) => e.textContent);
    check(media === String(Math.floor((132 * 1000) / FPS)), `media_time_ms ${media}`);
  });

  await test('failure panel for FAILED and PARTIAL traces; summary, compute units, artifacts', async () => {
    check(failed && partial, 'the demo has no FAILED or PARTIAL trace');
    await page.goto(url(`/traces/${failed.trace_id}`));
    const text = await (await page.waitForSelector('[data-testid=failure-panel]')).textContent();
    check(text.includes(failed.failure.code), `failure panel: ${text}`);
    await page.goto(url(`/traces/${partial.trace_id}`));
    await page.waitForSelector('[data-testid=missing-frames]');
    const c = completed[0];
    const detail = await api.get(`/v1/traces/${c.trace_id}`);
    await page.goto(url(`/traces/${c.trace_id}`));
    await page.waitForSelector('[data-testid=compute-units]');
    await page.waitForSelector('[data-testid=playhead]');
    await page.screenshot({ path: path.join(shotsDir, 'trace-detail.png'), fullPage: false });
    if (detail.artifacts.length > 0) {
      await page.click('[data-testid=artifacts] button');
      await page.waitForSelector('[data-testid=artifacts] .preview, [data-testid=preview-unavailable]');
    }
    await (await page.$('.scrubber')).scrollIntoViewIfNeeded();
    await page.focus('[data-testid=scrubber]');
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
    await (await page.$('.scrubber')).screenshot({ path: path.join(shotsDir, 'frame-scrubber.png') });
    const [first] = detail.spans;
    await page.goto(url(`/traces/${c.trace_id}?span=${first.span_id}`));
    await page.waitForSelector('[data-testid=span-panel]');
  });

  await test('dashboards: p95/p99 per span kind equal the API’s numbers', async () => {
    requests.length = 0;
    await page.goto(url('/dashboards?range=7d'));
    await page.waitForSelector('[data-testid=bottleneck-row]');
    const sent = requests.find((r) => r.includes('/v1/analytics/bottlenecks'));
    check(sent, 'no bottlenecks request');
    const apiRows = (await api.get(new URL(sent).pathname + new URL(sent).search)).data;
    const uiRows = await page.$$eval('[data-testid=bottleneck-row]', (rows) =>
      rows.map((r) => ({ kind: r.dataset.kind, p95: r.querySelector('[data-testid=p95]').textContent, p99: r.querySelector('[data-testid=p99]').textContent })),
    );
    check(uiRows.length === apiRows.length && apiRows.length > 0, `${uiRows.length} rows vs ${apiRows.length}`);
    for (const a of apiRows) {
      const u = uiRows.find((x) => x.kind === a.span_kind);
      check(u && u.p95 === String(a.p95_ms) && u.p99 === String(a.p99_ms), `${a.span_kind}: ui ${JSON.stringify(u)} api ${a.p95_ms}/${a.p99_ms}`);
    }
  });

  await test('dashboards: quality trend, frame failure rate and GPU p95 equal the frame analytics API’s numbers', async () => {
    // Frame events reach the frame-event store on their own path: wait until the series count
    // every stored trace's events (orphans would only add to it, spec 05 §6.4 rule 2).
    const stored = await Promise.all(all.map((t) => api.get(`/v1/traces/${t.trace_id}?events_limit=1`)));
    const events = stored.reduce((a, d) => a + d.summary.event_count, 0);
    await waitFor(`the frame series to count all ${events} stored frame events`, async () => {
      const s = await api.get('/v1/analytics/frames/timeseries?metric=traces&bucket=day');
      return s.data.reduce((a, d) => a + d.count, 0) >= events;
    });
    requests.length = 0;
    await page.goto(url('/dashboards?range=7d'));
    await page.waitForSelector('[data-testid=bottleneck-row]');
    const bounds = new URL(requests.find((r) => r.includes('/v1/analytics/bottlenecks'))).searchParams;
    const panels = [
      { testId: 'quality', metric: 'clip_similarity', stats: ['avg', 'p95', 'p99'] },
      { testId: 'series-frame_failure_rate', metric: 'frame_failure_rate', stats: ['value'] },
      { testId: 'gpu', metric: 'gpu_utilization_pct', stats: ['p95'] },
    ];
    for (const p of panels) {
      const sent = requests.map((r) => new URL(r)).find((u) => u.pathname === '/v1/analytics/frames/timeseries' && u.searchParams.get('metric') === p.metric);
      check(sent, `no frame series request for ${p.metric}`);
      const q = sent.searchParams;
      check(q.get('bucket') === 'day' && q.get('from') === bounds.get('from') && q.get('to') === bounds.get('to'), `${p.metric}: ${sent.search} vs the dashboard range ${bounds}`);
      const series = (await api.get(sent.pathname + sent.search)).data;
      check(series.length > 0, `${p.metric}: the API has no bucket`);
      const last = series[series.length - 1];
      await page.waitForSelector(`[data-testid=${p.testId}] canvas`);
      const ui = await page.$eval(`[data-testid=${p.testId}] [data-testid=latest]`, (e, stats) => ({
        buckets: Number(e.dataset.buckets),
        start: e.dataset.start,
        count: e.querySelector('[data-testid=latest-count]').textContent,
        values: stats.map((k) => e.querySelector(`[data-testid=latest-${k}]`).dataset.value),
      }), p.stats);
      const want = { buckets: series.length, start: last.start, count: String(last.count), values: p.stats.map((k) => String(last[k])) };
      check(JSON.stringify(ui) === JSON.stringify(want), `${p.metric}: ui ${JSON.stringify(ui)} api ${JSON.stringify(want)}`);
    }
    // The big trace alone decoded 5,000 frames, each with a CLIP score and a GPU reading.
    const total = async (metric) => (await api.get(`/v1/analytics/frames/timeseries?metric=${metric}&bucket=day&from=${encodeURIComponent(bounds.get('from'))}&to=${encodeURIComponent(bounds.get('to'))}`)).data.reduce((a, d) => a + d.count, 0);
    check((await total('clip_similarity')) >= 5000 && (await total('gpu_utilization_pct')) >= 5000, 'the frame series miss the big trace');
    await page.waitForSelector('[data-testid=series-throughput] canvas');
    // uPlot draws on the next animation frame; wait for two before the picture.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(shotsDir, 'dashboards.png'), fullPage: true });
  });

  await test('compare two traces: per span kind deltas with sign', async () => {
    const [a, b] = [completed[0], failed];
    const [da, db] = await Promise.all([api.get(`/v1/traces/${a.trace_id}`), api.get(`/v1/traces/${b.trace_id}`)]);
    await page.goto(url(`/compare?a=${a.trace_id}&b=${b.trace_id}`));
    await page.waitForSelector('[data-testid=kind-delta]');
    const sum = (spans, kind) => spans.filter((s) => s.span_kind === kind).reduce((x, s) => x + (s.duration_ms ?? 0), 0);
    const rows = await page.$$eval('[data-testid=kind-delta]', (rs) => rs.map((r) => ({ kind: r.dataset.kind, delta: Number(r.dataset.deltaMs), text: r.children[3].textContent })));
    check(rows.length > 0, 'no rows');
    for (const r of rows) {
      const want = sum(db.spans, r.kind) - sum(da.spans, r.kind);
      check(r.delta === want, `${r.kind}: ${r.delta} vs ${want}`);
      check(want === 0 ? r.text.startsWith('±') : r.text.startsWith(want > 0 ? '+' : '−'), `${r.kind} sign: ${r.text}`);
    }
    await page.screenshot({ path: path.join(shotsDir, 'compare.png') });
  });

  await test('loading, empty and not-found states', async () => {
    await page.goto(url('/traces?tag=project:none-such'));
    await page.waitForSelector('[data-testid=empty]');
    const before = consoleErrors.length;
    await page.goto(url('/traces/00000000-0000-4000-8000-000000000000'));
    const err = await (await page.waitForSelector('[data-testid=error]')).textContent();
    check(err.includes('NOT_FOUND'), err);
    // The browser reports the API's 404 for this unknown trace itself; that one is expected.
    const fresh = consoleErrors.splice(before);
    consoleErrors.push(...fresh.filter((e) => !(e.includes('/traces/00000000-0000-4000-8000-000000000000') && e.includes('404'))));
    await page.goto(url('/no-such-page'));
    await page.waitForSelector('[data-testid=not-found]');
  });

  await test('no console errors on any page', async () => {
    check(consoleErrors.length === 0, consoleErrors.join('\n'));
  });

  console.log(`  (10,000-span trace, from the list click: ${timing})`);
} finally {
  await context?.close().catch(() => {});
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failedCount = results.length - passed;
console.log(`e2e: ${passed} passed, ${failedCount} failed`);
process.exit(failedCount === 0 && results.length > 0 ? 0 : 1);
