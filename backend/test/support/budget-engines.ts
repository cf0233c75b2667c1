// Helpers for the budget engine tests: two stores on one database (two connections standing in for two
// instances) on each adapter, a department to budget for, and reads of its counter and open reservations.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.ts';
import { CosmosStore } from '../../src/adapters/cosmos/cosmos-store.ts';
import type { DocumentStore } from '../../src/ports/store.ts';
import { counterId, counterPk, periodCounterKey, type BudgetCounter } from '../../src/budgets/counter.ts';
import { periodFor } from '../../src/budgets/period.ts';
import type { BudgetTarget } from '../../src/ports/budget.ts';

/** A temporary folder for SQLite files; call the returned function in `afterAll`. */
export function sqliteFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'donatello-ledger-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function storePairs(dir: string): [string, () => Promise<[DocumentStore, DocumentStore]>][] {
  return [
    [
      'sqlite',
      async () => {
        const file = join(dir, `${randomUUID()}.db`);
        return [new SqliteStore(file), new SqliteStore(file)];
      },
    ],
    [
      'cosmos',
      async () => {
        const { endpoint, key } = inject('cosmos');
        const database = `ledger-${randomUUID()}`;
        const a = await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true });
        return [a, await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true })];
      },
    ],
  ];
}

/** A new department of a new tenant; `budgetRev` as a PATCH would have left it. */
export function budgetTarget(
  limitMicros: number,
  mode: 'hard' | 'soft' | 'warn' = 'hard',
  budgetRev?: number,
): BudgetTarget {
  const tenantId = randomUUID();
  const now = new Date().toISOString();
  return {
    tenantId,
    departmentId: `dept-${randomUUID().slice(0, 8)}`,
    department: {
      tenantId,
      name: 'Ledger',
      budget: { limitMicros, mode, thresholds: [80, 90, 100], resetDay: 1, timeZone: 'Australia/Sydney' },
      policy: { residency: 'any', allowedProviders: [], piiAction: 'block' },
      ...(budgetRev !== undefined ? { budgetRev } : {}),
      createdAt: now,
      updatedAt: now,
    },
  };
}

/** The same department as changed by a budget PATCH: new settings under the given revision. */
export function changed(
  t: BudgetTarget,
  budget: Partial<BudgetTarget['department']['budget']>,
  budgetRev: number,
): BudgetTarget {
  return {
    ...t,
    department: { ...t.department, budget: { ...t.department.budget, ...budget }, budgetRev },
  };
}

export const openReservations = (store: DocumentStore, t: BudgetTarget) =>
  store.count('budgets', {
    pk: counterPk(t.tenantId, t.departmentId),
    where: [{ field: 'kind', op: '=', value: 'reservation' }],
  });

export async function counterOf(store: DocumentStore, t: BudgetTarget): Promise<BudgetCounter> {
  const period = periodCounterKey(periodFor(new Date(), 1, 'Australia/Sydney'));
  const doc = await store.get<BudgetCounter>(
    'budgets',
    counterPk(t.tenantId, t.departmentId),
    counterId(t.tenantId, t.departmentId, period),
  );
  return doc!.data;
}
