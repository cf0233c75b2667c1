// The concurrency proof (issue #4), on SQLite and on the Cosmos DB test server: two backend processes share
// one store. 1,000 generation requests (50 in flight at any moment) from several users against one department
// whose hard budget allows exactly 500 images: exactly 500 succeed, spend equals the limit to the micro-dollar, no
// reservation is left open, the audit chain verifies. Then 50 concurrent decisions on one approval from two
// managers through both processes: exactly one wins.
// The requests go through an HTTP client with explicit, scaled timeouts and at most IN_FLIGHT of them at once:
// every one still races the others for the last dollars, but none waits behind all 999 others. The Cosmos case
// has a Cosmos DB test server of its own, so other files' Cosmos traffic never slows the proof down.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import type { DocumentStore } from '../src/ports/store.ts';
import { AuditTrail } from '../src/audit/trail.ts';
import type { BudgetCounter } from '../src/budgets/counter.ts';
import type { GenerationRecord } from '../src/generations/record.ts';
import { microsToAud } from '../src/domain/money.ts';
import { call, devToken, startBackend, type BackendProcess } from './support/backend-process.ts';
import { inFlight, testAgent } from './support/http.ts';
import { startCosmos, type RunningServer } from './support/servers.ts';
import { PROOF_TIMEOUT_MS, waitFor } from './support/timing.ts';

const dirs: string[] = [];
let cosmos: RunningServer & { endpoint: string; key: string };
beforeAll(async () => {
  cosmos = await startCosmos();
});
afterAll(async () => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  await cosmos?.stop();
});

/** Images the budget allows; twice as many are requested. CONCURRENCY_N shrinks it for quick local runs. */
const N = Number(process.env.CONCURRENCY_N ?? 500);
/**
 * Requests in flight at once, across both processes: enough that every slot of the budget is fought over, few
 * enough that a request waits behind a short queue. The audit chain is one sequence per tenant, so the run's
 * total time is set by the machine, not by this number; what it bounds is each request's wait.
 */
const IN_FLIGHT = 50;
/** Each request's own limit: on a machine shared with a dozen busy processes one waited 60-90 s. */
const REQUEST_TIMEOUT_MS = 600_000;
const BIG = 'standard_user=100000,power_user=100000,dept_manager=100000,org_admin=100000,super_admin=100000';

const setups: [string, () => { env: Record<string, string>; open: () => Promise<DocumentStore> }][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'donatello-conc-'));
      dirs.push(dir);
      return { env: { DATA_DIR: dir }, open: async () => new SqliteStore(join(dir, 'donatello.db')) };
    },
  ],
  [
    'cosmos',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'donatello-conc-'));
      dirs.push(dir);
      const { endpoint, key } = cosmos;
      const database = `conc-${randomUUID()}`;
      return {
        env: {
          DATA_DIR: dir,
          STORE: 'cosmos',
          COSMOS_ENDPOINT: endpoint,
          COSMOS_KEY: key,
          COSMOS_DATABASE: database,
          COSMOS_ALLOW_SELF_SIGNED: 'true',
        },
        open: () => CosmosStore.open({ endpoint, key, database, allowSelfSigned: true }),
      };
    },
  ],
];

