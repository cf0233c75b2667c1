// `npm run bench:bot`: how long a Teams user waits for the bot's cards after `/imagine` (issue #5), through the
// real backend process and the Microsoft 365 Agents Playground standing in for Teams (the e2e harness in
// backend/test/support/playground.ts). Measures, one run at a time, the time from sending `/imagine <prompt>`
// to the first card (quote and progress) and to the final card (the same message updated with the image),
// against a `/help` round trip measured in the same run. Talks only to 127.0.0.1; exits 0 when done.
import { createRequire } from 'node:module';
import { cpus, platform, release } from 'node:os';
import type { BudgetSummaryView, EstimateView, MeView } from '@donatello/contracts';
import {
  startPlaygroundHarness,
  type PlaygroundHarness,
  type StreamEvent,
} from '../backend/test/support/playground.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP_RUNS = 2;
const CARD_TIMEOUT_MS = 30_000;
if (!Number.isInteger(RUNS) || RUNS <= 0) throw new Error('BENCH_RUNS must be a positive whole number');

const out = (line = '') => process.stdout.write(`${line}\n`);

// Distinct prompts, words only (no digits for the personal-information checks to look at): the same prompt
// and settings in a department within 30 days is the same dedupe key (backend/src/generations/dedupe.ts).
const ADJECTIVES = ['cheerful', 'sleepy', 'curious', 'brave', 'tiny', 'elegant', 'clumsy', 'proud'];
const ANIMALS = ['koala', 'wombat', 'echidna', 'platypus', 'kookaburra', 'quokka', 'dingo', 'emu'];
const SCENES = [
  'presenting quarterly results',
  'reviewing a budget spreadsheet',
  'leading a design workshop',
  'pitching a marketing campaign',
  'sketching a product roadmap',
  'hosting a team offsite',
  'answering customer emails',
  'planning a product launch',
];
function prompt(i: number): string {
  const n = ADJECTIVES.length;
  const m = ANIMALS.length;
  const s = SCENES.length;
  if (i >= n * m * s) throw new Error(`at most ${n * m * s} distinct prompts`);
  return `a ${ADJECTIVES[i % n]} ${ANIMALS[Math.floor(i / n) % m]} ${SCENES[Math.floor(i / (n * m)) % s]}`;
}

type Card = { body?: unknown[] };
type Element = { type?: unknown; items?: unknown[]; columns?: unknown[] };

const cardOf = (e: StreamEvent): Card | undefined =>
  e.message.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
    Card | undefined;
/** Every element of a card body, containers included (as backend/test/e2e.playground.test.ts walks it). */
const elements = (body: unknown[] | undefined): Element[] =>
  (body ?? []).flatMap((raw) => {
    const el = raw as Element;
    return [el, ...elements([...(el.items ?? []), ...(el.columns ?? [])])];
  });
const hasImage = (e: StreamEvent) => elements(cardOf(e)?.body).some((el) => el.type === 'Image');

