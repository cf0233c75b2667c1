// `npm run bench:search`: how long the message extension's "Find image" takes as a gallery grows. Teams gives a
// search 5 s. The real host runs in process (SQLite store, file blobs, the dev bot on /api/messages); one real
// generation is made through the REST API and its stored record is copied to fill the tenant with GALLERY
// generations (SEARCH_OWNER_SHARE of them alice's, the rest spread over the other seeded users). Each search is
// a composeExtension/query invoke posted to /api/messages the way Teams posts it, timed to its HTTP answer,
// against the same invoke for an unknown command (answered without reading the store) in the same run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../backend/src/config.ts';
import type { GenerationRecord } from '../backend/src/generations/record.ts';
import { createLogger, startHost, type Host } from '../backend/src/main.ts';
import { DEV_USERS, devObjectId } from '../backend/src/dev/seed.ts';

const GALLERY = Number(process.env.BENCH_GALLERY ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const OWNER_SHARE = 0.1;
const WARMUP = 3;
const SERVICE_URL = 'http://127.0.0.1:9/_connector'; // never called: a search answers in the HTTP response
const WORDS = [
  'koala',
  'wombat',
  'harbour',
  'sunrise',
  'chart',
  'team',
  'bridge',
  'desert',
  'office',
  'robot',
];
if (!Number.isInteger(GALLERY) || GALLERY < 100)
  throw new Error('BENCH_GALLERY must be a whole number ≥ 100');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('BENCH_RUNS must be a positive whole number');

const out = (line = '') => process.stdout.write(`${line}\n`);

async function call(host: Host, path: string, init: { token?: string; body?: unknown; method?: string }) {
  const request = () =>
    fetch(`http://127.0.0.1:${host.port}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        prefer: 'wait=30',
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  // The host closes idle keep-alive connections: after the long fill the pooled one is gone, and a request
  // sent on it as it closes never reached the host. Such a request is sent once more.
  const res = await request().catch(() => request());
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** One real generation for alice, then copies of its record with other ids, prompts, owners and times. */
async function fill(host: Host): Promise<{ alice: number }> {
  const token = (await call(host, '/dev/token', { body: { user: 'alice' } })).accessToken as string;
  const made = await call(host, '/api/v1/generations', { token, body: { prompt: 'a koala at the harbour' } });
  if (made.status !== 'succeeded')
    throw new Error(`the seed generation ended ${JSON.stringify(made.status)}`);
  const tenantId = host.config.identity.dev.tenantId;
  const seed = await host.store.get<GenerationRecord>('generations', tenantId, made.id as string);
  if (!seed) throw new Error('the seed generation is not in the store');
  const others = DEV_USERS.filter((u) => u.name !== 'alice');
  const start = Date.parse(seed.data.createdAt) - GALLERY * 60_000;
  let alice = 1;
  for (let i = 0; i < GALLERY - 1; i++) {
    const mine = i % Math.round(1 / OWNER_SHARE) === 0;
    const who = mine ? DEV_USERS.find((u) => u.name === 'alice')! : others[i % others.length]!;
    if (mine) alice++;
    const id = randomUUID();
    const createdAt = new Date(start + i * 60_000).toISOString();
    const words = [0, 3, 7].map((k) => WORDS[(i * 7 + k * 3 + Math.floor(i / 10)) % WORDS.length]);
    await host.store.create<GenerationRecord>('generations', tenantId, id, {
      ...seed.data,
      owner: { oid: devObjectId(who.name), name: who.displayName },
      departmentId: who.departmentId ?? seed.data.departmentId,
      request: { ...seed.data.request, prompt: `a ${words.join(' ')} scene number ${i}` },
      createdAt,
      createdKey: `${createdAt}|${id}`,
      updatedAt: createdAt,
      finishedAt: createdAt,
    });
  }
  return { alice };
}

function invoke(host: Host, commandId: string, words: string | null) {
  const tenantId = host.config.identity.dev.tenantId;
  return {
    type: 'invoke',
    name: 'composeExtension/query',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:alice', aadObjectId: devObjectId('alice') },
    recipient: { id: '28:donatello', name: 'DonatelloAI' },
    conversation: { id: '19:bench@thread.v2', conversationType: 'groupChat', tenantId },
    channelData: { tenant: { id: tenantId } },
    value: {
      commandId,
      parameters: [words === null ? { name: 'initialRun', value: 'true' } : { name: 'query', value: words }],
      queryOptions: { skip: 0, count: 10 },
    },
  };
}

/** Round trip of one invoke, in ms; checks that a search found what the gallery holds. */
async function timed(host: Host, commandId: string, words: string | null): Promise<number> {
  const t0 = performance.now();
  const res = await call(host, '/api/messages', { body: invoke(host, commandId, words) });
  const ms = performance.now() - t0;
  const found = (res.composeExtension as { type?: string } | undefined)?.type === 'result';
  if (commandId === 'findImage' && found !== (words !== 'platypus'))
    throw new Error(`Find image "${words}" answered ${JSON.stringify(res).slice(0, 200)}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.9 * xs.length) - 1]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-bench-search-'));
  let host: Host | null = null;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      LOCAL_PROVIDER: 'fast',
      BOT_DEV_SERVICE_URL: SERVICE_URL,
    });
    host = await startHost(config, createLogger(config));
    const filled = performance.now();
    const { alice } = await fill(host);
    const fillSeconds = (performance.now() - filled) / 1000;

    // alice's newest copy: its number is unique, so exactly one image matches.
    const rare = `scene number ${Math.floor((GALLERY - 2) / 10) * 10}`;
    const cases: [string, string, string | null][] = [
      ['unknown command (baseline)', 'benchmarkBaseline', 'x'],
      ['Find image, initial run (latest 10)', 'findImage', null],
      ['Find image, a common word ("koala")', 'findImage', 'koala'],
      [`Find image, one match ("${rare}")`, 'findImage', rare],
      ['Find image, no match ("platypus")', 'findImage', 'platypus'],
    ];
    const times = new Map(cases.map(([label]) => [label, [] as number[]]));
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [label, commandId, words] of cases) {
        const ms = await timed(host, commandId, words);
        if (i >= WARMUP) times.get(label)!.push(ms);
      }
    }
    const cpu = cpus();
    out(`Find image benchmark, ${new Date().toISOString()}`);
    out(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}`,
    );
    out(
      `Gallery: ${GALLERY} generations in the tenant (${alice} of them alice's), SQLite store, filled in ${fillSeconds.toFixed(1)} s`,
    );
    out(
      `Runs: ${RUNS} of each after ${WARMUP} warm-up, interleaved; round trip of POST /api/messages as Teams sends it`,
    );
    out();
    out('| invoke | runs | median ms | p90 ms | median vs baseline |');
    out('| --- | ---: | ---: | ---: | ---: |');
    const base = median(times.get(cases[0]![0])!);
    for (const [label] of cases) {
      const xs = times.get(label)!;
      out(
        `| ${label} | ${xs.length} | ${median(xs).toFixed(1)} | ${p90(xs).toFixed(1)} | ${(median(xs) / base).toFixed(2)}x |`,
      );
    }
  } finally {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
