// The audit API through the real app: query with filters and paging, department scoping for managers, the
// chain check (including tampering through the store), and JSONL and CSV exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordView } from '@donatello/contracts';
import type { AuditRecord } from '../src/audit/trail.ts';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
let tenant = '';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const FORMULA_AGENT = '=HYPERLINK("http://evil.example","click, me")';
const NOTE = 'line one, "quoted"\nline two';

beforeAll(async () => {
  host = await startTestHost();
  tenant = host.config.identity.dev.tenantId;
  for (const u of ['alice', 'bob', 'dave', 'carol', 'erin']) tokens[u] = await host.token(u);
  const seeded = await host.call('GET', '/dev/users');
  for (const u of seeded.body.users as { name: string; objectId: string }[]) ids[u.name] = u.objectId;

  const patch = (dept: string, body: unknown) =>
    host.call('PATCH', `/api/v1/departments/${dept}`, { token: tokens.carol, body });
  expect((await patch('finance', { budget: { limitAud: '3' } })).status).toBe(200);
  expect((await patch('marketing', { name: 'Marketing & Brand' })).status).toBe(200);
  const denied = await host.call('GET', '/api/v1/audit', {
    token: tokens.alice,
    headers: { 'user-agent': FORMULA_AGENT },
  });
  expect(denied.status).toBe(403);
  const blocked = await host.call('POST', '/api/v1/generations', {
    token: tokens.alice,
    body: { prompt: 'poster for jane.citizen@example.com, call 0412 345 678' },
  });
  expect(blocked.status).toBe(422);
  await host.audit.append({
    tenantId: tenant,
    actor: { system: 'test' },
    action: 'test.noted',
    target: { type: 'test', id: '@SUM(A1)', departmentId: 'engineering' },
    outcome: 'success',
    details: { note: NOTE },
  });
});
afterAll(async () => {
  await host.stop();
});

const get = (user: string, path: string) => host.call('GET', path, { token: tokens[user] });

