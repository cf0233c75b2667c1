// Issue #10 (defect 2) on the grouped ledger, engine alone, on both adapters with two engines on two connections:
// money is judged by the settings the counter holds, never by the copy of the department a caller read. A budget
// change that lands while reservations and approved overages are being grouped and written is in force for every
// one decided after it: nothing is reserved past a hard limit once the mode is hard, under any interleaving.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetEngine } from '../src/budgets/engine.ts';
import {
  budgetTarget,
  changed,
  counterOf,
  openReservations,
  sqliteFolder,
  storePairs,
} from './support/budget-engines.ts';
import { until } from './support/until.ts';

const folder = sqliteFolder();
afterAll(folder.remove);
const log = pino({ level: 'silent' });
const engineOn = (store: ConstructorParameters<typeof BudgetEngine>[0]['store']) =>
  new BudgetEngine({ store, log, onThreshold: async () => {} });

describe.each(storePairs(folder.dir))('budget settings in force on %s', (_name, open) => {
  it('a caller that read older settings is held to the ones in force: a lower limit, then hard', async () => {
    const [s1, s2] = await open();
    const [e1, e2] = [engineOn(s1), engineOn(s2)];
    const stale = budgetTarget(100_000, 'soft');
    expect((await e1.reserve(stale, 10_000, randomUUID())).decision).toBe('allow');

    // The other instance lowers the limit and turns the department hard (revision 1).
    const atChange = await e2.applySettings(changed(stale, { limitMicros: 20_000, mode: 'hard' }, 1));
    expect(atChange).toEqual({ spentMicros: 0, reservedMicros: 10_000 });

    // The stale copy says soft with A$0.10: the counter says hard with A$0.02, and that decides.
    const over = await e1.reserve(stale, 20_000, randomUUID());
    expect(over).toMatchObject({ decision: 'deny' });
    expect('reason' in over && over.reason).toMatch(/left of A\$0\.0200/);
    const overage = await e1.reserveOverage(stale, 20_000, randomUUID());
    expect(overage).toEqual({
      refused: expect.stringMatching(/now a hard limit of A\$0\.0200/),
    });
    expect((await e1.reserve(stale, 10_000, randomUUID())).decision).toBe('allow'); // fits the new limit
    const c = await counterOf(s1, stale);
    expect([c.spent, c.reserved, c.rev, c.mode, c.hard, c.ceiling]).toEqual([
      0,
      20_000,
      1,
      'hard',
      1,
      20_000,
    ]);
    expect(await openReservations(s1, stale)).toBe(2);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('a caller that read newer settings puts them in force first; older ones never replace them', async () => {
    const [s1, s2] = await open();
    const [e1, e2] = [engineOn(s1), engineOn(s2)];
    const hard = budgetTarget(10_000, 'hard', 1);
    expect((await e1.reserve(hard, 10_000, randomUUID())).decision).toBe('allow');
    // Revision 2 turned it soft, but the write-through to the counter never happened: the next caller that
    // read revision 2 brings the counter up to date in the same transaction as its own reservation.
    const soft = changed(hard, { mode: 'soft' }, 2);
    const overage = await e2.reserveOverage(soft, 20_000, randomUUID());
    expect('reservation' in overage).toBe(true);
    // A late caller that still read revision 1 changes nothing back.
    expect((await e1.reserve(hard, 5_000, randomUUID())).decision).toBe('needs_approval');
    expect(await e1.applySettings(hard)).toEqual({ spentMicros: 0, reservedMicros: 30_000 });
    const c = await counterOf(s1, hard);
    expect([c.rev, c.mode, c.hard, c.reserved, c.overage]).toEqual([2, 'soft', 0, 30_000, 0]);
    await Promise.all([s1.close(), s2.close()]);
  });

  it('overages racing a change to hard: none is reserved after the change took effect', async () => {
    const [s1, s2] = await open();
    const engines = [engineOn(s1), engineOn(s2)];
    const stale = budgetTarget(0, 'soft'); // every reservation is an overage
    const amount = 1_000;
    let decided = 0;
    const granted: string[] = [];
    const lane = async (lane: number, count: number) => {
      for (let i = 0; i < count; i++) {
        const key = randomUUID();
        const o = await engines[(lane + i) % 2]!.reserveOverage(stale, amount, key);
        if ('reservation' in o) granted.push(key);
        decided++;
      }
    };
    const lanes = Promise.all(Array.from({ length: 6 }, (_, l) => lane(l, 30)));
    await until(async () => decided >= 20, 'twenty decided overages');
    const atSwitch = await engines[1]!.applySettings(changed(stale, { mode: 'hard' }, 1));
    await lanes;

    const c = await counterOf(s1, stale);
    // Everything reserved was reserved before the change took effect; nothing after.
    expect(c.reserved).toBe(atSwitch.reservedMicros);
    expect(c.reserved).toBe(granted.length * amount);
    expect(granted.length).toBeGreaterThanOrEqual(20);
    expect(await openReservations(s1, stale)).toBe(granted.length);
    expect([c.mode, c.hard, c.spent]).toEqual(['hard', 1, 0]);
    // From now on, whoever asks and whatever they read: refused.
    const late = await Promise.all(
      Array.from({ length: 10 }, (_, i) => engines[i % 2]!.reserveOverage(stale, amount, randomUUID())),
    );
    expect(late.every((o) => 'refused' in o)).toBe(true);
    expect((await counterOf(s2, stale)).reserved).toBe(atSwitch.reservedMicros);
    await Promise.all([s1.close(), s2.close()]);
  });
});
