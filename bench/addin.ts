// `npm run bench:addin`: the PowerPoint and Word task pane in Debian's Chromium against the real host in process
// (SQLite, file blobs, dev sign-in, the local provider). Two figures, each beside a baseline from the same run,
// because the machine is shared:
//   1. initial JavaScript of taskpane.html, gzipped (target ≤ 250 KB), and the packages that make it up;
//   2. prompt submitted → image inserted: Generate clicked in the pane (PowerPoint on the web, the Office stub
//      of the browser tests) until the pane says "Inserted" (the picture placed, its alt text and tag written),
//      RUNS times after warm-ups, against the same flow's plain API calls from the same page (POST a generation
//      with Prefer: wait, GET its PNG, encode it as base64), interleaved run by run.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../backend/src/config.ts';
import { createLogger, startHost, type Host } from '../backend/src/main.ts';
import { hasChromium, launchChromium } from '../backend/test/support/browser.ts';
import { POWERPOINT_WEB, openPane } from '../office-addin/test/e2e/support/pane.ts';
import { buildAddin } from '../scripts/addin-build.ts';
import { bundleReport, bundleTable } from './web-bundle.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;
const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]!;
const median = (xs: number[]) => pct(xs, 0.5);

/** What the page's functions below read (the bench's TypeScript has no DOM library). */
interface PageGlobals {
  __officeStub: { calls: { api: string }[] };
  document: { body: { innerText: string } };
}

/** One run in the pane: milliseconds from the Generate click to "Inserted", measured in the page. */
async function paneRun(page: Page, i: number): Promise<number> {
  await page
    .getByRole('textbox', { name: /Describe the image/ })
    .fill(`bench run ${i}: a koala presenting results`);
  const generate = page.getByRole('button', { name: 'Generate' });
  await generate.waitFor();
  const t0 = await page.evaluate(() => performance.now());
  await generate.click();
  const insert = page.getByRole('button', { name: /^Insert into the slide/ });
  await insert.click();
  const done = await page.waitForFunction(
    (n: number) => {
      const w = globalThis as unknown as PageGlobals;
      const inserts = w.__officeStub.calls.filter((c) => c.api === 'setSelectedDataAsync').length;
      return inserts === n && w.document.body.innerText.includes('Inserted') ? performance.now() : false;
    },
    i + 1,
    { polling: 'raf' },
  );
  return ((await done.jsonValue()) as number) - t0;
}

/** The same flow as plain API calls from the page: generate (waiting), fetch the PNG, base64 it. */
function apiRun(page: Page, i: number): Promise<number> {
  return page.evaluate(async (n: number) => {
    const token = (
      (await (
        await fetch('/dev/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'alice' }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
    const auth = { authorization: `Bearer ${token}` };
    const t0 = performance.now();
    const res = await fetch('/api/v1/generations', {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        prefer: 'wait=20',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ prompt: `bench api run ${n}: a koala presenting results`, size: '1792x1024' }),
    });
    const g = (await res.json()) as { images: { url: string }[] };
    if (res.status !== 201) throw new Error(`generation ${res.status}`);
    const bytes = new Uint8Array(await (await fetch(g.images[0]!.url, { headers: auth })).arrayBuffer());
    let binary = '';
    for (let j = 0; j < bytes.length; j += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
    if (btoa(binary).length === 0) throw new Error('empty image');
    return performance.now() - t0;
  }, i);
}

async function main(): Promise<void> {
  if (!hasChromium) throw new Error('/usr/bin/chromium is missing (apt-get install -y chromium)');
  await buildAddin({ quiet: true });
  const bundle = await bundleReport({ dir: 'office-addin', entry: 'taskpane' });
  const dir = mkdtempSync(join(tmpdir(), 'donatello-bench-addin-'));
  let host: Host | null = null;
  let browser: Browser | null = null;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      RATE_LIMITS: 'standard_user=100000',
    });
    host = await startHost(config, createLogger(config));
    browser = await launchChromium();
    const { page } = await openPane(
      { browser, base: `http://localhost:${host.port}` },
      { office: POWERPOINT_WEB },
    );
    await page.getByText('Suits the slide.').waitFor({ timeout: 60_000 });

    const pane: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const p = await paneRun(page, i);
      const a = await apiRun(page, i);
      if (i >= WARMUP) {
        pane.push(p);
        api.push(a);
      }
    }

    const cpu = cpus();
    out(`Add-in benchmark, ${new Date().toISOString()}`);
    out(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}, Chromium headless`,
    );
    out();
    out('### Initial JavaScript of taskpane.html');
    for (const line of bundleTable(bundle, 250)) out(line);
    out();
    out(`### Prompt submitted → image inserted (${RUNS} runs after ${WARMUP} warm-ups, interleaved)`);
    out(
      '| flow | median ms | p95 ms | min ms | median vs API | p95 vs API |\n| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    const row = (name: string, xs: number[]) =>
      `| ${name} | ${median(xs).toFixed(0)} | ${pct(xs, 0.95).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${(median(xs) / median(api)).toFixed(2)}x | ${(pct(xs, 0.95) / pct(api, 0.95)).toFixed(2)}x |`;
    out(row('baseline: the plain API calls (generate with wait, GET the PNG, base64)', api));
    out(row('the pane: Generate clicked → "Inserted" (PowerPoint stub)', pane));
  } finally {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
