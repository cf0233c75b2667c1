// Crash safety (issue #4): a backend process killed with SIGKILL while generations run. After a restart every
// reservation is either committed with its image stored or released; nothing is lost, nothing is charged
// twice, and the audit chain verifies.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { AuditTrail } from '../src/audit/trail.ts';
import type { BudgetCounter } from '../src/budgets/counter.ts';
import type { GenerationRecord } from '../src/generations/record.ts';
import { call, devToken, startBackend } from './support/backend-process.ts';
import { PROOF_TIMEOUT_MS, waitFor } from './support/timing.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(
  'SIGKILL mid-flight: after restart every reservation is committed with its image, or released',
  { timeout: PROOF_TIMEOUT_MS },
  async () => {
    const env = {
      DATA_DIR: dir,
      LOCAL_PROVIDER: 'on', // real drawing (~70 ms an image), so work is in flight when the process dies
      RATE_LIMITS:
        'standard_user=100000,power_user=100000,dept_manager=100000,org_admin=100000,super_admin=100000',
      GENERATION_LEASE_MS: '2000',
      GENERATION_POLL_MS: '200',
      GENERATION_ORPHAN_MS: '500',
      HOUSEKEEPING_MS: '300',
      RESERVATION_LEASE_MS: '1000',
    };
    const first = await startBackend(env);
    const carol = await devToken(first.base, 'carol');
    await call(first.base, 'PATCH', '/api/v1/departments/engineering', carol, {
      budget: { limitAud: '100', mode: 'hard' },
    });
    const ask = (i: number) =>
      call(first.base, 'POST', '/api/v1/generations', carol, { prompt: `crash test ${i}`, n: 2 }).then(
        (r) => ({ status: r.status, id: r.body?.id as string | undefined }),
        () => ({ status: 'connection lost' as const, id: undefined }),
      );
    const store = new SqliteStore(join(dir, 'donatello.db'));
    const count = (status: string) =>
      store.count('generations', { where: [{ field: 'status', op: '=', value: status }] });
    // Some finish first (so the restart must not charge them again); then the rest start, and the plug is
    // pulled while they are running. Conditions, not times: the jobs run side by side and tend to finish
    // together, so a fixed wait could find all or none of them done.
    const early = await Promise.all([0, 1, 2].map(ask));
    await waitFor(async () => (await count('succeeded')) >= 3, {
      what: 'three generations to succeed',
      timeoutMs: 120_000,
    });
    const requests = Array.from({ length: 37 }, (_, i) => ask(3 + i));
    await waitFor(async () => (await count('running')) >= 1, {
      what: 'generations to be running',
      timeoutMs: 120_000,
    });
    await first.kill();
    const answers = [...early, ...(await Promise.all(requests))];
    expect(answers).toHaveLength(40);
    // Every request was either accepted (202) or cut off by the crash: nothing refused, nothing failed.
    for (const a of answers) expect([202, 'connection lost']).toContain(a.status);
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.id!);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    const inFlight = await store.count('generations', {
      where: [{ field: 'status', op: '!=', value: 'succeeded' }],
    });
    expect(inFlight).toBeGreaterThan(0); // the crash really interrupted work

    const second = await startBackend(env);
    try {
      let open = 0;
      let counter: BudgetCounter | undefined;
      await waitFor(
        async () => {
          open =
            (await store.count('generations', { where: [{ field: 'status', op: '=', value: 'queued' }] })) +
            (await store.count('generations', { where: [{ field: 'status', op: '=', value: 'running' }] }));
          counter = (
            await store.query<BudgetCounter>('budgets', {
              where: [{ field: 'departmentId', op: '=', value: 'engineering' }],
            })
          ).items[0]?.data;
          return open === 0 && counter?.reserved === 0;
        },
        {
          what: 'every generation to settle and every reservation to close',
          timeoutMs: 300_000,
          intervalMs: 250,
          seen: () => `${open} open, ${counter?.reserved} reserved`,
        },
      );
      if (!counter) throw new Error('no budget counter');
      // No reservation is left open (each open one is a document of its own, budgets/counter.ts).
      expect(
        await store.count('budgets', { where: [{ field: 'kind', op: '=', value: 'reservation' }] }),
      ).toBe(0);
      expect(counter.res ?? {}).toEqual({});
      const all = await store.query<GenerationRecord>('generations', { limit: 200 });
      // Every request the first process accepted is on record and finished.
      const recorded = new Set(all.items.map((d) => d.id));
      for (const id of accepted) expect(recorded.has(id), id).toBe(true);
      let charged = 0;
      for (const { id, data: g } of all.items) {
        expect(['succeeded', 'failed']).toContain(g.status);
        if (g.status === 'succeeded') {
          expect(g.images).toHaveLength(2);
          for (const img of g.images) expect(existsSync(join(dir, 'blobs', img.key))).toBe(true);
          charged += g.costMicros ?? 0;
        } else {
          expect(g.costMicros ?? 0).toBe(0);
        }
        expect(id).toBeTruthy();
      }
      // Nothing charged twice: the counter holds exactly the sum of what finished.
      expect(counter.spent).toBe(charged);
      expect(charged).toBeGreaterThan(0);
      const tenant = all.items[0]!.pk;
      expect((await new AuditTrail(store, pino({ level: 'silent' })).verify(tenant)).ok).toBe(true);
    } finally {
      await second.stop();
      await store.close();
    }
  },
);
