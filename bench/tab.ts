// `npm run bench:tab`: the Teams tab in Debian's Chromium against the real host in process (SQLite, file blobs, dev
// sign-in). Four figures, each beside a baseline from the same run, because the machine is shared:
//   1. initial JavaScript, gzipped (target ≤ 300 KB), and the packages that make it up (bench/web-bundle.ts);
//   2. a gallery of GALLERY images: time to the first screen of thumbnails (cold cache) vs the same page with an
//      empty gallery; DOM size at the top, middle and end (virtualised: bounded);
//   3. scrolling that gallery to the end: frame times vs idle frames on the same page;
//   4. the quote round trip from the page (POST /api/v1/estimates) vs a bare fetch of /api/v1/health, p95.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../backend/src/config.ts';
import type { GenerationRecord } from '../backend/src/generations/record.ts';
import { createLogger, startHost, type Host } from '../backend/src/main.ts';
import { launchChromium, hasChromium } from '../backend/test/support/browser.ts';
import { buildTab } from '../scripts/tab-build.ts';
import { bundleReport, bundleTable } from './web-bundle.ts';

const GALLERY = Number(process.env.BENCH_GALLERY ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QUOTES = Number(process.env.BENCH_QUOTES ?? 40);
const DISTINCT = 24;
const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]!;
const median = (xs: number[]) => pct(xs, 0.5);

