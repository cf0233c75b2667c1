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
import { AuditTrail, type AuditEvent, type AuditRecord } from '../src/services/audit.ts';

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
    await Promise.all([s1.close(), s2.close()]);
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
});
