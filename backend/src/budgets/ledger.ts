// Money movements on one budget counter, grouped. Every reserve, commit and release of a counter waits in
// that counter's queue; the ones waiting while a group is written form the next group. A group is read (the
// counter and the reservations it names), decided in order against the running totals, and written as one
// transaction: the counter replaced at the version read, reservations created or deleted beside it. What a
// reader must not break: nobody hears an outcome before its transaction committed, and a transaction that
// finds the counter changed (another instance) is read and decided again from scratch, so the limit check
// and the money never act on a stale total. A reservation is judged by the settings the counter holds
// (budgets/settings.ts), never by the copy of the department its caller read: older settings in the counter are
// first replaced by the caller's, in the same transaction. The counter is the first write, so on the Cosmos
// test server, which does not undo a failed batch, a stale read still changes nothing.
import type { DepartmentRecord } from '../departments/record.ts';
import { MAX_TRANSACT, type DocumentStore, type TransactWrite, type Versioned } from '../ports/store.ts';
import {
  reservationDocId,
  type BudgetCounter,
  type ReservationDoc,
  type ReservationEntry,
} from './counter.ts';
import { adoptNewer } from './settings.ts';

/** The counter when a request was decided: its money, and the settings in force it was judged by. */
export interface Totals {
  spent: number;
  reserved: number;
  limit: number;
  hard: number;
}

export interface ReserveRequest {
  kind: 'reserve';
  key: string;
  amount: number;
  /**
   * false: spent + reserved may not pass the counter's ceiling afterwards (the limit in hard and soft mode).
   * true: an approved overage, refused while the counter says hard mode.
   */
  overage: boolean;
  /** The department as the caller read it: its settings go in force first when the counter holds older ones. */
  department: DepartmentRecord;
  at: string;
  /** The counter to create when this period has none yet. */
  fresh: () => BudgetCounter;
}

export interface SettleRequest {
  kind: 'settle';
  key: string;
  /** The cost to charge (at most the amount reserved), or null to release. */
  charge: number | null;
}

export type ReserveOutcome =
  { ok: true; amount: number; overage: boolean; after: Totals } | { ok: false; after: Totals };

/** `counter` is the counter after the group, when this settle changed it. */
export type SettleOutcome = { applied: true; counter: Versioned<BudgetCounter> } | { applied: false };

type Entry =
  | { req: ReserveRequest; resolve: (o: ReserveOutcome) => void; reject: (e: unknown) => void }
  | { req: SettleRequest; resolve: (o: SettleOutcome) => void; reject: (e: unknown) => void };

/** One slot of the transaction is the counter itself. */
const GROUP = MAX_TRANSACT - 1;
const ATTEMPTS = 100;

export class CounterLedger {
  private readonly store: DocumentStore;
  private readonly waiting = new Map<string, Entry[]>();
  constructor(store: DocumentStore) {
    this.store = store;
  }

  reserve(pk: string, id: string, period: string, req: ReserveRequest): Promise<ReserveOutcome> {
    return new Promise((resolve, reject) => this.enqueue(pk, id, period, { req, resolve, reject }));
  }

  settle(pk: string, id: string, period: string, req: SettleRequest): Promise<SettleOutcome> {
    return new Promise((resolve, reject) => this.enqueue(pk, id, period, { req, resolve, reject }));
  }

  private enqueue(pk: string, id: string, period: string, entry: Entry): void {
    const slot = `${pk}\n${id}`;
    const queue = this.waiting.get(slot);
    if (queue) {
      queue.push(entry);
      return;
    }
    this.waiting.set(slot, [entry]);
    void this.drain(slot, pk, id, period);
  }