async function api(host: Host, path: string, body?: unknown, token?: string) {
  const res = await fetch(`http://127.0.0.1:${host.port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      prefer: 'wait=60',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** DISTINCT real images for alice, then copies of their records (own ids, so own image URLs) up to GALLERY. */
async function fill(host: Host): Promise<void> {
  const token = (await api(host, '/dev/token', { user: 'alice' })).accessToken as string;
  const tenant = host.config.identity.dev.tenantId;
  const seeds: GenerationRecord[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const made = await api(
      host,
      '/api/v1/generations',
      { prompt: `bench scene ${i}: a koala by the harbour at hour ${i}` },
      token,
    );
    seeds.push((await host.store.get<GenerationRecord>('generations', tenant, made.id as string))!.data);
  }
  const start = Date.now() - GALLERY * 60_000;
  for (let i = 0; i < GALLERY - DISTINCT; i++) {
    const seed = seeds[i % DISTINCT]!;
    const id = randomUUID();
    const at = new Date(start + i * 60_000).toISOString();
    await host.store.create<GenerationRecord>('generations', tenant, id, {
      ...seed,
      request: { ...seed.request, prompt: `copy ${i} of ${seed.request.prompt}` },
      createdAt: at,
      createdKey: `${at}|${id}`,
      updatedAt: at,
      finishedAt: at,
    });
  }
}

async function signedInPage(browser: Browser, base: string, user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
    (r) => r.abort(),
  );
  await context.addInitScript(`localStorage.setItem('donatello.devUser', ${JSON.stringify(user)})`);
  const page = await context.newPage();
  return page;
}

/** Milliseconds from navigation start until `condition` (a page expression) holds, checked every frame. */
async function timeUntil(page: Page, url: string, condition: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(`new Promise((done) => {
    const check = () => ((${condition}) ? done(performance.now()) : requestAnimationFrame(check));
    check();
  })`);
}

/** Every tile in view shows its thumbnail. */
const THUMBNAILS_SHOWN = `(() => {
  const grid = document.querySelector('[role=grid]');
  if (!grid) return false;
  const h = innerHeight;
  const tiles = [...grid.querySelectorAll('button')].filter((b) => { const r = b.getBoundingClientRect(); return r.top < h && r.bottom > 0; });
  return tiles.length >= 8 && tiles.every((b) => { const img = b.querySelector('img'); return img && img.complete && img.naturalWidth > 0; });
})()`;

const DOM_COUNTS = `({ elements: document.querySelectorAll('*').length, tiles: document.querySelectorAll('[role=grid] button').length })`;

/** rAF frame intervals while scrolling the grid to its end (loading pages as it goes), then while idle. */
const SCROLL_FRAMES = `new Promise((done) => {
  const el = document.querySelector('[data-testid=gallery-scroller]');
  const frames = []; const idle = [];
  let last = performance.now(); let phase = 'scroll'; let movedAt = performance.now();
  const step = (t) => {
    const dt = t - last; last = t;
    if (phase === 'scroll') {
      frames.push(dt);
      const before = el.scrollTop;
      el.scrollTop = before + 400;
      if (el.scrollTop !== before) movedAt = t;
      // The end: nothing more to scroll for 5 s (no further page arrived).
      if (t - movedAt > 5000 || frames.length > 5000) { phase = 'idle'; }
    } else {
      idle.push(dt);
      if (idle.length >= 120) return done({ frames: frames.slice(1, frames.length - Math.round(5000 / 16.7)), idle: idle.slice(1), height: el.scrollHeight });
    }
    requestAnimationFrame(step);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(step); });
})`;

const QUOTE_TIMES = (n: number) => `(async () => {
  const token = (await (await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'alice' }) })).json()).accessToken;
  const auth = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
  const health = []; const quote = [];
  for (let i = 0; i < ${n} + 3; i++) {
    let t = performance.now();
    await (await fetch('/api/v1/health')).text();
    if (i >= 3) health.push(performance.now() - t);
    t = performance.now();
    const res = await fetch('/api/v1/estimates', { method: 'POST', headers: auth, body: JSON.stringify({ prompt: 'a koala presenting results, take ' + i, n: 1 + (i % 4) }) });
    if (!res.ok) throw new Error('estimate ' + res.status);
    await res.text();
    if (i >= 3) quote.push(performance.now() - t);
  }
  return { health, quote };
})()`;

async function main(): Promise<void> {
  if (!hasChromium) throw new Error('/usr/bin/chromium is missing (apt-get install -y chromium)');
  await buildTab({ quiet: true });
  const bundle = await bundleReport();
  const dir = mkdtempSync(join(tmpdir(), 'donatello-bench-tab-'));
  let host: Host | null = null;
  let browser: Browser | null = null;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      RATE_LIMITS: 'standard_user=100000,dept_manager=100000',
    });
    host = await startHost(config, createLogger(config));
    const t0 = performance.now();
    await fill(host);
    const fillSeconds = (performance.now() - t0) / 1000;
    browser = await launchChromium();
    const base = `http://localhost:${host.port}/tab/#/gallery`;

    const empty: number[] = [];
    const full: number[] = [];
    let dom: { top?: unknown; middle?: unknown; end?: unknown } = {};
    let scroll: { frames: number[]; idle: number[]; height: number } | null = null;
    for (let run = 0; run < RUNS; run++) {
      // A fresh context each time: a cold HTTP cache, as on a first visit.
      const bob = await signedInPage(browser, base, 'bob');
      empty.push(await timeUntil(bob, base, `document.body.innerText.includes('No images yet')`));
      await bob.context().close();
      const alice = await signedInPage(browser, base, 'alice');
      full.push(await timeUntil(alice, base, THUMBNAILS_SHOWN));
      if (run === RUNS - 1) {
        dom.top = await alice.evaluate(DOM_COUNTS);
        scroll = await alice.evaluate<{ frames: number[]; idle: number[]; height: number }>(SCROLL_FRAMES);
        dom.end = await alice.evaluate(DOM_COUNTS);
        await alice.evaluate(
          `document.querySelector('[data-testid=gallery-scroller]').scrollTop = document.querySelector('[data-testid=gallery-scroller]').scrollHeight / 2`,
        );
        await alice.waitForTimeout(500);
        dom.middle = await alice.evaluate(DOM_COUNTS);
        const shown = await alice.evaluate<string>(
          `document.body.innerText.match(/(\\d+\\+?) shown/)?.[1] ?? '?'`,
        );
        dom = { ...dom, loaded: shown } as typeof dom;
      }
      await alice.context().close();
    }
    const quotePage = await signedInPage(browser, base, 'alice');
    await quotePage.goto(base);
    const q = await quotePage.evaluate<{ health: number[]; quote: number[] }>(QUOTE_TIMES(QUOTES));

    const cpu = cpus();
    out(`Tab benchmark, ${new Date().toISOString()}`);
    out(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}, Chromium headless`,
    );
    out(
      `Gallery: ${GALLERY} generations of alice's (${DISTINCT} drawn, the rest copies with their own ids and image URLs), filled in ${fillSeconds.toFixed(1)} s`,
    );
    out();
    out('### Initial JavaScript');
    for (const line of bundleTable(bundle, 300)) out(line);
    out();
    out(`### Gallery (${RUNS} runs, cold cache each)`);
    out('| case | median ms | min ms | vs baseline |\n| --- | ---: | ---: | ---: |');
    out(
      `| baseline: tab signed in, empty gallery shown | ${median(empty).toFixed(0)} | ${Math.min(...empty).toFixed(0)} | 1.00x |`,
    );
    out(
      `| first screen of thumbnails, ${GALLERY} images | ${median(full).toFixed(0)} | ${Math.min(...full).toFixed(0)} | ${(median(full) / median(empty)).toFixed(2)}x |`,
    );
    out();
    out(`DOM (elements, tiles): ${JSON.stringify(dom)}`);
    if (scroll) {
      const long = scroll.frames.filter((f) => f > 50).length;
      out();
      out(
        `### Scrolling to the end (${scroll.frames.length} frames, 400 px a frame, ${scroll.height} px tall)`,
      );
      out('| frames | p50 ms | p95 ms | max ms | p95 vs idle |\n| --- | ---: | ---: | ---: | ---: |');
      out(
        `| idle (baseline) | ${median(scroll.idle).toFixed(1)} | ${pct(scroll.idle, 0.95).toFixed(1)} | ${Math.max(...scroll.idle).toFixed(1)} | 1.00x |`,
      );
      out(
        `| scrolling | ${median(scroll.frames).toFixed(1)} | ${pct(scroll.frames, 0.95).toFixed(1)} | ${Math.max(...scroll.frames).toFixed(1)} | ${(pct(scroll.frames, 0.95) / pct(scroll.idle, 0.95)).toFixed(2)}x |`,
      );
      out(`Frames over 50 ms: ${long} of ${scroll.frames.length}`);
    }
    out();
    out(`### Quote round trip from the page (${QUOTES} each, interleaved)`);
    out('| request | p50 ms | p95 ms | p95 vs health |\n| --- | ---: | ---: | ---: |');
    out(
      `| GET /api/v1/health (baseline) | ${median(q.health).toFixed(1)} | ${pct(q.health, 0.95).toFixed(1)} | 1.00x |`,
    );
    out(
      `| POST /api/v1/estimates | ${median(q.quote).toFixed(1)} | ${pct(q.quote, 0.95).toFixed(1)} | ${(pct(q.quote, 0.95) / pct(q.health, 0.95)).toFixed(2)}x |`,
    );
  } finally {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