describe.each(setups)('zero overspend on %s with two processes', (_name, setup) => {
  it(
    '1,000 requests racing 50 at a time, budget for 500: exactly 500 run; 50 concurrent decisions: one wins',
    { timeout: PROOF_TIMEOUT_MS },
    async () => {
      const { env, open } = setup();
      // The worker and housekeeping poll at their defaults: each request starts its own job, and on the Cosmos
      // DB test server every poll is a scan that competes with the audit chain for the same CPU.
      const common = {
        ...env,
        LOCAL_PROVIDER: 'fast',
        RATE_LIMITS: BIG,
      };
      // The first process creates the dev signing key and seeds; the second reuses both.
      const a = await startBackend(common);
      const b = await startBackend(common);
      const procs: BackendProcess[] = [a, b];
      const store = await open();
      try {
        const carol = await devToken(a.base, 'carol');
        const created = await call(a.base, 'POST', '/api/v1/departments', carol, {
          id: 'load',
          name: 'Load test',
          budget: { limitAud: microsToAud(N * 20_000), mode: 'hard' },
        });
        expect(created.status).toBe(201);
        const users = (await call(a.base, 'GET', '/dev/users')).body.users as {
          name: string;
          objectId: string;
        }[];
        const oid = Object.fromEntries(users.map((u) => [u.name, u.objectId]));
        for (const u of ['alice', 'dave']) {
          expect(
            (await call(a.base, 'PATCH', `/api/v1/users/${oid[u]}`, carol, { departmentId: 'load' })).status,
          ).toBe(200);
        }
        const requesters = ['alice', 'dave', 'carol'];
        const tokens = Object.fromEntries(
          await Promise.all(requesters.map(async (u) => [u, await devToken(a.base, u)] as const)),
        );
        await call(a.base, 'PATCH', `/api/v1/users/${oid.carol}`, await devToken(a.base, 'erin'), {
          departmentId: 'load',
        });

        const t0 = performance.now();
        const agent = testAgent({ connections: IN_FLIGHT, timeoutMs: REQUEST_TIMEOUT_MS });
        const results = await inFlight(
          IN_FLIGHT,
          Array.from(
            { length: N * 2 },
            (_, i) => () =>
              call(
                procs[i % 2]!.base,
                'POST',
                '/api/v1/generations',
                tokens[requesters[i % 3]!],
                { prompt: `load test ${i}` },
                agent,
              ),
          ),
        );
        await agent.close();
        const byStatus = results.reduce<Record<number, number>>(
          (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
          {},
        );
        expect(byStatus).toEqual({ 202: N, 402: N });
        process.stdout.write(`requests done in ${Math.round(performance.now() - t0)} ms\n`);

        const tenant = (await call(a.base, 'GET', '/api/v1/me', tokens.alice)).body.user.tenantId as string;
        const count = (status: string) =>
          store.count('generations', { pk: tenant, where: [{ field: 'status', op: '=', value: status }] });
        let open = { queued: 0, running: 0 };
        await waitFor(
          async () => {
            open = { queued: await count('queued'), running: await count('running') };
            return open.queued + open.running === 0;
          },
          {
            what: 'the queue to drain',
            timeoutMs: 600_000,
            intervalMs: 500,
            seen: () => JSON.stringify(open),
          },
        );
        const done = await store.count('generations', {
          pk: tenant,
          where: [
            { field: 'departmentId', op: '=', value: 'load' },
            { field: 'status', op: '=', value: 'succeeded' },
          ],
        });
        expect(done).toBe(N);
        process.stdout.write(`drained in ${Math.round(performance.now() - t0)} ms\n`);
        const counters = await store.query<BudgetCounter>('budgets', {
          where: [{ field: 'departmentId', op: '=', value: 'load' }],
        });
        expect(counters.items).toHaveLength(1);
        const c = counters.items[0]!.data;
        expect(c.spent).toBe(N * 20_000);
        expect(c.reserved).toBe(0);
        // No reservation is left open (each open one is a document of its own, budgets/counter.ts).
        const reservations = [{ field: 'kind', op: '=' as const, value: 'reservation' }];
        expect(await store.count('budgets', { pk: counters.items[0]!.pk, where: reservations })).toBe(0);
        expect(c.res ?? {}).toEqual({});
        const sample = await store.query<GenerationRecord>('generations', {
          pk: tenant,
          where: [{ field: 'status', op: '=', value: 'succeeded' }],
          limit: 5,
        });
        for (const g of sample.items) expect(g.data.images).toHaveLength(1);

        // 50 concurrent clicks on one approval, by two managers, through both processes.
        await call(a.base, 'PATCH', '/api/v1/departments/marketing', carol, { budget: { limitAud: '0' } });
        await call(a.base, 'PATCH', `/api/v1/users/${oid.fiona}`, carol, { departmentId: 'marketing' });
        const bobT = await devToken(a.base, 'bob');
        const fionaT = await devToken(b.base, 'fiona');
        const aliceT = tokens.alice;
        await call(a.base, 'PATCH', `/api/v1/users/${oid.alice}`, carol, { departmentId: 'marketing' });
        const pending = await call(a.base, 'POST', '/api/v1/generations', aliceT, {
          prompt: 'needs approval',
        });
        expect(pending.status).toBe(202);
        const approvalId = pending.body.approval.id as string;
        const clicks = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            call(
              procs[i % 2]!.base,
              'POST',
              `/api/v1/approvals/${approvalId}/decision`,
              i % 2 ? bobT : fionaT,
              { decision: i % 3 ? 'approve' : 'reject' },
            ),
          ),
        );
        const statuses = clicks.map((r) => r.status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        expect(statuses.filter((s) => s === 409)).toHaveLength(49);
        for (const r of clicks.filter((x) => x.status === 409)) expect(r.body.code).toBe('already-decided');

        const verify = await new AuditTrail(store, pino({ level: 'silent' })).verify(tenant);
        expect(verify.ok).toBe(true);
        expect(verify.checked).toBeGreaterThan(N * 3);
      } finally {
        await Promise.all(procs.map((p) => p.stop()));
        await store.close();
      }
    },
  );
});
