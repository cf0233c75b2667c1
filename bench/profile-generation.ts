// `npm run profile:generation`: a CPU profile of the generation path alone. The real host runs in a child
// process under `node --cpu-prof` (SQLite store, file blobs, the fast local provider, background jobs in the
// same process), this process keeps 64 connections busy on `POST /api/v1/generations` for BENCH_SECONDS, and
// the profile is ranked into the tables docs/benchmarks.md keeps (bench/cpu-profile.ts). The load generator
// runs in another process so that it is not in the profile. PROFILE_DIR keeps the .cpuprofile (default: a
// temporary directory, deleted). Talks only to 127.0.0.1.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../backend/src/config.ts';
import { createLogger, startHost } from '../backend/src/main.ts';
import { markdown, readProfile, summarise } from './cpu-profile.ts';
import { prepareHost } from './host-setup.ts';
import { runLoad } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const out = (line = '') => process.stdout.write(`${line}\n`);

/** The child: starts the host, prints `port token`, and closes it when stdin ends. */
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
  out(`${host.port} ${token}`);
  process.stdin.resume();
  await once(process.stdin, 'end');
  await host.close();
}

async function drive(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'donatello-profile-'));
  const profileDir = process.env.PROFILE_DIR ?? join(work, 'profile');
  try {
    const child = spawn(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, import.meta.filename, 'serve', join(work, 'data')],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const [first] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const [port, token] = first.split(' ');
    const result = await runLoad(
      {
        url: `http://127.0.0.1:${port}`,
        path: '/api/v1/generations',
        headers: { authorization: `Bearer ${token}` },
        body: (n) => JSON.stringify({ prompt: `profile koala ${n}` }),
      },
      { connections: 64, seconds: SECONDS, warmupSeconds: 2 },
    );
    child.stdin.end();
    await once(child, 'exit');
    const file = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))[0];
    if (!file) throw new Error('no profile was written');
    const rate = result.requests / result.seconds;
    out(`Profile of POST /api/v1/generations, ${new Date().toISOString()}, ${SECONDS} s under load`);
    out(`Load: ${result.requests} requests, ${rate.toFixed(1)}/s, non-2xx ${result.non2xx}`);
    out();
    // The profile covers start-up and the warm-up too; per-request figures divide by every request sent.
    out(
      markdown(summarise(readProfile(join(profileDir, file)), 20), result.requests + result.warmupRequests),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3]!);
else await drive();
