// Reservation rate for a single hot department: many concurrent callers reserving against one budget counter.
// Two rows: the budget engine (BudgetPort reserve, then commit, as the pipeline does) and the store primitive
// of a single-document guarded increment, measured directly against the store (SQLite or Cosmos DB).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { BudgetEngine } from '../backend/src/budgets/engine.ts';
import type { DepartmentRecord } from '../backend/src/departments/record.ts';
import type { BudgetTarget } from '../backend/src/ports/budget.ts';
import type { DocumentStore } from '../backend/src/ports/store.ts';
import { quantile } from './load.ts';

export interface HotCounterResult {
  label: string;
  callers: number;
  /** Successful reservations in the measured window. */
  ok: number;
  refused: number;
  seconds: number;
  /** Milliseconds per reservation (the reserve call alone). */
  p50: number;
  p99: number;
  /** What the counter holds afterwards matches what the callers saw succeed (no lost or doubled update). */
  consistent: boolean;
}

export interface HotOptions {
  callers: number;
  seconds: number;
  warmupSeconds: number;
}

const TENANT = `bench-${randomUUID().slice(0, 8)}`;
const UNIT_MICROS = 20_000; // A$0.02: one local standard image
const HUGE = 1_000_000_000_000_000; // A$1,000,000,000 in micro-AUD: nothing is refused

/** Runs `callers` loops of `op` (returns whether it succeeded) for the warm-up, then for the measured window. */
async function measure(opts: HotOptions, op: () => Promise<{ ok: boolean; ms: number }>) {
  let ok = 0;
  let refused = 0;
  const latencies: number[] = [];
  const phase = async (ms: number, record: boolean) => {
    const end = performance.now() + ms;
    const caller = async () => {
      while (performance.now() < end) {
        const r = await op();
        if (!record) continue;
        latencies.push(r.ms);
        if (r.ok) ok++;
        else refused++;
      }
    };
    await Promise.all(Array.from({ length: opts.callers }, caller));
  };
  await phase(opts.warmupSeconds * 1000, false);
  const start = performance.now();
  await phase(opts.seconds * 1000, true);
  const seconds = (performance.now() - start) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return { ok, refused, seconds, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

/** BudgetPort.reserve then commit on one hard-mode department (the guarded path), `callers` at a time. */
async function engineRow(store: DocumentStore, opts: HotOptions): Promise<HotCounterResult> {
  const engine = new BudgetEngine({ store, log: pino({ level: 'silent' }), onThreshold: async () => {} });
  const now = new Date().toISOString();
  const department: DepartmentRecord = {
    tenantId: TENANT,
    name: 'Engineering',
    budget: {
      limitMicros: HUGE,
      mode: 'hard',
      thresholds: [80, 90, 100],
      resetDay: 1,
      timeZone: 'Australia/Sydney',
    },
    policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
    createdAt: now,
    updatedAt: now,
  };
  const target: BudgetTarget = { tenantId: TENANT, departmentId: 'engineering', department };
  const micros = (aud: string) => Math.round(Number(aud) * 1_000_000);
  const spentBefore = micros((await engine.summary(target)).spentAud);
  let committed = 0;
  const r = await measure(opts, async () => {
    const t0 = performance.now();
    const outcome = await engine.reserve(target, UNIT_MICROS, randomUUID());
    const ms = performance.now() - t0;
    if (!('reservation' in outcome)) return { ok: false, ms };
    await engine.commit(outcome.reservation, UNIT_MICROS);
    committed++;
    return { ok: true, ms };
  });
  // Every reservation was committed: nothing stays reserved and spend is exactly the committed total.
  const after = await engine.summary(target);
  return {
    label: `budget engine: reserve + commit on one hot department (${store.kind}, hard mode)`,
    callers: opts.callers,
    ...r,
    consistent:
      micros(after.reservedAud) === 0 && micros(after.spentAud) === spentBefore + committed * UNIT_MICROS,
  };
}

/** The primitive: `reserved += 1` under `spent + reserved <= cap` on one document. */
async function incrementRow(store: DocumentStore, opts: HotOptions): Promise<HotCounterResult> {
  const pk = `${TENANT}:hot`;
  const id = `${TENANT}:hot:counter`;
  await store.create('budgets', pk, id, { spent: 0, reserved: 0, cap: HUGE });
  const before = (await store.get<{ reserved: number }>('budgets', pk, id))!.data.reserved;
  let applied = 0;
  const r = await measure(opts, async () => {
    const t0 = performance.now();
    const res = await store.increment('budgets', pk, id, { reserved: 1 }, [
      { fields: ['spent', 'reserved'], atMost: { field: 'cap' } },
    ]);
    if (res.ok) applied++;
    return { ok: res.ok, ms: performance.now() - t0 };
  });
  const after = (await store.get<{ reserved: number }>('budgets', pk, id))!.data.reserved;
  return {
    label: `store: guarded increment on one hot counter (${store.kind})`,
    callers: opts.callers,
    ...r,
    consistent: after - before === applied,
  };
}

export async function hotCounter(store: DocumentStore, opts: HotOptions): Promise<HotCounterResult[]> {
  return [await engineRow(store, opts), await incrementRow(store, opts)];
}
