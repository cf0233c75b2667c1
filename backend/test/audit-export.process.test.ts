// The WORM audit export with two real backend processes sharing one Cosmos DB (the test server) and one storage
// account (Azurite), both exporting every 50 ms while both append: one continuous series, each record once.
// Then `npm run audit:verify-export` (the real script, as an operator runs it) passes, and after one record in
// one segment is altered it fails and names that segment and record.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { AzureBlobStore } from '../src/adapters/blobs/azure-blobs.ts';
import { AuditTrail } from '../src/audit/trail.ts';
import { checkTenantExport } from '../src/audit/segment-check.ts';
import { decodeSegment, encodeSegment } from '../src/audit/segments.ts';
import { call, devToken, startBackend, type BackendProcess } from './support/backend-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DEV_TENANT = '6b0c2d4e-0000-4000-8000-00000000da11';
const dataDir = mkdtempSync(join(tmpdir(), 'donatello-worm-proc-'));
const running: BackendProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.kill()));
  rmSync(dataDir, { recursive: true, force: true });
});

function verifyExport(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/audit-verify-export.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => done({ code, out }));
  });
}

/** JSON log lines of a process with the given message. */
const logged = (p: BackendProcess, msg: string) =>
  p
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg?: string; through?: number })
    .filter((l) => l.msg === msg);

describe('two backend processes exporting the audit chain at once', () => {
  it('give one continuous series, which audit:verify-export accepts until a segment is altered', async () => {
    const { endpoint, key } = inject('cosmos');
    const connectionString = inject('azuriteConnectionString');
    const suffix = randomUUID().slice(0, 8);
    const env = {
      STORE: 'cosmos',
      COSMOS_ENDPOINT: endpoint,
      COSMOS_KEY: key,
      COSMOS_DATABASE: `worm-proc-${suffix}`,
      COSMOS_ALLOW_SELF_SIGNED: 'true',
      BLOBS: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      BLOB_CONTAINER: `images-${suffix}`,
      AUDIT_EXPORT_CONTAINER: `audit-${suffix}`,
      AUDIT_EXPORT: 'on',
      AUDIT_EXPORT_INTERVAL_MS: '50',
      AUDIT_EXPORT_MAX_RECORDS: '4',
      DATA_DIR: dataDir,
    };
    // The second process starts once the first has written the dev issuer key, so both accept one token.
    const a = await startBackend({ ...env, LOG_LEVEL: 'info' }, 60_000);
    running.push(a);
    const b = await startBackend({ ...env, LOG_LEVEL: 'info' }, 60_000);
    running.push(b);
    const carol = await devToken(a.base, 'carol');

    // Both append (budget changes are audited) while both export.
    const change = (p: BackendProcess, dept: string, i: number) =>
      call(p.base, 'PATCH', `/api/v1/departments/${dept}`, carol, { budget: { limitAud: `${10 + i}.0000` } });
    for (let i = 0; i < 15; i++) {
      const [ra, rb] = await Promise.all([change(a, 'marketing', i), change(b, 'finance', i)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
    }

    const store = await CosmosStore.open({
      endpoint,
      key,
      database: env.COSMOS_DATABASE,
      allowSelfSigned: true,
    });
    const archive = await AzureBlobStore.open(connectionString, env.AUDIT_EXPORT_CONTAINER);
    const trail = new AuditTrail(store, pino({ level: 'silent' }));
    try {
      // Wait for the exporters to catch up with the chain (no fixed sleep: a condition).
      let check = await checkTenantExport(trail, archive, DEV_TENANT);
      const deadline = Date.now() + 90_000;
      while (!(check.ok && check.exportedThrough === check.liveHead) && Date.now() < deadline) {
        expect(check.mismatch).toBeUndefined();
        await new Promise((r) => setTimeout(r, 100));
        check = await checkTenantExport(trail, archive, DEV_TENANT);
      }
      expect(check).toMatchObject({ ok: true, tenantId: DEV_TENANT });
      expect(check.liveHead).toBeGreaterThan(30); // 30 budget changes plus the seeding of the tenant
      expect(check.exportedThrough).toBe(check.liveHead);
      expect(check.segments).toBeGreaterThanOrEqual(Math.ceil(check.liveHead / 4));
      // Both processes sealed segments: the series is the work of two exporters.
      expect(logged(a, 'audit records sealed').length).toBeGreaterThan(0);
      expect(logged(b, 'audit records sealed').length).toBeGreaterThan(0);
      expect(await a.stop()).toBe(0);
      expect(await b.stop()).toBe(0);

      const ok = await verifyExport(env);
      expect(ok.code, ok.out).toBe(0);
      expect(ok.out).toContain(
        `tenant ${DEV_TENANT}: ${check.segments} segment(s), records 1-${check.liveHead} exported`,
      );
      expect(ok.out).toContain('export verified');

      // Alter one record inside a middle segment (Azurite's container is not immutable; Azure's is).
      const keys = await archive.list(`${DEV_TENANT}/`);
      const victim = keys[Math.floor(keys.length / 2)]!;
      const seg = decodeSegment((await archive.get(victim))!.bytes);
      const target = seg.records[1] ?? seg.records[0]!;
      const altered = seg.records.map((r) =>
        r === target ? { ...r, event: { ...r.event, outcome: 'failure' as const } } : r,
      );
      await archive.put(victim, encodeSegment({ ...seg, records: altered }), {
        contentType: 'application/x-ndjson',
      });
      const bad = await verifyExport(env);
      expect(bad.code, bad.out).toBe(1);
      expect(bad.out).toContain(
        `first mismatch: segment ${victim}, record ${target.seq}: the exported record does not match its hash`,
      );
      expect(bad.out).toContain('export NOT verified');
    } finally {
      await Promise.allSettled([store.close(), archive.close()]);
    }
  });
});
