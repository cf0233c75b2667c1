// `npm run profile:generation`: a CPU profile of the generation path alone (PROFILE_TARGET=list, me or
// estimates profiles that request instead; `list` fills the gallery with 5 s of generations first, and waits
// for their jobs to finish so that they stay out of the profile; PROFILE_FILL_SECONDS sets that fill for any
// target; `bare` profiles the bare Express app of bench:generation, for a baseline in CPU per request). The
// real host runs in a child
// process (SQLite store, file blobs, the fast local provider, background jobs in the same process); this
// process keeps 64 connections busy on `POST /api/v1/generations` for BENCH_SECONDS after a 2 s warm-up, so
// the load generator is not in the profile. The child profiles its main thread through the inspector for the
// measured window only (no start-up, no warm-up) and counts CPU time per thread over the same window; the
// profile is ranked into the tables docs/benchmarks.md keeps (bench/cpu-profile.ts). PROFILE_FILE keeps the
// .cpuprofile. Talks only to 127.0.0.1.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { createInterface } from 'node:readline';
import { loadConfig } from '../backend/src/config.ts';
import { createLogger, startHost } from '../backend/src/main.ts';
import { markdown, readProfile, summarise } from './cpu-profile.ts';
import { drain } from './api-targets.ts';
import { prepareHost } from './host-setup.ts';
import { runLoad } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGETS = {
  generations: { path: '/api/v1/generations', method: 'POST' },
  estimates: { path: '/api/v1/estimates', method: 'POST' },
  list: { path: '/api/v1/generations?scope=mine', method: 'GET' },
  me: { path: '/api/v1/me', method: 'GET' },
  bare: { path: '/bare', method: 'POST' },
} as const;
const TARGET = (process.env.PROFILE_TARGET ?? 'generations') as keyof typeof TARGETS;
if (!(TARGET in TARGETS)) throw new Error(`PROFILE_TARGET: one of ${Object.keys(TARGETS).join(', ')}`);
const FILL_SECONDS = Number(process.env.PROFILE_FILL_SECONDS ?? (TARGET === 'list' ? 5 : 0));
const out = (line = '') => process.stdout.write(`${line}\n`);

/** CPU µs so far per thread name (Linux /proc; 10 ms resolution), e.g. MainThread, libuv-worker. */
function threadCpu(): Map<string, number> {
  const by = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\s/g, '_');
    // After the name: fields 14 and 15 of the stat line, user and system time in clock ticks (100 a second).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    by.set(name, (by.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) * 10_000);
  }
  return by;
}

/** The child: starts the host, prints `port token`; `start` and `stop <file>` on stdin bracket the window. */
async function serve(dataDir: string): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    LOCAL_PROVIDER: 'fast',
    RATE_LIMITS: ['standard_user', 'power_user', 'dept_manager', 'org_admin', 'super_admin']
      .map((r) => `${r}=99999`)
      .join(','),
  });
  const host = await startHost(config, createLogger(config));
  const token = await prepareHost(host);
  const bare = TARGET === 'bare' ? await bareApp() : null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  out(`${bare?.port ?? host.port} ${host.port} ${token}`);
  let before = new Map<string, number>();
  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, file] = line.split(' ');
    if (cmd === 'drain') {
      // The fill's admitted backlog finishes before a read is profiled, as in bench:generation.
      const d = await drain(host, 120_000);
      out(`the backlog of ${d.backlog} jobs drained in ${Math.round(d.ms)} ms, ${d.left} left`);
    } else if (cmd === 'start') {
      // The fill's and the warm-up's garbage is collected before the window, not inside it: otherwise whether
      // a major collection of someone else's garbage lands in the window decides a tenth of the figure.
      await session.post('HeapProfiler.collectGarbage');
      before = threadCpu();
      await session.post('Profiler.start');
      out('started');
    } else if (cmd === 'stop' && file) {
      const { profile } = await session.post('Profiler.stop');
      const after = threadCpu();
      writeFileSync(file, JSON.stringify(profile));
      const used = [...after].map(([name, us]) => `${name}=${us - (before.get(name) ?? 0)}`);
      out(`stopped ${used.join(',')}`);
    }
  }
  session.disconnect();
  bare?.server.close();
  await host.close();
}

/** The baseline of bench:generation (bench/api-targets.ts), served from the child like the host. */
async function bareApp(): Promise<{ server: Server; port: number }> {
  const app = express();
  app.use(express.json());
  app.post('/bare', (req, res) => {
    res.status(202).json({ id: '1', status: 'queued', prompt: (req.body as { prompt?: unknown }).prompt });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare Express has no port');
  return { server, port: address.port };
}

async function drive(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'donatello-profile-'));
  const file = process.env.PROFILE_FILE ?? join(work, 'generation.cpuprofile');
  try {
    const child = spawn(process.execPath, [import.meta.filename, 'serve', join(work, 'data')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const reply = async () => (await replies.next()).value as string;
    const [port, hostPort, token] = (await reply()).split(' ');
    const url = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}` };
    const body = (n: number) => JSON.stringify({ prompt: `profile koala ${n}` });
    if (FILL_SECONDS > 0) {
      await runLoad(
        { url: `http://127.0.0.1:${hostPort}`, path: '/api/v1/generations', headers, body },
        { connections: 64, seconds: FILL_SECONDS, warmupSeconds: 0 },
      );
      child.stdin.write('drain\n');
      out(`Fill: ${FILL_SECONDS} s of generations; ${await reply()}`);
    }
    const t = TARGETS[TARGET];
    const result = await runLoad(
      { url, path: t.path, method: t.method, headers, ...(t.method === 'POST' ? { body } : {}) },
      {
        connections: 64,
        seconds: SECONDS,
        warmupSeconds: 2,
        onMeasureStart: async () => {
          child.stdin.write('start\n');
          await reply();
        },
        onMeasureEnd: async () => {
          child.stdin.write(`stop ${file}\n`);
        },
      },
    );
    const cpu = new Map(
      (await reply())
        .replace(/^stopped /, '')
        .split(',')
        .map((kv) => kv.split('='))
        .map(([k, v]) => [k!, Number(v)] as const),
    );
    child.stdin.end();
    await once(child, 'exit');
    const rate = result.requests / result.seconds;
    const per = (us: number) => us / result.requests;
    const total = [...cpu.values()].reduce((a, b) => a + b, 0);
    const main = cpu.get('node') ?? cpu.get('MainThread') ?? Number.NaN;
    out(`Profile of ${t.method} ${t.path}, ${new Date().toISOString()}, ${SECONDS} s under load`);
    out(`Load: ${result.requests} requests, ${rate.toFixed(1)}/s, non-2xx ${result.non2xx}`);
    out(
      `CPU per request: ${per(total).toFixed(0)} µs in the host process, ${per(main).toFixed(0)} µs on its main thread; by thread: ${[
        ...cpu,
      ]
        .filter(([, us]) => us > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([name, us]) => `${name} ${per(us).toFixed(0)}`)
        .join(', ')}`,
    );
    out();
    out(markdown(summarise(readProfile(file), 20), per(main)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3]!);
else await drive();
