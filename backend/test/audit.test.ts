// The audit chain on both store adapters: concurrent writers through separate connections never fork the
// chain or lose a record, and verify names the first record that was tampered with.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import type { DocumentStore } from '../src/ports/store.ts';
import { AuditTrail, hashRecord, type AuditEvent, type AuditRecord } from '../src/audit/trail.ts';
import { advanceAnchor, readAnchor } from '../src/audit/anchor.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = pino({ level: 'silent' });

const event = (tenantId: string, i: number): AuditEvent => ({
  tenantId,
  actor: { oid: `user-${i % 3}`, tid: tenantId },
  action: 'department.updated',
  target: { type: 'department', id: 'marketing', departmentId: 'marketing' },
  outcome: 'success',
  before: { limitAud: '5.0000' },
  after: { limitAud: `${i}.0000` },
});

const adapters: [string, () => Promise<[DocumentStore, DocumentStore]>][] = [
  ['sqlite', async () => [new SqliteStore(join(dir, 'a.db')), new SqliteStore(join(dir, 'a.db'))]],
  [
    'cosmos',
    async () => {
      const { endpoint, key } = inject('cosmos');
      const database = `audit-${randomUUID()}`;
      const a = await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true });
      return [a, await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true })];
    },
  ],
];

describe.each(adapters)('audit chain on %s', (_name, open) => {
  it('60 concurrent appends from two connections make one unbroken chain of 60', async () => {
    const [s1, s2] = await open();
    const tenant = randomUUID();
    const trails = [new AuditTrail(s1, log), new AuditTrail(s2, log)];
    await Promise.all(Array.from({ length: 60 }, (_, i) => trails[i % 2]!.append(event(tenant, i))));
    expect(await trails[0]!.verify(tenant)).toMatchObject({ ok: true, checked: 60 });
    const page = await s1.query<AuditRecord>('audit', {
      pk: tenant,
      limit: 200,
      orderBy: { field: 'seq', direction: 'asc' },
    });
    expect(page.items.map((d) => d.data.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const targets = page.items.map((d) => (d.data.event.after as { limitAud: string }).limitAud).sort();
    expect(new Set(targets).size).toBe(60); // nothing lost, nothing duplicated
    // The head anchor ends on the newest record, whichever writer finished last.
    const newest = page.items.at(-1)!.data;
    expect(await readAnchor(s1, tenant)).toEqual({ seq: 60, hash: newest.hash, at: newest.at });
    await Promise.all([s1.close(), s2.close()]);
  });

  it('appends that arrive together share a write; one that cannot be stored fails alone', async () => {
    const [store, other] = await open();
    await other.close();
    const trail = new AuditTrail(store, log);
    const tenant = randomUUID();
    const bad: AuditEvent = { ...event(tenant, 99), details: { amount: 10n as unknown as number } };
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, (_, i) => trail.append(event(tenant, i))),
      trail.append(bad),
      ...Array.from({ length: 5 }, (_, i) => trail.append(event(tenant, i + 5))),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      ...Array<string>(5).fill('fulfilled'),
      'rejected',
      ...Array<string>(5).fill('fulfilled'),
    ]);
    expect(await trail.verify(tenant)).toMatchObject({ ok: true, checked: 10 });
    const seqs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.seq] : []));
    expect(new Set(seqs).size).toBe(10);
    await store.close();
  });

  it('verify names the first record after an edit, a deletion or a swap', async () => {
    const [store, other] = await open();
    await other.close();
    const trail = new AuditTrail(store, log);
    const fresh = async () => {
      const tenant = randomUUID();
      for (let i = 0; i < 6; i++) await trail.append(event(tenant, i));
      return tenant;
    };
    const id = (seq: number) => String(seq).padStart(12, '0');

    const edited = await fresh();
    const rec = (await store.get<AuditRecord>('audit', edited, id(3)))!;
    await store.replace(
      'audit',
      edited,
      id(3),
      { ...rec.data, event: { ...rec.data.event, outcome: 'denied' } },
      rec.version,
    );
    expect(await trail.verify(edited)).toMatchObject({ ok: false, firstBrokenSeq: 3, checked: 2 });

    const deleted = await fresh();
    await store.delete('audit', deleted, id(4));
    expect(await trail.verify(deleted)).toMatchObject({ ok: false, firstBrokenSeq: 4 });

    const swapped = await fresh();
    const r2 = (await store.get<AuditRecord>('audit', swapped, id(2)))!;
    const r5 = (await store.get<AuditRecord>('audit', swapped, id(5)))!;
    await store.replace('audit', swapped, id(2), { ...r5.data, seq: 2 }, r2.version);
    await store.replace('audit', swapped, id(5), { ...r2.data, seq: 5 }, r5.version);
    expect(await trail.verify(swapped)).toMatchObject({ ok: false, firstBrokenSeq: 2 });

    const intact = await fresh();
    expect(await trail.verify(intact)).toMatchObject({ ok: true, checked: 6 });
    await store.close();
  });

  it('the head anchor catches deleted newest records and tolerates a crash before it moved', async () => {
    const [store, other] = await open();
    await other.close();
    const trail = new AuditTrail(store, log);
    const id = (seq: number) => String(seq).padStart(12, '0');
    const fresh = async () => {
      const tenant = randomUUID();
      for (let i = 0; i < 6; i++) await trail.append(event(tenant, i));
      return tenant;
    };

    const newest = await fresh();
    await store.delete('audit', newest, id(6));
    expect(await trail.verify(newest)).toEqual({
      ok: false,
      checked: 5,
      headHash: (await store.get<AuditRecord>('audit', newest, id(5)))!.data.hash,
      firstBrokenSeq: 6,
    });

    const twoNewest = await fresh();
    await store.delete('audit', twoNewest, id(6));
    await store.delete('audit', twoNewest, id(5));
    expect(await trail.verify(twoNewest)).toMatchObject({ ok: false, checked: 4, firstBrokenSeq: 5 });
    // New records fill the gap and grow past the old anchor: the anchor remembers the loss.
    const r4 = (await store.get<AuditRecord>('audit', twoNewest, id(4)))!.data;
    // (A trail in another process, which has not cached the head, refills the gap.)
    const elsewhere = new AuditTrail(store, log);
    for (let i = 0; i < 3; i++) await elsewhere.append(event(twoNewest, 10 + i));
    expect(await readAnchor(store, twoNewest)).toMatchObject({ seq: 7, truncated: 5 });
    expect(await trail.verify(twoNewest)).toEqual({
      ok: false,
      checked: 4,
      headHash: r4.hash,
      firstBrokenSeq: 5,
    });

    // A crash between writing record 7 and moving the anchor: the anchor is one behind, the chain is fine.
    const crashed = await fresh();
    const r6 = (await store.get<AuditRecord>('audit', crashed, id(6)))!.data;
    const body = { seq: 7, at: new Date().toISOString(), event: event(crashed, 7) };
    const r7 = { ...body, prevHash: r6.hash, hash: hashRecord(r6.hash, body) };
    await store.create('audit', crashed, id(7), r7);
    expect((await readAnchor(store, crashed))?.seq).toBe(6);
    expect(await trail.verify(crashed)).toEqual({ ok: true, checked: 7, headHash: r7.hash });
    // The next append moves the anchor on; it never moves back.
    await trail.append(event(crashed, 8));
    await advanceAnchor(store, crashed, { seq: 3, hash: r6.hash, at: r6.at });
    expect((await readAnchor(store, crashed))?.seq).toBe(8);

    // The newest record rewritten with a consistent hash: only the anchor can tell.
    const rewritten = await fresh();
    const last = (await store.get<AuditRecord>('audit', rewritten, id(6)))!;
    const forged = { seq: 6, at: last.data.at, event: { ...last.data.event, outcome: 'denied' as const } };
    await store.replace(
      'audit',
      rewritten,
      id(6),
      { ...forged, prevHash: last.data.prevHash, hash: hashRecord(last.data.prevHash, forged) },
      last.version,
    );
    expect(await trail.verify(rewritten)).toMatchObject({ ok: false, checked: 5, firstBrokenSeq: 6 });
    await store.close();
  });

  it('pages and counts a filtered chain in either order', async () => {
    const [store, other] = await open();
    await other.close();
    const trail = new AuditTrail(store, log);
    const tenant = randomUUID();
    for (let i = 0; i < 7; i++) await trail.append(event(tenant, i));
    const where = [{ field: 'event.actor.oid', op: '=' as const, value: 'user-1' }];
    expect(await trail.count(tenant, where)).toBe(2);
    const desc = await trail.page(tenant, where, { cursor: null, limit: 1, direction: 'desc' });
    expect(desc.items.map((d) => d.data.seq)).toEqual([5]);
    const next = await trail.page(tenant, where, { cursor: desc.nextCursor, limit: 1, direction: 'desc' });
    expect([next.items.map((d) => d.data.seq), next.nextCursor]).toEqual([[2], null]);
    const asc = await trail.page(tenant, [], { cursor: null, limit: 200, direction: 'asc' });
    expect(asc.items.map((d) => d.data.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await trail.headSeq(tenant)).toBe(7);
    await store.close();
  });

  it('an append still succeeds when the anchor cannot move (the record is already durable)', async () => {
    const [store, other] = await open();
    await other.close();
    const tenant = randomUUID();
    await new AuditTrail(store, log).append(event(tenant, 0));
    const failingUpdates = new Proxy(store, {
      get(target, key) {
        if (key === 'update') return () => Promise.reject(new Error('meta unavailable'));
        const v: unknown = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const trail = new AuditTrail(failingUpdates, log);
    await expect(trail.append(event(tenant, 1))).resolves.toMatchObject({ seq: 2 });
    expect((await readAnchor(store, tenant))?.seq).toBe(1);
    expect(await trail.verify(tenant)).toMatchObject({ ok: true, checked: 2 });
    await store.close();
  });
});
