// The generation pipeline through the REST API on embedded defaults (SQLite, file blobs, local provider).
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';
import { testFetch } from './support/http.ts';

let host: TestHost;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  host = await startTestHost();
  for (const u of ['alice', 'bob', 'dave', 'fiona', 'carol', 'erin']) tokens[u] = await host.token(u);
});
afterAll(async () => {
  await host.stop();
});

async function fetchBytes(path: string, token: string | undefined) {
  const res = await testFetch(`http://127.0.0.1:${host.port}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    etag: res.headers.get('etag'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

describe("alice's journey", () => {
  const prompt = 'a koala presenting quarterly results';
  let generationId = '';

  it('quotes: provider, model, cost, decision and safety', async () => {
    const res = await host.call('POST', '/api/v1/estimates', { token: tokens.alice, body: { prompt, n: 2 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      provider: 'local',
      model: 'local-scene',
      unitCostAud: '0.0200',
      totalCostAud: '0.0400',
      maxCostAud: '0.0400',
      currency: 'AUD',
      decision: 'allow',
      safety: { decision: 'allow', findings: [] },
      existing: null,
    });
  });

  it('generates two images, waiting for them with Prefer: wait', async () => {
    const res = await host.call('POST', '/api/v1/generations', {
      token: tokens.alice,
      body: { prompt, n: 2 },
      headers: { prefer: 'wait=60' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/generations/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      provider: 'local',
      model: 'local-scene',
      n: 2,
      costAud: '0.0400',
    });
    expect(res.body.images).toHaveLength(2);
    generationId = res.body.id;
  });

  it('lists it, newest first, and finds it by text', async () => {
    const mine = await host.call('GET', '/api/v1/generations?scope=mine', { token: tokens.alice });
    expect(mine.body.items[0].id).toBe(generationId);
    const found = await host.call('GET', '/api/v1/generations?q=KOALA', { token: tokens.alice });
    expect(found.body.items.map((g: { id: string }) => g.id)).toContain(generationId);
    const none = await host.call('GET', '/api/v1/generations?q=wombat', { token: tokens.alice });
    expect(none.body.items).toEqual([]);
  });

  it('fetches each image and thumbnail: a real PNG with provenance, a 256 px WebP', async () => {
    const one = await host.call('GET', `/api/v1/generations/${generationId}`, { token: tokens.alice });
    for (const img of one.body.images) {
      const full = await fetchBytes(img.url, tokens.alice);
      expect(full.status).toBe(200);
      expect(full.type).toBe('image/png');
      const meta = await sharp(full.bytes).metadata();
      expect([meta.width, meta.height]).toEqual([1024, 1024]);
      expect(meta.xmp?.toString()).toContain(generationId);
      expect(meta.xmp?.toString()).toContain('trainedAlgorithmicMedia');
      const thumb = await fetchBytes(img.thumbnailUrl, tokens.alice);
      expect(thumb.type).toBe('image/webp');
      const tmeta = await sharp(thumb.bytes).metadata();
      expect(Math.max(tmeta.width, tmeta.height)).toBe(256);
    }
  });

  it('the quote then offers the existing image instead of paying again', async () => {
    const res = await host.call('POST', '/api/v1/estimates', {
      token: tokens.alice,
      body: { prompt: '  A koala presenting QUARTERLY results ', n: 2 },
    });
    expect(res.body.existing?.generationId).toBe(generationId);
    expect(res.body.existing.images).toHaveLength(2);
  });

  it('deletes it (soft): gone from lists and images, audited', async () => {
    const del = await host.call('DELETE', `/api/v1/generations/${generationId}`, { token: tokens.alice });
    expect(del.status).toBe(204);
    expect(
      (await host.call('GET', `/api/v1/generations/${generationId}`, { token: tokens.alice })).status,
    ).toBe(404);
    expect((await fetchBytes(`/api/v1/images/${generationId}_0`, tokens.alice)).status).toBe(404);
    const mine = await host.call('GET', '/api/v1/generations', { token: tokens.alice });
    expect(mine.body.items.map((g: { id: string }) => g.id)).not.toContain(generationId);
    const audit = await host.store.query<{ event: { action: string; target: { id: string } } }>('audit', {
      where: [{ field: 'event.target.id', op: '=', value: generationId }],
      limit: 50,
    });
    expect(audit.items.map((d) => d.data.event.action).sort()).toEqual([
      'generation.deleted',
      'generation.requested',
      'generation.succeeded',
    ]);
  });
});

describe('idempotency', () => {
  it('replaying an Idempotency-Key returns the same generation and creates nothing new', async () => {
    const body = { prompt: 'idempotent otters', size: '1792x1024' };
    const headers = { 'idempotency-key': 'otters-1', prefer: 'wait=60' };
    const first = await host.call('POST', '/api/v1/generations', { token: tokens.dave, body, headers });
    expect(first.status).toBe(201);
    const before = await host.store.count('generations', {});
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        host.call('POST', '/api/v1/generations', { token: tokens.dave, body, headers }),
      ),
    );
    for (const r of again) {
      expect(r.body.id).toBe(first.body.id);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await host.store.count('generations', {})).toBe(before);
    const reused = await host.call('POST', '/api/v1/generations', {
      token: tokens.dave,
      body: { ...body, n: 2 },
      headers,
    });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency-key-reused');
  });

  it('concurrent first requests with one key create one generation', async () => {
    const before = await host.store.count('generations', {});
    const body = { prompt: 'concurrent wombats' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        host.call('POST', '/api/v1/generations', {
          token: tokens.fiona,
          body,
          headers: { 'idempotency-key': 'wombats' },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await host.store.count('generations', {})).toBe(before + 1);
  });
});

describe('access and validation', () => {
  let bobsId = '';
  beforeAll(async () => {
    const res = await host.call('POST', '/api/v1/generations', {
      token: tokens.bob,
      body: { prompt: 'team photo with a sunset' },
      headers: { prefer: 'wait=60' },
    });
    bobsId = res.body.id;
  });

  it('the owner, a same-department manager and admins see it; others do not', async () => {
    expect((await host.call('GET', `/api/v1/generations/${bobsId}`, { token: tokens.bob })).status).toBe(200);
    expect((await host.call('GET', `/api/v1/generations/${bobsId}`, { token: tokens.carol })).status).toBe(
      200,
    );
    expect((await host.call('GET', `/api/v1/generations/${bobsId}`, { token: tokens.alice })).status).toBe(
      403,
    );
    expect((await host.call('GET', `/api/v1/generations/${bobsId}`, { token: tokens.dave })).status).toBe(
      403,
    );
    expect((await fetchBytes(`/api/v1/images/${bobsId}_0`, tokens.fiona)).status).toBe(403);
    expect((await fetchBytes(`/api/v1/images/${bobsId}_0`, tokens.erin)).status).toBe(200);
    expect((await host.call('DELETE', `/api/v1/generations/${bobsId}`, { token: tokens.alice })).status).toBe(
      403,
    );
  });

  it('scopes: department for power users and managers, all for admins', async () => {
    const dept = await host.call('GET', '/api/v1/generations?scope=department', { token: tokens.bob });
    const departments = dept.body.items.map((g: { departmentId: string }) => g.departmentId);
    expect(departments.length).toBeGreaterThan(0);
    expect(new Set(departments)).toEqual(new Set(['marketing']));
    expect(
      (await host.call('GET', '/api/v1/generations?scope=department', { token: tokens.alice })).status,
    ).toBe(403);
    expect((await host.call('GET', '/api/v1/generations?scope=all', { token: tokens.bob })).status).toBe(403);
    const all = await host.call('GET', '/api/v1/generations?scope=all', { token: tokens.carol });
    expect(new Set(all.body.items.map((g: { departmentId: string }) => g.departmentId)).size).toBeGreaterThan(
      1,
    );
  });

  it('pages newest first with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } =
        await host.call('GET', `/api/v1/generations?scope=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
          token: tokens.erin,
        });
      seen.push(...res.body.items.map((g) => g.createdAt));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses bad input with the field named', async () => {
    const cases: [unknown, string][] = [
      [{ prompt: '' }, 'body.prompt'],
      [{ prompt: 'x'.repeat(4001) }, 'body.prompt'],
      [{ prompt: 'ok', size: '512x512' }, 'body.size'],
      [{ prompt: 'ok', n: 5 }, 'body.n'],
      [{ prompt: 'ok', quality: 'ultra' }, 'body.quality'],
      [{ prompt: 'ok', purpose: 'secret' }, 'body.purpose'],
      [{ prompt: 'ok', model: 'Not A Model!' }, 'body.model'],
      [{ prompt: 'ok', model: 'dall-e-9' }, 'body.model'],
      [{ prompt: 'ok', extra: 1 }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await host.call('POST', '/api/v1/generations', { token: tokens.alice, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('blocks a prompt with personal information, naming the types without echoing them', async () => {
    const prompt = 'poster for jane.citizen@example.com, call 0412 345 678';
    const res = await host.call('POST', '/api/v1/generations', { token: tokens.alice, body: { prompt } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('prompt-blocked');
    expect(res.body.findings.map((f: { type: string }) => f.type).sort()).toEqual(['au_phone', 'email']);
    expect(res.text).not.toContain('jane.citizen');
    expect(res.text).not.toContain('0412');
    const audit = await host.store.query<{ event: { action: string; details: { prompt: string } } }>(
      'audit',
      {
        where: [{ field: 'event.action', op: '=', value: 'generation.blocked' }],
        limit: 5,
      },
    );
    expect(JSON.stringify(audit.items)).not.toContain('jane.citizen');
    expect(audit.items[0]!.data.event.details.prompt).toBe('poster for [email], call [au_phone]');
  });

  it('a user with no department gets a clear error', async () => {
    const res = await host.call('POST', '/api/v1/estimates', {
      token: tokens.erin,
      body: { prompt: 'anything' },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('no-department');
  });

  it('keeps one state with status (the add-in lists finished images only)', async () => {
    const blocked = await host.call('POST', '/api/v1/generations', {
      token: tokens.bob,
      body: { prompt: 'a poster for jane.citizen@example.com' },
    });
    expect(blocked.status).toBe(422);
    const list = async (status: string) =>
      (await host.call('GET', `/api/v1/generations?scope=mine&status=${status}`, { token: tokens.bob })).body
        .items as { status: string }[];
    const succeeded = await list('succeeded');
    const refused = await list('blocked');
    expect(succeeded.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(succeeded.map((g) => g.status))).toEqual(new Set(['succeeded']));
    expect(new Set(refused.map((g) => g.status))).toEqual(new Set(['blocked']));
  });
});
