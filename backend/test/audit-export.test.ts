// The WORM audit export (issue #13) on both stores and both archives (SQLite with a folder, Cosmos DB test server
// with Azurite): sealed segments form one continuous series however many exporters run and however the trail
// grouped its appends, resume where they left off, never seal a record that does not continue the chain, and the
// check names the first thing that is wrong.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { FsBlobStore } from '../src/adapters/blobs/fs-blobs.ts';
import { AzureBlobStore } from '../src/adapters/blobs/azure-blobs.ts';
import type { BlobStore } from '../src/ports/blobs.ts';
import type { DocumentStore } from '../src/ports/store.ts';
import { AuditTrail, type AuditEvent, type AuditRecord } from '../src/audit/trail.ts';
import { SegmentExporter, type TenantExport } from '../src/audit/segment-exporter.ts';
import { checkTenantExport } from '../src/audit/segment-check.ts';
import { decodeSegment, encodeSegment, segmentKey } from '../src/audit/segments.ts';
import { exportCursorId } from '../src/audit/export-cursor.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-worm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = pino({ level: 'silent' });

const event = (tenantId: string, i: number): AuditEvent => ({
  tenantId,
  actor: { oid: `user-${i % 3}`, tid: tenantId },
  action: 'department.updated',
  target: { type: 'department', id: 'marketing', departmentId: 'marketing' },
  outcome: 'success',
  after: { limitAud: `${i}.0000` },
});

interface Setup {
  stores: [DocumentStore, DocumentStore];
  archives: [BlobStore, BlobStore];
}

const setups: [string, () => Promise<Setup>][] = [
  [
    'SQLite and a folder',
    async () => {
      const db = join(dir, `${randomUUID()}.db`);
      const root = join(dir, randomUUID());
      return {
        stores: [new SqliteStore(db), new SqliteStore(db)],
        archives: [new FsBlobStore(root), new FsBlobStore(root)],
      };
    },
  ],
  [
    'Cosmos DB and Azurite',
    async () => {
      const { endpoint, key } = inject('cosmos');
      const database = `worm-${randomUUID()}`;
      const container = `audit-${randomUUID().slice(0, 8)}`;
      const cs = inject('azuriteConnectionString');
      return {
        stores: [
          await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true }),
          await CosmosStore.open({ endpoint, key, database, allowSelfSigned: true }),
        ],
        archives: [await AzureBlobStore.open(cs, container), await AzureBlobStore.open(cs, container)],
      };
    },
  ],
];

const exporter = (store: DocumentStore, archive: BlobStore, maxRecords = 5000) =>
  new SegmentExporter(
    { store, trail: new AuditTrail(store, log), archive, log },
    { intervalMs: 60_000, maxRecords },
  );

async function append(trail: AuditTrail, tenant: string, n: number, from = 0): Promise<void> {
  for (let i = 0; i < n; i++) await trail.append(event(tenant, from + i));
}

