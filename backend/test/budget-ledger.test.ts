// The budget engine on both store adapters, two engines on two connections standing in for two instances:
// zero overspend, reservations and settlements that apply exactly once, the sweeper, and counters written
// before reservations had documents of their own (their `res` map is still read and settled).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetEngine } from '../src/budgets/engine.ts';
import { counterId, counterPk, type BudgetCounter } from '../src/budgets/counter.ts';
import { periodFor } from '../src/budgets/period.ts';
import type { Reservation } from '../src/ports/budget.ts';
import {
  budgetTarget as target,
  counterOf,
  openReservations,
  sqliteFolder,
  storePairs,
} from './support/budget-engines.ts';

const folder = sqliteFolder();
afterAll(folder.remove);
const log = pino({ level: 'silent' });
const adapters = storePairs(folder.dir);

describe.each(adapters)('budget engine on %s', (_name, open) => {
  it('200 concurrent reservations from two instances against room for 100: exactly 100', async () => {
    const [s1, s2] = await open();
    const engines = [s1, s2].map((store) => new BudgetEngine({ store, log, onThreshold: async () => {} }));
    const t = target(100 * 20_000);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => engines[i % 2]!.reserve(t, 20_000, randomUUID())),
    );
    expect(outcomes.filter((o) => o.decision === 'allow')).toHaveLength(100);
    expect(outcomes.filter((o) => o.decision === 'deny')).toHaveLength(100);
    const c = await counterOf(s1, t);
    expect([c.spent, c.reserved]).toEqual([0, 100 * 20_000]);
    expect(await openReservations(s1, t)).toBe(100);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('a repeated reservation returns the first; 50 concurrent commits of it charge once', async () => {
    const [s1, s2] = await open();
    const engines = [s1, s2].map((store) => new BudgetEngine({ store, log, onThreshold: async () => {} }));
    const t = target(1_000_000);
    const key = randomUUID();
    const first = await engines[0]!.reserve(t, 40_000, key);
    const again = await engines[1]!.reserve(t, 90_000, key);
    expect('reservation' in first && 'reservation' in again).toBe(true);
    if (!('reservation' in first) || !('reservation' in again)) return;
    expect(again.reservation).toEqual(first.reservation);
    expect((await counterOf(s1, t)).reserved).toBe(40_000);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => engines[i % 2]!.commit(first.reservation, 30_000 + i)),
    );
    const c = await counterOf(s1, t);
    expect(c.reserved).toBe(0);
    expect(c.spent).toBeGreaterThanOrEqual(30_000);
    expect(c.spent).toBeLessThan(30_050);
    expect(await openReservations(s1, t)).toBe(0);
    await engines[0]!.release(first.reservation); // after the commit: changes nothing
    expect((await counterOf(s1, t)).spent).toBe(c.spent);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('a commit never charges more than was reserved; overages are counted as such', async () => {
    const [s1, s2] = await open();
    const engine = new BudgetEngine({ store: s1, log, onThreshold: async () => {} });
    const t = target(10_000, 'soft');
    const refused = await engine.reserve(t, 20_000, randomUUID());
    expect(refused.decision).toBe('needs_approval');
    const over = await engine.reserveOverage(t, 20_000, randomUUID());
    if (!('reservation' in over)) throw new Error(`refused: ${over.refused}`);
    await engine.commit(over.reservation, 99_000);
    const c = await counterOf(s1, t);
    expect([c.spent, c.reserved, c.overage]).toEqual([20_000, 0, 20_000]);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('the sweeper settles stale reservations by what their generation became', async () => {
    const [s1, s2] = await open();
    let now = new Date();
    const engine = new BudgetEngine({ store: s1, log, onThreshold: async () => {}, now: () => now });
    const t = target(1_000_000);
    const held: Reservation[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await engine.reserve(t, 10_000, randomUUID());
      if ('reservation' in o) held.push(o.reservation);
    }
    now = new Date(now.getTime() + 60_000);
    const verdicts = new Map<string, 'keep' | 'release' | { commit: number }>([
      [held[0]!.reservationId, 'keep'],
      [held[1]!.reservationId, 'release'],
      [held[2]!.reservationId, { commit: 7_000 }],
    ]);
    const settled = await engine.sweep(30_000, async (r) => verdicts.get(r.reservationId) ?? 'keep');
    expect(settled).toBe(2);
    const c = await counterOf(s1, t);
    expect([c.spent, c.reserved]).toEqual([7_000, 10_000]);
    expect(await openReservations(s1, t)).toBe(1);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('settles reservations that an older counter still holds in its res map, and never adds to it', async () => {
    // A counter from before reservations had documents of their own, and before the zone was part of its id.
    const [s1, s2] = await open();
    let now = new Date();
    const engine = new BudgetEngine({ store: s1, log, onThreshold: async () => {}, now: () => now });
    const t = target(1_000_000);
    const period = periodFor(now, 1, 'Australia/Sydney');
    const [a, b] = [randomUUID(), randomUUID()];
    const at = now.toISOString();
    const legacy = async () =>
      (await s1.get<BudgetCounter>(
        'budgets',
        counterPk(t.tenantId, t.departmentId),
        counterId(t.tenantId, t.departmentId, period.key),
      ))!.data;
    await s1.create<BudgetCounter>(
      'budgets',
      counterPk(t.tenantId, t.departmentId),
      counterId(t.tenantId, t.departmentId, period.key),
      {
        tenantId: t.tenantId,
        departmentId: t.departmentId,
        period: period.key,
        periodStart: period.start.toISOString(),
        periodEnd: period.end.toISOString(),
        spent: 0,
        reserved: 50_000,
        overage: 0,
        limit: 1_000_000,
        thresholds: [80, 90, 100],
        mode: 'hard',
        res: { [a]: { amount: 20_000, at, overage: false }, [b]: { amount: 30_000, at, overage: false } },
        alerted: {},
        createdAt: at,
      },
    );
    // New money goes to the period's counter of today's shape, never into the old map.
    const fresh = await engine.reserve(t, 5_000, randomUUID());
    expect(fresh.decision).toBe('allow');
    expect(Object.keys((await legacy()).res ?? {}).sort()).toEqual([a, b].sort());
    expect(await counterOf(s1, t)).toMatchObject({ reserved: 5_000, timeZone: 'Australia/Sydney' });
    // The old reservations remember the old counter (a bare date) and settle there.
    const asReservation = (id: string, amountMicros: number): Reservation => ({
      tenantId: t.tenantId,
      departmentId: t.departmentId,
      period: period.key,
      reservationId: id,
      amountMicros,
      overage: false,
    });
    await engine.commit(asReservation(a, 20_000), 15_000);
    let c = await legacy();
    expect(Object.keys(c.res ?? {})).toEqual([b]);
    expect([c.spent, c.reserved]).toEqual([15_000, 30_000]);
    now = new Date(now.getTime() + 60_000);
    expect(await engine.sweep(30_000, async (r) => (r.reservationId === b ? 'release' : 'keep'))).toBe(1);
    c = await legacy();
    expect(c.res).toBeUndefined();
    expect([c.spent, c.reserved]).toEqual([15_000, 0]);
    expect((await counterOf(s1, t)).reserved).toBe(5_000);
    await Promise.all([s1.close(), s2.close()]);
  });
});
