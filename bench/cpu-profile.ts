// Reads a V8 CPU profile (`.cpuprofile`, from node --cpu-prof or the inspector) and ranks where the main
// thread's time went, as markdown tables for docs/benchmarks.md: self time per function, and inclusive time
// per backend function (the costs to remove, in order of size). Shares are of the busy (non-idle) samples; on
// a shared machine a sampled millisecond includes time the thread was waiting for a core, so the tables turn
// shares into CPU time with the main thread's measured CPU time per request when it is given.
// Also a CLI: `node bench/cpu-profile.ts FILE.cpuprofile [rows]`.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Ranked {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleShare: number;
  self: Ranked[];
  inclusive: Ranked[];
}

const ROOT = resolve(import.meta.dirname, '..');

function frameName(f: CallFrame): string {
  const fn = f.functionName || '(anonymous)';
  if (!f.url) return fn; // native code, (garbage collector), (idle), (program)
  const path = f.url.startsWith('file://') ? new URL(f.url).pathname : f.url;
  const rel = path.startsWith(ROOT) ? relative(ROOT, path) : path;
  const short = rel.replace(/^.*node_modules\//, '');
  return `${fn} (${short}:${f.lineNumber + 1})`;
}

const isBackend = (f: CallFrame) => f.url.includes('/backend/src/');

export function summarise(profile: CpuProfile, rows = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous sample: attribute it to this one.
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    // Stopping the profiler (node:inspector) is recorded too; it is no cost of the code under test.
    if (!node || node.callFrame.url === 'node:inspector') return;
    total += dt;
    let leaf = frameName(node.callFrame);
    // Native code (a SQLite statement, sharp's pipeline, a syscall) has no script: name who called it.
    if (!node.callFrame.url && !leaf.startsWith('(')) {
      const caller = parent.get(id);
      leaf = `${leaf} (native, from ${caller === undefined ? '?' : frameName(byId.get(caller)!.callFrame)})`;
    } else if (leaf === '(anonymous)' && !node.callFrame.url) {
      const caller = parent.get(id);
      leaf = `(native, from ${caller === undefined ? '?' : frameName(byId.get(caller)!.callFrame)})`;
    }
    if (leaf === '(idle)') idle += dt;
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!isBackend(f)) continue;
      const name = frameName(f);
      if (seen.has(name)) continue; // recursion and re-entry count once per sample
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
    }
  });
  const rank = (m: Map<string, number>): Ranked[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([name, ms]) => ({ name, ms, share: total - idle > 0 ? ms / (total - idle) : 0 }));
  return {
    totalMs: total,
    idleShare: total > 0 ? idle / total : 0,
    self: rank(self),
    inclusive: rank(inclusive),
  };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** `cpuPerRequest`: the main thread's CPU µs per request over the profiled window, to scale shares by. */
export function markdown(s: ProfileSummary, cpuPerRequest?: number): string {
  const lines: string[] = [];
  const per = (share: number) => (cpuPerRequest ? ` | ${(share * cpuPerRequest).toFixed(0)}` : '');
  const head = cpuPerRequest ? ' | ≈ CPU µs per request' : '';
  const rule = cpuPerRequest ? ' | ---:' : '';
  lines.push(`Profile: ${(s.totalMs / 1000).toFixed(1)} s sampled, idle ${pct(s.idleShare)}`);
  lines.push('');
  lines.push(`| self time (function) | share of busy${head} |`);
  lines.push(`| --- | ---:${rule} |`);
  for (const r of s.self)
    if (r.name !== '(idle)') lines.push(`| ${r.name} | ${pct(r.share)}${per(r.share)} |`);
  lines.push('');
  lines.push(`| inclusive time (backend function) | share of busy${head} |`);
  lines.push(`| --- | ---:${rule} |`);
  for (const r of s.inclusive) lines.push(`| ${r.name} | ${pct(r.share)}${per(r.share)} |`);
  return lines.join('\n');
}

if (import.meta.main) {
  const [file, rows] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/cpu-profile.ts FILE.cpuprofile [rows]');
  process.stdout.write(`${markdown(summarise(readProfile(file), rows ? Number(rows) : 15))}\n`);
}