  /** Writes the counter's waiting requests group by group until none is left. Never rejects. */
  private async drain(slot: string, pk: string, id: string, period: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(slot);
      if (!queue || queue.length === 0) {
        this.waiting.delete(slot);
        return;
      }
      const group = queue.splice(0, GROUP);
      try {
        await this.apply(pk, id, period, group);
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        // Nothing of the group was written: each request goes again on its own, so one that cannot be
        // written does not fail its neighbours.
        else
          for (const e of group)
            await this.apply(pk, id, period, [e]).catch((alone: unknown) => e.reject(alone));
      }
    }
  }

  private async apply(pk: string, id: string, period: string, group: Entry[]): Promise<void> {
    const keys = [...new Set(group.map((e) => e.req.key))];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const counter = await this.store.get<BudgetCounter>('budgets', pk, id);
      if (!counter) {
        const first = group.find((e) => e.req.kind === 'reserve');
        if (!first || first.req.kind !== 'reserve') {
          for (const e of group) (e.resolve as (o: SettleOutcome) => void)({ applied: false });
          return;
        }
        await this.store.create('budgets', pk, id, first.req.fresh()); // create-if-absent
        continue;
      }
      const docs = await Promise.all(
        keys.map((k) => this.store.get<ReservationDoc>('budgets', pk, reservationDocId(period, k))),
      );
      const plan = decide(counter, period, new Map(keys.map((k, i) => [k, docs[i] ?? null])), group);
      if (plan.writes.length === 0 && !plan.changed) {
        plan.resolveAll(counter);
        return;
      }
      const r = await this.store.transact<BudgetCounter | ReservationDoc>('budgets', pk, [
        { op: 'replace', id, data: plan.counter, ifVersion: counter.version },
        ...plan.writes,
      ]);
      if (r.ok) {
        plan.resolveAll(r.docs[0] as Versioned<BudgetCounter>);
        return;
      }
      // The counter or a reservation changed since it was read: read again and decide again.
      if (attempt > 2) await new Promise((res) => setTimeout(res, Math.random() * Math.min(20, attempt)));
    }
    throw new Error('the budget counter stayed too contended to update');
  }
}

/** Decides a group in arrival order against the counter as read. Pure: nothing is resolved until written. */
function decide(
  read: Versioned<BudgetCounter>,
  period: string,
  docs: Map<string, Versioned<ReservationDoc> | null>,
  group: Entry[],
) {
  const c: BudgetCounter = { ...read.data, ...(read.data.res ? { res: { ...read.data.res } } : {}) };
  const writes: TransactWrite<BudgetCounter | ReservationDoc>[] = [];
  const opened = new Map<string, ReservationEntry>();
  const closed = new Set<string>();
  let changed = false;
  const finish: ((after: Versioned<BudgetCounter>) => void)[] = [];
  const totals = (): Totals => ({ spent: c.spent, reserved: c.reserved, limit: c.limit, hard: c.hard ?? 0 });
  const settleMoney = (held: ReservationEntry, charge: number | null) => {
    c.reserved -= held.amount;
    if (charge === null) return;
    const actual = Math.min(charge, held.amount);
    c.spent += actual;
    if (held.overage) c.overage += actual;
  };

  for (const e of group) {
    const key = e.req.key;
    const stored = closed.has(key) ? null : (docs.get(key)?.data ?? null);
    const legacy = closed.has(key) ? undefined : c.res?.[key];
    if (e.req.kind === 'reserve') {
      const req = e.req;
      const resolve = e.resolve as (o: ReserveOutcome) => void;
      if (adoptNewer(c, req.department)) changed = true;
      const earlier = opened.get(key) ?? stored ?? legacy;
      if (earlier) {
        const after = totals();
        finish.push(() => resolve({ ok: true, amount: earlier.amount, overage: earlier.overage, after }));
        continue;
      }
      // adoptNewer leaves `ceiling` and `hard` set, so no counter is judged without them.
      const refused = req.overage ? c.hard !== 0 : c.spent + c.reserved + req.amount > c.ceiling!;
      if (refused) {
        const after = totals();
        finish.push(() => resolve({ ok: false, after }));
        continue;
      }
      c.reserved += req.amount;
      changed = true;
      const entry: ReservationEntry = { amount: req.amount, at: req.at, overage: req.overage };
      opened.set(key, entry);
      const data: ReservationDoc = {
        kind: 'reservation',
        counter: { tenantId: c.tenantId, departmentId: c.departmentId, period },
        reservationId: key,
        ...entry,
      };
      writes.push({ op: 'create', id: reservationDocId(period, key), data });
      const after = totals();
      finish.push(() => resolve({ ok: true, amount: req.amount, overage: req.overage, after }));
      continue;
    }
    const resolve = e.resolve as (o: SettleOutcome) => void;
    const doc = docs.get(key);
    if (stored && doc) {
      settleMoney(stored, e.req.charge);
      writes.push({ op: 'delete', id: doc.id, ifVersion: doc.version });
    } else if (legacy && c.res) {
      settleMoney(legacy, e.req.charge);
      delete c.res[key];
    } else {
      // Already settled (a retry, a takeover, the sweeper): money moves once. A reservation opened in this
      // very group cannot be settled by it; its owner has not heard of it yet.
      finish.push(() => resolve({ applied: false }));
      continue;
    }
    closed.add(key);
    changed = true;
    finish.push((after) => resolve({ applied: true, counter: after }));
  }
  if (c.res && Object.keys(c.res).length === 0) delete c.res;
  return {
    counter: c,
    writes,
    changed,
    resolveAll: (after: Versioned<BudgetCounter>) => finish.forEach((f) => f(after)),
  };
}
