// The HTTP client every test helper uses: undici's fetch with an explicit dispatcher, so how long a test waits
// for an answer is our setting (scaled by TEST_SLOWDOWN), not the runtime's default (300 s, fixed). The long
// proofs also cap how many requests are in flight at once (`inFlight`), so the slowest request waits behind a
// bounded queue instead of behind every other request.
// Must not break: a timeout here surfaces as a failed request naming the URL; it never retries a request.
import { Agent, fetch as undiciFetch, type RequestInit, type Response } from 'undici';
import { scaled } from './timing.ts';

/** How long a request may wait for the response headers, and then between two chunks of its body. */
export const HTTP_TIMEOUT_MS = scaled(300_000);

/** An undici Agent with explicit timeouts (HTTP_TIMEOUT_MS unless `timeoutMs`, scaled) and optional pool size. */
export function testAgent(options: { connections?: number; timeoutMs?: number } = {}): Agent {
  const timeout = options.timeoutMs === undefined ? HTTP_TIMEOUT_MS : scaled(options.timeoutMs);
  return new Agent({
    headersTimeout: timeout,
    bodyTimeout: timeout,
    ...(options.connections ? { connections: options.connections } : {}),
  });
}

const shared = testAgent();

/** fetch through `agent` (the shared test agent by default). */
export async function testFetch(
  url: string,
  init: RequestInit = {},
  agent: Agent = shared,
): Promise<Response> {
  try {
    return await undiciFetch(url, { ...init, dispatcher: agent });
  } catch (err) {
    // undici's "fetch failed" hides the reason (a timeout, a refused connection) in `cause`.
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new Error(`${init.method ?? 'GET'} ${url} failed${cause}`, { cause: err });
  }
}

/**
 * Runs `tasks` with at most `limit` of them in flight, and returns their results in order. Each task starts
 * as soon as a slot frees, so the load stays at `limit` until the queue is empty.
 */
export async function inFlight<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}