/** Every record the query finds, following cursors. */
async function all(user: string, qs = ''): Promise<AuditRecordView[]> {
  const out: AuditRecordView[] = [];
  let cursor: string | null = null;
  do {
    const sep = qs ? '&' : '';
    const c: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await get(user, `/api/v1/audit?${qs}${sep}limit=200${c}`);
    expect(res.status, res.text).toBe(200);
    out.push(...(res.body.items as AuditRecordView[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return out;
}

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF row ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  expect(cell).toBe(''); // the last row ended with CRLF
  return rows;
}

describe('query', () => {
  it('an org admin reads their tenant newest first, in the documented shape', async () => {
    const res = await get('carol', '/api/v1/audit');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const items = res.body.items as AuditRecordView[];
    expect(items.length).toBeGreaterThan(10);
    expect(Object.keys(items[0]!).sort()).toEqual(['at', 'event', 'hash', 'prevHash', 'seq']);
    expect(items.map((r) => r.seq)).toEqual(items.map((r) => r.seq).sort((a, b) => b - a));
    expect(items[0]!.event.action).toBe('test.noted');
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by action, outcome, actor, target, department and time', async () => {
    const updated = await all('carol', 'action=department.updated');
    expect(updated.map((r) => r.event.target.id).sort()).toEqual(['finance', 'marketing']);
    const finance = await all('carol', 'departmentId=finance');
    expect(finance.length).toBeGreaterThan(0);
    expect(finance.every((r) => r.event.target.departmentId === 'finance')).toBe(true);
    const denials = await all('carol', `outcome=denied&actorOid=${ids.alice!.toUpperCase()}`);
    expect(denials.map((r) => r.event.action)).toEqual(['generation.blocked', 'audit.read']);
    expect(denials[1]!.event.userAgent).toBe(FORMULA_AGENT);
    expect(await all('carol', 'actorOid=system:dev-seed')).toHaveLength(9);
    const target = await all('carol', 'targetType=department&targetId=marketing');
    expect(target.map((r) => r.event.action).sort()).toEqual(['department.created', 'department.updated']);

    const everything = await all('carol');
    const middle = everything[Math.floor(everything.length / 2)]!;
    const since = await all('carol', `from=${encodeURIComponent(middle.at)}`);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((r) => r.at >= middle.at)).toBe(true);
    // Bounds with an offset are compared in UTC; `to` is exclusive.
    const before = await all('carol', `to=${encodeURIComponent(middle.at.replace('Z', '+00:00'))}`);
    expect(before.every((r) => r.at < middle.at)).toBe(true);
    expect(since.length + before.length).toBe(everything.length);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const everything = await all('carol');
    const seqs: number[] = [];
    let path = '/api/v1/audit?limit=3';
    for (;;) {
      const res = await get('carol', path);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seqs.push(...(res.body.items as AuditRecordView[]).map((r) => r.seq));
      if (!res.body.nextCursor) break;
      path = `/api/v1/audit?limit=3&cursor=${encodeURIComponent(res.body.nextCursor as string)}`;
    }
    expect(seqs).toEqual(everything.map((r) => r.seq));
  });

  it('refuses bad filters with validation-failed', async () => {
    for (const qs of [
      'limit=0',
      'limit=201',
      'from=yesterday',
      'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      'outcome=maybe',
      'actorOid=alice@donatello.dev',
      'departmentId=Not_A_Slug',
      'action=a&action=b',
      'actor=typo',
      'cursor=!!!',
    ]) {
      const res = await get('carol', `/api/v1/audit?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.body.code).toBe('validation-failed');
    }
    expect((await get('carol', '/api/v1/audit/export?format=xml')).status).toBe(400);
  });
});

describe('who may read', () => {
  it('a department manager sees only their department, even when asking for another', async () => {
    const own = await all('bob');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.event.target.departmentId === 'marketing')).toBe(true);
    expect(own.map((r) => r.event.action)).toContain('generation.blocked');
    expect(await all('bob', 'departmentId=finance')).toEqual([]);
    const exported = await get('bob', '/api/v1/audit/export?departmentId=finance');
    expect(exported.status).toBe(200);
    expect(exported.text).toBe('');
    const mine = await get('bob', '/api/v1/audit/export');
    const lines = mine.text.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as AuditRecordView).event.target.departmentId)).toEqual(
      own.map(() => 'marketing'),
    );
  });

  it('standard and power users are refused, and the refusal is audited', async () => {
    for (const user of ['alice', 'dave']) {
      for (const path of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit/export?format=csv']) {
        const res = await get(user, path);
        expect(res.status, `${user} ${path}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    }
    const denials = await all('carol', `outcome=denied&actorOid=${ids.dave}`);
    expect(denials.map((r) => r.event.action).sort()).toEqual(['audit.export', 'audit.read', 'audit.verify']);
  });

  it('verify checks the whole chain for admins and managers', async () => {
    const everything = await all('erin');
    const res = await get('carol', '/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: everything[0]!.seq, headHash: everything[0]!.hash });
    expect((await get('bob', '/api/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe('export', () => {
  const today = () => new Date().toISOString().slice(0, 10);

  it('JSON Lines: one parsable record per line, as many as the query finds, and the export is audited', async () => {
    const expected = await all('carol');
    const res = await get('carol', '/api/v1/audit/export?format=jsonl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="audit-${tenant}-${today()}.jsonl"`,
    );
    expect(res.text.endsWith('\n')).toBe(true);
    const records = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecordView);
    expect(records).toEqual([...expected].reverse()); // oldest first, the chain's order
    expect(res.headers.get('x-audit-record-count')).toBe(String(records.length));

    const [exported] = await all('carol', 'action=audit.exported');
    expect(exported!.event).toMatchObject({
      actor: { oid: ids.carol },
      outcome: 'success',
      details: { format: 'jsonl', filters: {}, scope: 'tenant', count: records.length },
    });
    const filtered = await get('carol', '/api/v1/audit/export?action=department.updated');
    expect(filtered.text.trimEnd().split('\n')).toHaveLength(2);
  });

  it('CSV: a header, RFC 4180 quoting, and formulas neutralised', async () => {
    const expected = await all('carol');
    const res = await get('carol', '/api/v1/audit/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="audit-${tenant}-${today()}.csv"`,
    );
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(
      'seq,at,action,outcome,actor,target_type,target_id,department_id,ip,user_agent,details,prev_hash,hash'.split(
        ',',
      ),
    );
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r.length === 13)).toBe(true);
    const col = (name: string) => header!.indexOf(name);

    const denial = rows.find((r) => r[col('action')] === 'audit.read' && r[col('outcome')] === 'denied')!;
    expect(denial[col('user_agent')]).toBe(`'${FORMULA_AGENT}`);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click, me"")"`);
    const noted = rows.find((r) => r[col('action')] === 'test.noted')!;
    expect(noted[col('target_id')]).toBe("'@SUM(A1)");
    expect(noted[col('actor')]).toBe('system:test');
    expect(JSON.parse(noted[col('details')]!)).toEqual({ note: NOTE });
    const newest = expected[0]!;
    const last = rows.at(-1)!;
    expect([last[col('seq')], last[col('hash')], last[col('prev_hash')]]).toEqual([
      String(newest.seq),
      newest.hash,
      newest.prevHash,
    ]);
  });

  it('a large export streams page after page, in chain order', async () => {
    for (let i = 0; i < 450; i++) {
      await host.audit.append({
        tenantId: tenant,
        actor: { system: 'test' },
        action: 'test.bulk',
        target: { type: 'test', id: `bulk-${i}` },
        outcome: 'success',
      });
    }
    const res = await get('carol', '/api/v1/audit/export?action=test.bulk');
    const ids = res.text
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditRecordView).event.target.id);
    expect(ids).toEqual(Array.from({ length: 450 }, (_, i) => `bulk-${i}`));
    const csv = await get('carol', '/api/v1/audit/export?format=csv&actorOid=system:test');
    expect(parseCsv(csv.text)).toHaveLength(1 + 451);
  });

  it('neither the query nor the exports carry raw prompts or tokens', async () => {
    const texts = [
      JSON.stringify(await all('carol')),
      (await get('carol', '/api/v1/audit/export?format=jsonl')).text,
      (await get('carol', '/api/v1/audit/export?format=csv')).text,
    ];
    for (const text of texts) {
      expect(text).toContain('poster for [email], call [au_phone]');
      for (const secret of ['jane.citizen', '0412 345 678', 'Bearer', ...Object.values(tokens)]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('tampering', () => {
  const id = (seq: number) => String(seq).padStart(12, '0');
  const verify = async () => (await get('carol', '/api/v1/audit/verify')).body;

  it('an edited record is named, and putting it back restores the chain', async () => {
    const doc = (await host.store.get<AuditRecord>('audit', tenant, id(3)))!;
    const edited = { ...doc.data, event: { ...doc.data.event, outcome: 'failure' as const } };
    const changed = (await host.store.replace('audit', tenant, id(3), edited, doc.version))!;
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3 });
    // The record as it now stands, so an investigator sees what was changed.
    expect(broken.firstBroken).toMatchObject({ seq: 3, hash: doc.data.hash, event: { outcome: 'failure' } });
    // A manager sees it only when it is about their own department.
    const bob = (await get('bob', '/api/v1/audit/verify')).body;
    expect(bob).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(bob.firstBroken === undefined).toBe(doc.data.event.target.departmentId !== 'marketing');
    await host.store.replace('audit', tenant, id(3), doc.data, changed.version);
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted record is named', async () => {
    const doc = (await host.store.get<AuditRecord>('audit', tenant, id(5)))!;
    await host.store.delete('audit', tenant, id(5));
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, checked: 4, firstBrokenSeq: 5 });
    expect(broken.firstBroken).toBeUndefined();
    await host.store.create('audit', tenant, id(5), doc.data);
    expect((await verify()).ok).toBe(true);
  });

  it('deleting the newest record is caught by the head anchor', async () => {
    const [newest] = await all('carol');
    await host.store.delete('audit', tenant, id(newest!.seq));
    expect(await verify()).toEqual({
      ok: false,
      checked: newest!.seq - 1,
      headHash: newest!.prevHash,
      firstBrokenSeq: newest!.seq,
    });
    // Later records reuse the lost sequence numbers and pass the old head; the loss stays on record.
    for (let i = 0; i < 3; i++) expect((await get('alice', '/api/v1/audit')).status).toBe(403);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: newest!.seq });
  });
});
