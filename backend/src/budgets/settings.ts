// The department's budget settings inside its counter, where every money movement can check them atomically.
// A budget change (PATCH) reaches money only through here: it writes the new limit and mode into the counter
// by a conditional update ordered by the department's `budgetRev`, so of two changes racing, the newer always
// ends up in force, and a reservation or an approved overage is checked against the settings in force at the
// instant it is taken. That is what makes "nothing is reserved past the limit while the mode is hard" hold
// under any interleaving of budget changes and decisions (docs/budgets.md). A money movement that finds the
// counter enforcing older settings than the department its caller read puts those in force first, in the same
// compare-and-set transaction (`adoptNewer`, called by budgets/ledger.ts).
// Must not break: only these functions write `limit`, `mode`, `thresholds`, `rev`, `ceiling` and `hard`.
import type { DepartmentRecord } from '../departments/record.ts';
import type { DocumentStore, Versioned } from '../ports/store.ts';
import { counterId, counterPk, periodCounterKey, type BudgetCounter } from './counter.ts';
import type { Period } from './period.ts';

/** Warn mode has no bound; a safe integer no spend can reach stands for "none" in a guard. */
export const NO_CEILING = Number.MAX_SAFE_INTEGER;

export interface CounterSettings {
  limit: number;
  thresholds: number[];
  mode: string;
  rev: number;
  ceiling: number;
  hard: number;
}

export function counterSettings(dept: DepartmentRecord): CounterSettings {
  const b = dept.budget;
  return {
    limit: b.limitMicros,
    thresholds: b.thresholds,
    mode: b.mode,
    rev: dept.budgetRev ?? 0,
    ceiling: b.mode === 'warn' ? NO_CEILING : b.limitMicros,
    hard: b.mode === 'hard' ? 1 : 0,
  };
}

/** Whether the counter enforces settings at least as new as `rev` (false for counters from before `rev`). */
export function current(c: BudgetCounter, rev: number): boolean {
  return (
    typeof c.rev === 'number' && c.rev >= rev && typeof c.ceiling === 'number' && typeof c.hard === 'number'
  );
}

export interface CounterRef {
  tenantId: string;
  departmentId: string;
  period: Period;
}

/** A fresh counter for the period, enforcing `dept`'s settings. Open reservations are documents of their own. */
export function freshCounter(ref: CounterRef, dept: DepartmentRecord, now: Date): BudgetCounter {
  return {
    tenantId: ref.tenantId,
    departmentId: ref.departmentId,
    period: ref.period.key,
    timeZone: ref.period.timeZone,
    periodStart: ref.period.start.toISOString(),
    periodEnd: ref.period.end.toISOString(),
    spent: 0,
    reserved: 0,
    overage: 0,
    ...counterSettings(dept),
    alerted: {},
    createdAt: now.toISOString(),
  };
}

/** Creates the period's counter if it is missing (create-if-absent, so it never resets one). */
export async function ensureCounter(
  store: DocumentStore,
  ref: CounterRef,
  dept: DepartmentRecord,
  now: Date,
): Promise<void> {
  await store.create(
    'budgets',
    counterPk(ref.tenantId, ref.departmentId),
    counterId(ref.tenantId, ref.departmentId, periodCounterKey(ref.period)),
    freshCounter(ref, dept, now),
  );
}

/**
 * Puts `dept`'s settings into `c` (a counter read at a version, about to be written back by compare-and-set)
 * unless `c` already enforces them or newer ones. Returns whether it changed anything. The compare-and-set
 * orders this against `applySettings` exactly as two `applySettings` are ordered: the newer revision wins.
 */
export function adoptNewer(c: BudgetCounter, dept: DepartmentRecord): boolean {
  if (current(c, dept.budgetRev ?? 0)) return false;
  Object.assign(c, counterSettings(dept));
  return true;
}

/**
 * Puts `dept`'s settings in force in the period's counter unless newer ones already are; creates the counter
 * if it is missing. Returns the counter as it stands afterwards.
 */
export async function applySettings(
  store: DocumentStore,
  ref: CounterRef,
  dept: DepartmentRecord,
  now: Date,
): Promise<Versioned<BudgetCounter>> {
  const pk = counterPk(ref.tenantId, ref.departmentId);
  const id = counterId(ref.tenantId, ref.departmentId, periodCounterKey(ref.period));
  const settings = counterSettings(dept);
  for (let attempt = 0; attempt < 3; attempt++) {
    // Newer than what the counter holds (rev < ours); a counter from before revisions had none at all.
    const newer = await store.update<BudgetCounter>(
      'budgets',
      pk,
      id,
      { set: { ...settings } },
      { guards: [{ fields: ['rev'], atMost: settings.rev - 1 }] },
    );
    if (newer.ok) return newer.doc;
    if (newer.reason === 'missing') {
      await ensureCounter(store, ref, dept, now);
      continue;
    }
    const legacy = await store.update<BudgetCounter>(
      'budgets',
      pk,
      id,
      { set: { ...settings } },
      { absent: ['rev'] },
    );
    if (legacy.ok) return legacy.doc;
    const doc = await store.get<BudgetCounter>('budgets', pk, id);
    if (doc) return doc; // the counter already enforces these settings or newer ones
  }
  throw new Error('budget settings could not be applied to the counter');
}
