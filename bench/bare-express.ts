// The baseline of `npm run bench:generation`: a bare Express 5 app (express.json() and one POST route answering
// 202), measured like the host's targets (the same load generator in the same process as the server, with the
// event loop's delay over the measured window), but in a child process of its own. What must not break: the
// baseline and the host never share a V8 heap. Measured in the benchmark's own process, bare Express at full
// speed leaves V8's allocation-site pretenuring switched on for code both use (node:http, Express, the load
// generator), and every later young-generation collection there took 10–18 ms instead of 2–3 ms: the host's
// figures then depended on whether the baseline ran first (docs/benchmarks.md, "The baseline's own process").
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import { measure, type TargetResult } from './measure.ts';
import type { LoadOptions } from './load.ts';

const LABEL = 'bare Express 5 `POST /bare` (202)';
const prompt = (n: number) => JSON.stringify({ prompt: `benchmark koala ${n}` });

/** Measures bare Express in a fresh child process and hands back its figures. */
export async function bareExpress(opts: LoadOptions): Promise<TargetResult> {
  const child = spawn(process.execPath, [import.meta.filename, 'child'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(opts));
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the bare Express benchmark exited with ${code}`);
  const r = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<
    TargetResult,
    'latencies' | 'statuses'
  > & {
    latencies: number[];
    statuses: [number, number][];
  };
  return { ...r, latencies: Float64Array.from(r.latencies), statuses: new Map(r.statuses) };
}

async function child(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const opts = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoadOptions;
  const app = express();
  app.use(express.json());
  let n = 0;
  app.post('/bare', (req, res) => {
    const body = (req.body as { prompt?: unknown }).prompt;
    res.status(202).json({ id: String(n++), status: 'queued', prompt: body });
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bare Express has no port');
  try {
    const r = await measure(
      LABEL,
      { url: `http://127.0.0.1:${address.port}`, path: '/bare', body: prompt },
      opts,
    );
    process.stdout.write(JSON.stringify({ ...r, latencies: [...r.latencies], statuses: [...r.statuses] }));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

if (process.argv[2] === 'child') await child();