describe.each(setups)('WORM audit export on %s', (_name, open) => {
  it('seals new records into segments that continue each other, in pieces of at most maxRecords', async () => {
    const { stores, archives } = await open();
    const tenant = randomUUID();
    const trail = new AuditTrail(stores[0], log);
    await append(trail, tenant, 7);
    const ex = exporter(stores[0], archives[0], 3);
    const first = await ex.exportTenant(tenant);
    expect(first.sealed.map((h) => [h.firstSeq, h.lastSeq])).toEqual([
      [1, 3],
      [4, 6],
      [7, 7],
    ]);
    expect(first.sealed[1]!.prevHash).toBe(first.sealed[0]!.headHash);
    // Nothing new: nothing sealed.
    expect((await ex.exportTenant(tenant)).sealed).toEqual([]);
    await append(trail, tenant, 2, 7);
    const second = await ex.exportTenant(tenant);
    expect(second.sealed.map((h) => [h.firstSeq, h.lastSeq])).toEqual([[8, 9]]);
    expect(second.sealed[0]!.prevHash).toBe(first.sealed[2]!.headHash);

    // The segment holds the records exactly as the chain does.
    const seg = decodeSegment((await archives[0].get(segmentKey(tenant, 4)))!.bytes);
    const live = await stores[0].query<AuditRecord>('audit', {
      pk: tenant,
      orderBy: { field: 'seq', direction: 'asc' },
      limit: 200,
    });
    expect(seg.records).toEqual(live.items.slice(3, 6).map((d) => d.data));
    expect(await archives[0].list(`${tenant}/`)).toEqual([1, 4, 7, 8].map((s) => segmentKey(tenant, s)));
    expect(await checkTenantExport(trail, archives[0], tenant)).toEqual({
      tenantId: tenant,
      ok: true,
      segments: 4,
      exportedThrough: 9,
      liveHead: 9,
    });
    await Promise.all([...stores, ...archives].map((x) => x.close()));
  });

  it('resumes after a crash between sealing and moving its cursor, without sealing anything twice', async () => {
    const { stores, archives } = await open();
    const tenant = randomUUID();
    const trail = new AuditTrail(stores[0], log);
    await append(trail, tenant, 5);
    await exporter(stores[0], archives[0], 2).exportTenant(tenant);
    // The crash: the cursor never moved (or was lost), the segments are there.
    expect(await stores[0].delete('meta', tenant, exportCursorId(tenant))).toBe(true);
    await append(trail, tenant, 3, 5);
    const restarted = await exporter(stores[1], archives[1], 2).exportTenant(tenant);
    expect(restarted.alreadySealed).toBe(3); // 1-2, 3-4, 5: found, not written again
    expect(restarted.sealed.map((h) => [h.firstSeq, h.lastSeq])).toEqual([
      [6, 7],
      [8, 8],
    ]);
    expect(await checkTenantExport(trail, archives[1], tenant)).toMatchObject({
      ok: true,
      exportedThrough: 8,
    });
    await Promise.all([...stores, ...archives].map((x) => x.close()));
  });

  it('two exporters on separate connections, racing while records arrive, still make one series', async () => {
    const { stores, archives } = await open();
    const tenant = randomUUID();
    const trails = [new AuditTrail(stores[0], log), new AuditTrail(stores[1], log)];
    const a = exporter(stores[0], archives[0], 4);
    const b = exporter(stores[1], archives[1], 4);
    let lost = 0;
    let sealed = 0;
    for (let round = 0; round < 12; round++) {
      await Promise.all([
        append(trails[0]!, tenant, 2, round * 10),
        append(trails[1]!, tenant, 3, round * 10 + 5),
      ]);
      const [ra, rb] = await Promise.all([a.exportTenant(tenant), b.exportTenant(tenant)]);
      expect(ra.stuck).toBeUndefined();
      expect(rb.stuck).toBeUndefined();
      lost += ra.alreadySealed + rb.alreadySealed;
      sealed += ra.sealed.reduce((n, h) => n + h.count, 0) + rb.sealed.reduce((n, h) => n + h.count, 0);
    }
    expect(sealed).toBe(60); // every record sealed exactly once between them
    expect(lost).toBeGreaterThan(0); // they did race for the same segments
    expect(await checkTenantExport(trails[0]!, archives[0], tenant)).toMatchObject({
      ok: true,
      exportedThrough: 60,
      liveHead: 60,
    });
    await Promise.all([...stores, ...archives].map((x) => x.close()));
  });

  it('records appended in groups, sealed while the groups are being written, make one series', async () => {
    const { stores, archives } = await open();
    const tenant = randomUUID();
    let biggestGroup = 0; // how many audit records one transaction wrote, seen through the store port
    const counted = stores.map(
      (s) =>
        new Proxy(s, {
          get: (target, prop, receiver) =>
            prop !== 'transact'
              ? Reflect.get(target, prop, receiver)
              : (...args: Parameters<DocumentStore['transact']>) => {
                  if (args[0] === 'audit') biggestGroup = Math.max(biggestGroup, args[2].length);
                  return target.transact(...args);
                },
        }),
    );
    const trails = counted.map((s) => new AuditTrail(s, log));
    let appending = true;
    const appended = Promise.all(
      Array.from({ length: 240 }, (_, i) => trails[i % 2]!.append(event(tenant, i))),
    ).finally(() => (appending = false));
    const runs = [exporter(stores[0], archives[0], 7), exporter(stores[1], archives[1], 7)].map(async (x) => {
      const out = [await x.exportTenant(tenant)];
      while (appending) out.push(await x.exportTenant(tenant));
      return [...out, await x.exportTenant(tenant)];
    });
    const results = (await Promise.all([appended, ...runs])).slice(1).flat() as TenantExport[];
    expect(biggestGroup).toBeGreaterThan(1);
    expect(results.filter((r) => r.stuck)).toEqual([]);
    expect(results.flatMap((r) => r.sealed).reduce((n, h) => n + h.count, 0)).toBe(240);
    expect(await checkTenantExport(trails[0]!, archives[0], tenant)).toMatchObject({
      ok: true,
      exportedThrough: 240,
      liveHead: 240,
    });
    await Promise.all([...stores, ...archives].map((x) => x.close()));
  });

  it('never seals a record that does not continue the chain', async () => {
    const { stores, archives } = await open();
    const tenant = randomUUID();
    const trail = new AuditTrail(stores[0], log);
    await append(trail, tenant, 4);
    const rec = (await stores[0].get<AuditRecord>('audit', tenant, '000000000003'))!;
    await stores[0].replace(
      'audit',
      tenant,
      rec.id,
      { ...rec.data, event: { ...rec.data.event, outcome: 'denied' } },
      rec.version,
    );
    const r = await exporter(stores[0], archives[0]).exportTenant(tenant);
    expect(r.stuck).toEqual({ seq: 3, reason: 'record 3 does not match its hash' });
    expect(r.sealed).toEqual([]);
    expect(await archives[0].list(`${tenant}/`)).toEqual([]);
    await Promise.all([...stores, ...archives].map((x) => x.close()));
  });
});