async function api<T>(
  h: PlaygroundHarness,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${h.backend.base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const aud = (x: string | number) => `A$${Number(x).toFixed(2)}`;

const token = async (h: PlaygroundHarness, user: string) =>
  (await api<{ accessToken: string }>(h, 'POST', '/dev/token', undefined, { user })).accessToken;

/**
 * The seeded budget is kept when the whole run stays below the department's first alert threshold (an alert
 * would send extra messages and, past the soft limit, approvals). Otherwise the limit is raised, as carol.
 */
async function checkBudget(h: PlaygroundHarness, images: number): Promise<string> {
  const alice = await token(h, h.currentUser);
  const quote = await api<EstimateView>(h, 'POST', '/api/v1/estimates', alice, {
    prompt: 'a budget check before the benchmark',
  });
  const budget = quote.budget;
  if (!budget) throw new Error(`${h.currentUser} has no department budget`);
  const unit = Number(quote.totalCostAud);
  const planned = unit * images;
  const firstAlert = (Number(budget.limitAud) * Math.min(...budget.thresholds)) / 100;
  const what = `${budget.mode} limit ${aud(budget.limitAud)}, local provider ${aud(unit)} an image, ${images} images planned (${aud(planned)})`;
  if (Number(budget.spentAud) + planned < firstAlert)
    return `${what}: below the first alert, seeded limit kept`;
  const me = await api<MeView>(h, 'GET', '/api/v1/me', alice);
  const carol = await token(h, 'carol');
  await api(h, 'PATCH', `/api/v1/departments/${me.department!.id}`, carol, {
    budget: { limitAud: '1000000' },
  });
  return `${what}: would reach the first alert, limit raised to A$1000000`;
}

async function spent(h: PlaygroundHarness): Promise<BudgetSummaryView | null> {
  return (await api<MeView>(h, 'GET', '/api/v1/me', await token(h, h.currentUser))).budget;
}

interface Timings {
  help: number[];
  first: number[];
  final: number[];
}

async function measure(h: PlaygroundHarness, runs: number, offset: number, t: Timings | null): Promise<void> {
  const chat = h.personalChat;
  const card = (e: StreamEvent) => e.actionConversationId === chat && !!cardOf(e);
  for (let i = 0; i < runs; i++) {
    // Baseline: `/help`, answered in the turn with a static card, through the same Playground and bot.
    let from = h.stream.events.length;
    let t0 = performance.now();
    await h.send('/help');
    const help = await h.stream.next(
      (e) => e.action === 'createMessage' && card(e) && JSON.stringify(cardOf(e)).includes('/imagine'),
      CARD_TIMEOUT_MS,
      from,
    );
    t?.help.push(help.receivedAt - t0);

    const text = prompt(offset + i);
    from = h.stream.events.length;
    t0 = performance.now();
    await h.send(`/imagine ${text}`);
    const first = await h.stream.next(
      (e) => e.action === 'createMessage' && card(e) && JSON.stringify(cardOf(e)).includes(text),
      CARD_TIMEOUT_MS,
      from,
    );
    const done = await h.stream.next(
      (e) => e.action === 'updateMessage' && e.message.messageId === first.message.messageId && hasImage(e),
      CARD_TIMEOUT_MS,
      from,
    );
    t?.first.push(first.receivedAt - t0);
    t?.final.push(done.receivedAt - t0);
  }
}

/**
 * "Find image" (composeExtension/query) as the message extension sends it, over the images the runs made,
 * against the same invoke for an unknown command (answered at once, no store read) as its baseline.
 */
async function measureSearch(
  h: PlaygroundHarness,
  runs: number,
): Promise<{ search: number[]; invoke: number[] }> {
  const query = (commandId: string, words: string) =>
    h.invoke('composeExtension/query', {
      commandId,
      parameters: [{ name: 'query', value: words }],
      queryOptions: { skip: 0, count: 10 },
    });
  const times = { search: [] as number[], invoke: [] as number[] };
  for (let i = 0; i < runs + WARMUP_RUNS; i++) {
    let t0 = performance.now();
    await query('benchmarkBaseline', 'x');
    const invoke = performance.now() - t0;
    t0 = performance.now();
    const res = (await query('findImage', i % 2 ? ANIMALS[0]! : 'a')) as {
      composeExtension?: { type?: string };
    };
    const search = performance.now() - t0;
    if (res.composeExtension?.type !== 'result')
      throw new Error(`Find image found nothing: ${JSON.stringify(res)}`);
    if (i < WARMUP_RUNS) continue;
    times.invoke.push(invoke);
    times.search.push(search);
  }
  return times;
}

interface Stats {
  median: number;
  p90: number;
  min: number;
  max: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  // Nearest rank, as bench/load.ts computes its percentiles.
  const p90 = s[Math.min(s.length, Math.max(1, Math.ceil(0.9 * s.length))) - 1]!;
  return { median, p90, min: s[0]!, max: s[s.length - 1]! };
}

const fmt = (n: number) => n.toFixed(1);
const ratio = (r: number) => `${r.toFixed(2)}x`;

function playgroundVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('@microsoft/m365agentsplayground/package.json') as { version?: string };
  return manifest.version ?? 'unknown';
}

async function main(): Promise<void> {
  const started = new Date();
  const h = await startPlaygroundHarness({
    env: {
      LOG_LEVEL: 'warn',
      // The drawing local provider (not `fast`): the first card does not wait for it, the final card does.
      LOCAL_PROVIDER: 'on',
      // alice is a standard user (10 generations a minute by default); the runs follow each other closely.
      RATE_LIMITS: ['standard_user', 'power_user', 'dept_manager', 'org_admin', 'super_admin']
        .map((r) => `${r}=99999`)
        .join(','),
    },
  });
  try {
    const budgetNote = await checkBudget(h, WARMUP_RUNS + RUNS);
    // Log lines from here on: the startup warnings of the development bot settings are expected.
    const logFrom = h.backend.output().length;
    await measure(h, WARMUP_RUNS, 0, null);
    const t: Timings = { help: [], first: [], final: [] };
    await measure(h, RUNS, WARMUP_RUNS, t);
    const after = await spent(h);
    const searched = await measureSearch(h, RUNS);

    const help = stats(t.help);
    const first = stats(t.first);
    const final = stats(t.final);
    const background = stats(t.final.map((f, i) => f - t.first[i]!));
    const cpu = cpus();
    out(`Bot /imagine benchmark, ${started.toISOString()}`);
    out(
      `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}`,
    );
    out(
      `Setup: backend process (SQLite, file blobs, LOCAL_PROVIDER=on) and Agents Playground ${playgroundVersion()} on 127.0.0.1, as ${h.currentUser} in the personal chat`,
    );
    out(
      `Runs: ${RUNS} measured after ${WARMUP_RUNS} warm-up, one at a time, /help and /imagine alternating; each /imagine prompt distinct`,
    );
    out(`Budget: ${budgetNote}; spent afterwards ${after ? aud(after.spentAud) : '?'}`);
    // LOG_LEVEL=warn: anything the backend logged during the runs is a warning or an error on the path.
    const logged = h.backend
      .output()
      .slice(logFrom)
      .split('\n')
      .filter((l) => l.startsWith('{'));
    out(
      `Backend log: ${logged.length ? `${logged.length} warnings or errors, first: ${logged[0]!.slice(0, 300)}` : 'no warnings or errors during the runs'}`,
    );
    out(
      "Times include the Agents Playground's own overhead (its HTTP API in, its connector and conversation WebSocket out): it stands in for Teams, and the /help baseline pays the same.",
    );
    out();
    out('| from sending … to … | runs | median ms | p90 ms | min ms | max ms | median vs /help |');
    out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const row = (label: string, s: Stats, n: number, vs: string) =>
      out(`| ${label} | ${n} | ${fmt(s.median)} | ${fmt(s.p90)} | ${fmt(s.min)} | ${fmt(s.max)} | ${vs} |`);
    row('`/help` → help card (baseline)', help, t.help.length, ratio(1));
    row(
      '`/imagine` → first card (quote, progress)',
      first,
      t.first.length,
      ratio(first.median / help.median),
    );
    row('`/imagine` → final card (image)', final, t.final.length, ratio(final.median / help.median));
    row('first card → final card (per run)', background, t.final.length, '');
    out();
    out(
      `Ratios of medians: first card / help ${ratio(first.median / help.median)}, final card / help ${ratio(final.median / help.median)}`,
    );
    const invoke = stats(searched.invoke);
    const search = stats(searched.search);
    out();
    out(
      '| message extension invoke, round trip | runs | median ms | p90 ms | min ms | max ms | median vs baseline |',
    );
    out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    row('unknown command (baseline)', invoke, searched.invoke.length, ratio(1));
    row(
      '"Find image" search (Teams allows 5,000 ms)',
      search,
      searched.search.length,
      ratio(search.median / invoke.median),
    );
  } finally {
    await h.stop();
  }
}

await main();
