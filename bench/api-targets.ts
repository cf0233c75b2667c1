// The targets `npm run bench:generation` loads, one after another, on one in-process host: a quote, a
// generation (202), the caller's gallery and /me (the baseline, bare Express, is bare-express.ts). Each is
// measured by measure.ts, with the load generator in this process. Also the host's start, the jobs that
// finished while generations were admitted, and the drain of the admitted backlog (before the reads, so that
// they do not share the machine).
import { loadConfig } from '../backend/src/config.ts';
import { createLogger, startHost, type Host } from '../backend/src/main.ts';
import { prepareHost } from './host-setup.ts';
import type { LoadOptions } from './load.ts';
import { measure, type TargetResult } from './measure.ts';

export type { TargetResult } from './measure.ts';

/** Generations that finished (`succeeded`) in the store so far. */
const succeeded = (host: Host) =>
  host.store.count('generations', { where: [{ field: 'status', op: '=', value: 'succeeded' }] });

const prompt = (n: number) => JSON.stringify({ prompt: `benchmark koala ${n}` });

/** The API targets, in order, against one host (as carol, org admin in Engineering). */
export async function apiTargets(
  host: Host,
  token: string,
  opts: LoadOptions,
  drainLimitMs: number,
): Promise<{ targets: TargetResult[]; drained: Awaited<ReturnType<typeof drain>> }> {
  const url = `http://127.0.0.1:${host.port}`;
  const headers = { authorization: `Bearer ${token}` };
  const out: TargetResult[] = [];
  out.push(
    await measure(
      '`POST /api/v1/estimates`',
      { url, path: '/api/v1/estimates', headers, body: prompt },
      opts,
    ),
  );
  let before = 0;
  let finished = 0;
  const generations = await measure(
    '`POST /api/v1/generations` (202, queued)',
    { url, path: '/api/v1/generations', headers, body: prompt },
    opts,
    {
      start: async () => {
        before = await succeeded(host);
      },
      end: async () => {
        finished = (await succeeded(host)) - before;
      },
    },
  );
  out.push({ ...generations, jobsFinished: finished });
  // The admitted backlog drains before the reads are measured, so that they do not share the machine with it.
  const drained = await drain(host, drainLimitMs);
  out.push(
    await measure(
      '`GET /api/v1/generations?scope=mine`',
      { url, path: '/api/v1/generations?scope=mine', method: 'GET', headers },
      opts,
    ),
  );
  out.push(await measure('`GET /api/v1/me`', { url, path: '/api/v1/me', method: 'GET', headers }, opts));
  return { targets: out, drained };
}

/** The real host in this process: fast local provider, rate limits out of the way, logs off. */
export async function benchHost(env: Record<string, string>): Promise<{ host: Host; token: string }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    LOCAL_PROVIDER: 'fast',
    // RATE_LIMITS takes at most seven digits per role: far above what one run sends.
    RATE_LIMITS: ['standard_user', 'power_user', 'dept_manager', 'org_admin', 'super_admin']
      .map((r) => `${r}=9999999`)
      .join(','),
    ...env,
  });
  const host = await startHost(config, createLogger(config));
  try {
    return { host, token: await prepareHost(host) };
  } catch (err) {
    await host.close();
    throw err;
  }
}

/**
 * Waits (bounded) until no generation is queued or running; returns how long that took, how many there were at
 * the start (the backlog) and how many are left.
 */
export async function drain(
  host: Host,
  limitMs: number,
): Promise<{ ms: number; backlog: number; left: number }> {
  const start = performance.now();
  let backlog: number | null = null;
  for (;;) {
    let left = 0;
    for (const value of ['queued', 'running'])
      left += await host.store.count('generations', { where: [{ field: 'status', op: '=', value }] });
    backlog ??= left;
    const ms = performance.now() - start;
    if (left === 0 || ms > limitMs) return { ms, backlog, left };
    // Counting a large backlog reads its whole index range: four looks a second keep that off the drain's CPU.
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function statusCounts(host: Host): Promise<string> {
  const parts: string[] = [];
  for (const value of ['succeeded', 'failed', 'queued', 'running']) {
    const n = await host.store.count('generations', { where: [{ field: 'status', op: '=', value }] });
    if (n > 0) parts.push(`${n} ${value}`);
  }
  return parts.join(', ') || 'none';
}