describe('checking the export', () => {
  async function exported(n: number, maxRecords: number) {
    const root = join(dir, randomUUID());
    const store = new SqliteStore(join(dir, `${randomUUID()}.db`));
    const archive = new FsBlobStore(root);
    const tenant = randomUUID();
    const trail = new AuditTrail(store, log);
    await append(trail, tenant, n);
    await exporter(store, archive, maxRecords).exportTenant(tenant);
    return { root, store, archive, tenant, trail };
  }

  it('names the segment and record altered in the archive', async () => {
    const { root, archive, tenant, trail } = await exported(6, 3);
    const file = join(root, segmentKey(tenant, 4));
    chmodSync(file, 0o644); // the folder archive makes segments read-only; a tamperer would not stop there
    writeFileSync(file, readFileSync(file, 'utf8').replace('"outcome":"success"', '"outcome":"denied"'));
    expect(await checkTenantExport(trail, archive, tenant)).toMatchObject({
      ok: false,
      exportedThrough: 3,
      mismatch: {
        key: segmentKey(tenant, 4),
        seq: 4,
        problem: 'the exported record does not match its hash (altered in the archive)',
      },
    });
  });

  it('names a record changed in the live chain after it was exported', async () => {
    const { store, archive, tenant, trail } = await exported(5, 10);
    const rec = (await store.get<AuditRecord>('audit', tenant, '000000000002'))!;
    await store.replace(
      'audit',
      tenant,
      rec.id,
      { ...rec.data, at: '2020-01-01T00:00:00.000Z' },
      rec.version,
    );
    expect((await checkTenantExport(trail, archive, tenant)).mismatch).toEqual({
      key: segmentKey(tenant, 1),
      seq: 2,
      problem: 'the live chain holds a different record than the export',
    });
  });

  it('names a missing segment (a gap) and a re-written one that does not continue its predecessor', async () => {
    const gap = await exported(6, 2);
    await gap.archive.delete(segmentKey(gap.tenant, 3));
    expect((await checkTenantExport(gap.trail, gap.archive, gap.tenant)).mismatch).toEqual({
      key: segmentKey(gap.tenant, 5),
      seq: 3,
      problem: 'records 3-4 are in no segment (a gap before this one)',
    });

    const forged = await exported(4, 2);
    const key = segmentKey(forged.tenant, 3);
    const seg = decodeSegment((await forged.archive.get(key))!.bytes);
    await forged.archive.delete(key);
    await forged.archive.create(
      key,
      encodeSegment({ ...seg, header: { ...seg.header, prevHash: 'f'.repeat(64) } }),
      { contentType: 'application/x-ndjson' },
    );
    expect((await checkTenantExport(forged.trail, forged.archive, forged.tenant)).mismatch).toEqual({
      key,
      seq: 3,
      problem: "does not continue the previous segment's head hash",
    });
  });
});
