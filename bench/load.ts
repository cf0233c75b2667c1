// A small closed-loop HTTP load generator for the benchmarks (no dependency): N concurrent request loops over a
// keep-alive agent with N sockets, each sending one request, waiting for the whole answer, then the next.
import { Agent, request } from 'node:http';

export interface LoadTarget {
  /** Base URL, e.g. http://127.0.0.1:3978 (the benchmarks only talk to 127.0.0.1). */
  url: string;
  path: string;
  /** POST by default; a GET sends no body. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** The JSON body of request number `n` (unique across the warm-up and the measured run). */
  body?: (n: number) => string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Called between the warm-up and the measured window (while no request is in flight). */
  onMeasureStart?: () => Promise<void>;
  /** Called as soon as the measured window ends (requests still in flight finish after it). */
  onMeasureEnd?: () => Promise<void>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Milliseconds, one per measured request, sorted ascending. */
  latencies: Float64Array;
  statuses: Map<number, number>;
  /** Requests that did not answer 2xx, including connection errors (counted as status 0). */
  non2xx: number;
  /** Requests sent during the warm-up (not in the figures above). */
  warmupRequests: number;
}

function send(agent: Agent, base: URL, target: LoadTarget, body: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname: base.hostname,
        port: base.port,
        path: target.path,
        method: target.method ?? 'POST',
        headers:
          body === null
            ? { ...target.headers }
            : {
                ...target.headers,
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(body)),
              },
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', reject);
    if (body === null) req.end();
    else req.end(body);
  });
}

/** Runs `connections` loops until `ms` have passed; `record` sees every finished request. */
async function phase(
  agent: Agent,
  base: URL,
  target: LoadTarget,
  connections: number,
  ms: number,
  next: () => number,
  record: (ms: number, status: number) => void,
): Promise<void> {
  const end = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < end) {
      const n = next();
      const body = target.body ? target.body(n) : null;
      const t0 = performance.now();
      let status: number;
      try {
        status = await send(agent, base, target, body);
      } catch {
        status = 0;
      }
      record(performance.now() - t0, status);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
}

export async function runLoad(target: LoadTarget, opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(target.url);
  if (base.hostname !== '127.0.0.1')
    throw new Error(`the benchmark only talks to 127.0.0.1, not ${base.host}`);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  let n = 0;
  const next = () => n++;
  try {
    let warmupRequests = 0;
    await phase(agent, base, target, opts.connections, opts.warmupSeconds * 1000, next, () => {
      warmupRequests++;
    });
    await opts.onMeasureStart?.();
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const start = performance.now();
    await phase(agent, base, target, opts.connections, opts.seconds * 1000, next, (ms, status) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    const seconds = (performance.now() - start) / 1000;
    await opts.onMeasureEnd?.();
    let non2xx = 0;
    for (const [status, count] of statuses) if (status < 200 || status > 299) non2xx += count;
    return {
      requests: latencies.length,
      seconds,
      latencies: Float64Array.from(latencies).sort(),
      statuses,
      non2xx,
      warmupRequests,
    };
  } finally {
    agent.destroy();
  }
}

/** The q-quantile (0-1) of ascending values, nearest rank. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
