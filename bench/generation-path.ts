// `npm run bench:generation`: requests per second, latency and event-loop delay of the API's hot paths on the
// real host (in process, file blobs, the fast local provider, background jobs running), against a bare Express
// 5 app measured in the same run, first on SQLite and then on the Cosmos DB test server; plus the reservation
// rate for one hot department on each. BENCH_STORES picks the stores (default `sqlite,cosmos`), BENCH_SECONDS
// the measured seconds per target. Talks only to 127.0.0.1; exits 0 when done.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../backend/src/adapters/sqlite/sqlite-store.ts';
import { startCosmos } from '../backend/test/support/servers.ts';
import { apiTargets, benchHost, statusCounts, type TargetResult } from './api-targets.ts';
import { bareExpress } from './bare-express.ts';
import { hotCounter, type HotCounterResult } from './hot-counter.ts';
import { quantile, type LoadOptions, type LoadResult } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,cosmos').split(',').map((s) => s.trim());
const WARMUP_SECONDS = 2;
const CONNECTIONS = 64;
const DRAIN_MS = 60_000;
if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error('BENCH_SECONDS must be a positive number');
if (STORES.some((s) => s !== 'sqlite' && s !== 'cosmos')) throw new Error('BENCH_STORES: sqlite, cosmos');

const out = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 1) => n.toFixed(digits);
/** Two decimals, or two significant digits for small ratios (0.0045x rather than 0.00x). */
const ratio = (r: number) => `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x`;
const rateOf = (r: LoadResult) => r.requests / r.seconds;

function row(r: TargetResult, baseRate: number): string {
  const ms = (q: number) => fmt(quantile(r.latencies, q));
  return `| ${r.label} | ${r.requests} | ${fmt(rateOf(r))} | ${ms(0.5)} | ${ms(0.95)} | ${ms(0.99)} | ${r.non2xx} | ${ratio(rateOf(r) / baseRate)} | ${fmt(r.loopDelayP99)} |`;
}

const statusList = (r: LoadResult) =>
  [...r.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s === 0 ? 'connection error' : s}: ${n}`)
    .join(', ');

interface StoreRun {
  store: string;
  targets: TargetResult[];
  drained: { ms: number; backlog: number; left: number };
  generations: string;
  writes: string;
  hot: HotCounterResult[];
}

async function runStore(store: string, dir: string, opts: LoadOptions): Promise<StoreRun> {
  const cosmos = store === 'cosmos' ? await startCosmos() : null;
  try {
    const env: Record<string, string> = { DATA_DIR: join(dir, store) };
    if (cosmos) {
      Object.assign(env, {
        STORE: 'cosmos',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        COSMOS_DATABASE: 'bench',
        COSMOS_ALLOW_SELF_SIGNED: 'true',
      });
    }
    const { host, token } = await benchHost(env);
    let targets: TargetResult[];
    let drained: StoreRun['drained'];
    let generations: string;
    let writes = '';
    try {
      ({ targets, drained } = await apiTargets(host, token, opts, DRAIN_MS));
      generations = await statusCounts(host);
      // Absent on a tree from before group commit (the benchmark is also run there, for "before" figures).
      const stats =
        host.store instanceof SqliteStore
          ? (host.store.writeStats as SqliteStore['writeStats'] | undefined)
          : undefined;
      if (stats) {
        writes = `${stats.writes} writes in ${stats.batches} transactions (${fmt(stats.writes / stats.batches)} on average, at most ${stats.largestBatch})`;
      }
      const hot = await hotCounter(host.store, { callers: CONNECTIONS, seconds: SECONDS, warmupSeconds: 1 });
      return { store, targets, drained, generations, writes, hot };
    } finally {
      await host.close();
    }
  } finally {
    await cosmos?.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-bench-'));
  const started = new Date();
  const load = loadavg();
  try {
    const opts: LoadOptions = { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS };
    const bare = await bareExpress(opts);
    const runs: StoreRun[] = [];
    for (const store of STORES) runs.push(await runStore(store, dir, opts));
    const bareAfter = await bareExpress(opts);

    const cpu = cpus();
    out(`Generation path benchmark, ${started.toISOString()}`);
    out(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}`,
    );
    out(
      `Load average at the start: ${load.map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min); at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    out(
      `Load: ${CONNECTIONS} keep-alive connections, ${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up per target; the host and its load generator share one process, bare Express and its load generator another`,
    );
    // The baseline is measured first and last; the ratios use the mean of the two.
    const baseRate = (rateOf(bare) + rateOf(bareAfter)) / 2;
    out(
      `Bare Express: ${fmt(rateOf(bare))} requests/s before the stores, ${fmt(rateOf(bareAfter))} after; ratios use the mean, ${fmt(baseRate)}`,
    );
    for (const run of runs) {
      out();
      out(`### ${run.store === 'sqlite' ? 'SQLite' : 'Cosmos DB test server'}`);
      out();
      out(
        '| target | requests | requests/s | p50 ms | p95 ms | p99 ms | non-2xx | vs bare Express | event-loop delay p99 ms |',
      );
      out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      out(row(bare, baseRate));
      for (const t of run.targets) out(row(t, baseRate));
      out();
      out(`Statuses: ${run.targets.map((t) => `${t.label}: ${statusList(t)}`).join('; ')}`);
      // Admission and completion are separate rates: jobs run GENERATION_CONCURRENCY at a time, so in a burst
      // the admitted ones queue and finish after the window; the drain below says how long that took.
      for (const t of run.targets)
        if (t.jobsFinished !== undefined)
          out(
            `Jobs finished while generations were admitted: ${t.jobsFinished} in ${fmt(t.seconds)} s (${fmt(t.jobsFinished / t.seconds)}/s), against ${t.requests} admitted (${fmt(rateOf(t))}/s)`,
          );
      out(
        `Background jobs: the backlog of ${run.drained.backlog} drained in ${fmt(run.drained.ms / 1000)} s after the generations window (${fmt(run.drained.backlog / Math.max(run.drained.ms / 1000, 0.001))} jobs/s, no requests coming in), before the reads were measured (${run.drained.left} left undrained); generations: ${run.generations}`,
      );
      if (run.writes) out(`Store writes (group commit): ${run.writes}`);
      out();
      out(
        '| reservations, one hot department | callers | reserved | refused | per second | p50 ms | p99 ms | counter consistent |',
      );
      out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
      for (const h of run.hot)
        out(
          `| ${h.label} | ${h.callers} | ${h.ok} | ${h.refused} | ${fmt(h.ok / h.seconds)} | ${fmt(h.p50, 2)} | ${fmt(h.p99, 2)} | ${h.consistent ? 'yes' : 'NO'} |`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
