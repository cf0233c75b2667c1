// `npm run bench:generation`: requests per second and latency of `POST /api/v1/generations` on the real host
// (in process, SQLite store, file blobs, the fast local provider), against a bare Express 5 app measured in the
// same run, plus the reservation rate for one hot department. Talks only to 127.0.0.1; exits 0 when done.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { loadConfig } from '../backend/src/config.ts';
import { createLogger, startHost, type Host } from '../backend/src/main.ts';
import { runLoad, quantile, type LoadOptions, type LoadResult } from './load.ts';
import { hotCounter } from './hot-counter.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 64;
const DRAIN_MS = 30_000;
if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error('BENCH_SECONDS must be a positive number');

const out = (line = '') => process.stdout.write(`${line}\n`);
const body = (n: number) => JSON.stringify({ prompt: `benchmark koala ${n}` });

async function startBare(): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(express.json());
  let n = 0;
  app.post('/bare', (req, res) => {
    const prompt = (req.body as { prompt?: unknown }).prompt;
    res.status(202).json({ id: String(n++), status: 'queued', prompt });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare Express has no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A dev token for carol (org admin, Engineering), and Engineering's limit raised so nothing is refused. */
async function prepare(host: Host): Promise<string> {
  const base = `http://127.0.0.1:${host.port}`;
  const headers = { 'content-type': 'application/json' };
  const tokenRes = await fetch(`${base}/dev/token`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ user: 'carol' }),
  });
  const token = (await json(tokenRes)).accessToken as string;
  await json(
    await fetch(`${base}/api/v1/departments/engineering`, {
      method: 'PATCH',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: JSON.stringify({ budget: { limitAud: '1000000' } }),
    }),
  );
  return token;
}

/** Waits (bounded) until no generation is queued or running; returns how long that took and what is left. */
async function drain(host: Host): Promise<{ ms: number; left: number }> {
  const start = performance.now();
  for (;;) {
    let left = 0;
    for (const value of ['queued', 'running'])
      left += await host.store.count('generations', { where: [{ field: 'status', op: '=', value }] });
    const ms = performance.now() - start;
    if (left === 0 || ms > DRAIN_MS) return { ms, left };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function statusCounts(host: Host): Promise<string> {
  const parts: string[] = [];
  for (const value of ['succeeded', 'failed', 'queued', 'running']) {
    const n = await host.store.count('generations', { where: [{ field: 'status', op: '=', value }] });
    if (n > 0) parts.push(`${n} ${value}`);
  }
  return parts.join(', ') || 'none';
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
/** Two decimals, or two significant digits for small ratios (0.0045x rather than 0.00x). */
const ratio = (r: number) => `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x`;

function row(target: string, r: LoadResult, baseRate: number): string {
  const rate = r.requests / r.seconds;
  const ms = (q: number) => fmt(quantile(r.latencies, q));
  return `| ${target} | ${r.requests} | ${fmt(rate)} | ${ms(0.5)} | ${ms(0.95)} | ${ms(0.99)} | ${r.non2xx} | ${ratio(rate / baseRate)} |`;
}

const statusList = (r: LoadResult) =>
  [...r.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s === 0 ? 'connection error' : s}: ${n}`)
    .join(', ');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-bench-'));
  const started = new Date();
  let host: Host | null = null;
  let bare: Server | null = null;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      LOCAL_PROVIDER: 'fast',
      // RATE_LIMITS takes at most five digits per role: 99999 a minute is far above what one run sends.
      RATE_LIMITS: ['standard_user', 'power_user', 'dept_manager', 'org_admin', 'super_admin']
        .map((r) => `${r}=99999`)
        .join(','),
    });
    host = await startHost(config, createLogger(config));
    const token = await prepare(host);
    const b = await startBare();
    bare = b.server;

    const opts: LoadOptions = { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS };
    const bareResult = await runLoad({ url: b.url, path: '/bare', body }, opts);
    bare.closeAllConnections();
    await new Promise<void>((resolve) => b.server.close(() => resolve()));
    bare = null;
    const hostResult = await runLoad(
      {
        url: `http://127.0.0.1:${host.port}`,
        path: '/api/v1/generations',
        headers: { authorization: `Bearer ${token}` },
        body,
      },
      opts,
    );
    const drained = await drain(host);
    const generations = await statusCounts(host);
    await host.close();
    host = null;

    const hot = await hotCounter(dir, { callers: CONNECTIONS, seconds: SECONDS, warmupSeconds: 1 });

    const cpu = cpus();
    const baseRate = bareResult.requests / bareResult.seconds;
    out(`Generation path benchmark, ${started.toISOString()}`);
    out(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}`,
    );
    out(
      `Load: ${CONNECTIONS} keep-alive connections, ${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up, one process`,
    );
    out();
    out('| target | requests | requests/s | p50 ms | p95 ms | p99 ms | non-2xx | vs bare Express |');
    out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    out(row('bare Express 5 `POST /bare` (202)', bareResult, baseRate));
    out(row('`POST /api/v1/generations` (202, queued)', hostResult, baseRate));
    out();
    out(`Statuses: bare Express ${statusList(bareResult)}; generations ${statusList(hostResult)}`);
    out(
      `Background jobs: drained in ${fmt(drained.ms / 1000)} s after the run (${drained.left} left undrained); generations: ${generations}`,
    );
    out();
    out(
      '| reservations, one hot department | callers | reserved | refused | per second | p50 ms | p99 ms | counter consistent |',
    );
    out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const h of hot)
      out(
        `| ${h.label} | ${h.callers} | ${h.ok} | ${h.refused} | ${fmt(h.ok / h.seconds)} | ${fmt(h.p50, 2)} | ${fmt(h.p99, 2)} | ${h.consistent ? 'yes' : 'NO'} |`,
      );
  } finally {
    if (bare) bare.closeAllConnections();
    bare?.close();
    if (host) await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
