// GET /api/v1/images/:id?format=jpeg&maxBytes=N through the real host: a size-bounded copy of a generated image
// (the Office add-in asks for one under 5 MB), with the same authorization as the image, validated query
// parameters, its own ETag, and the provenance XMP kept.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
const tokens: Record<string, string> = {};
let imageId = '';
let generationId = '';
let original: Buffer;

async function get(path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${host.port}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = res.headers.get('content-type')?.includes('json') ? bytes.toString('utf8') : '';
  // Binary answers are held to the OpenAPI document too (status, media type, headers), like host.call's.
  host.conformance.assert('GET', path, {
    status: res.status,
    headers: res.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  });
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

beforeAll(async () => {
  host = await startTestHost();
  for (const u of ['alice', 'bob', 'dave', 'erin']) tokens[u] = await host.token(u);
  const res = await host.call('POST', '/api/v1/generations', {
    token: tokens.alice,
    body: { prompt: 'a koala presenting quarterly results on a wide stage', size: '1792x1024' },
    headers: { prefer: 'wait=30' },
  });
  expect(res.status).toBe(201);
  generationId = res.body.id;
  imageId = res.body.images[0].id;
  original = (await get(`/api/v1/images/${imageId}`, tokens.alice)).bytes;
});
afterAll(async () => {
  await host.stop();
});

describe('image variants', () => {
  it('no query, or format=png without a limit, is the stored PNG itself', async () => {
    const meta = await sharp(original).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1792, 1024]);
    const png = await get(`/api/v1/images/${imageId}?format=png`, tokens.alice);
    expect(png.status).toBe(200);
    expect(png.bytes.equals(original)).toBe(true);
    const fits = await get(
      `/api/v1/images/${imageId}?maxBytes=${Math.max(original.length, 262_144)}`,
      tokens.alice,
    );
    expect(fits.bytes.equals(original)).toBe(true);
    expect(fits.headers.get('etag')).toMatch(/^"[0-9a-f]{64}-png-\d+"$/);
  });

  it('format=jpeg: a full-size JPEG with the provenance XMP, its own ETag, and 304 on revalidation', async () => {
    const res = await get(`/api/v1/images/${imageId}?format=jpeg`, tokens.alice);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(res.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1792, 1024]);
    expect([res.headers.get('x-image-width'), res.headers.get('x-image-height')]).toEqual(['1792', '1024']);
    const xmp = meta.xmp?.toString('utf8') ?? '';
    expect(xmp).toContain('trainedAlgorithmicMedia');
    expect(xmp).toContain(`donatello:GenerationId="${generationId}"`);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}-jpeg-any"$/);
    const again = await get(`/api/v1/images/${imageId}?format=jpeg`, tokens.alice, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    // The same request gives the same bytes: the ETag names a stable representation.
    expect((await get(`/api/v1/images/${imageId}?format=jpeg`, tokens.alice)).bytes.equals(res.bytes)).toBe(
      true,
    );
  });

  it('maxBytes bounds the body: lower JPEG quality first, then a smaller image with the same aspect', async () => {
    const full = (await get(`/api/v1/images/${imageId}?format=jpeg`, tokens.alice)).bytes;
    expect(full.length).toBeGreaterThan(40_000);
    for (const limit of [Math.floor(full.length * 0.8), 32_768]) {
      const res = await get(`/api/v1/images/${imageId}?format=jpeg&maxBytes=${limit}`, tokens.alice);
      expect(res.status).toBe(200);
      expect(res.bytes.length).toBeLessThanOrEqual(limit);
      const meta = await sharp(res.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      // 80 % of the full-quality size is reached by quality alone; 32 KiB needs a smaller picture.
      if (limit !== 32_768) expect(meta.width).toBe(1792);
      else expect(meta.width).toBeLessThan(1792);
      expect(Math.abs(meta.width / meta.height - 1792 / 1024)).toBeLessThan(0.01);
      expect(res.headers.get('x-image-width')).toBe(String(meta.width));
      expect(res.headers.get('etag')).toMatch(new RegExp(`-jpeg-${limit}"$`));
    }
  });

  it('a PNG over maxBytes is shrunk until it fits', async () => {
    const limit = Math.floor(original.length / 3);
    const res = await get(`/api/v1/images/${imageId}?maxBytes=${limit}`, tokens.alice);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.bytes.length).toBeLessThanOrEqual(limit);
    const meta = await sharp(res.bytes).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeLessThan(1792);
    expect(Math.abs(meta.width / meta.height - 1792 / 1024)).toBeLessThan(0.01);
    expect(meta.xmp?.toString('utf8')).toContain(`donatello:GenerationId="${generationId}"`);
  });

  it('refuses invalid query parameters, naming each', async () => {
    const cases: [string, string][] = [
      ['format=gif', 'query.format'],
      ['maxBytes=1000', 'query.maxBytes'],
      ['maxBytes=lots', 'query.maxBytes'],
      ['maxBytes=999999999999', 'query.maxBytes'],
      ['format=jpeg&width=10', 'query'],
    ];
    for (const [query, path] of cases) {
      const res = await get(`/api/v1/images/${imageId}?${query}`, tokens.alice);
      expect(res.status, query).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe('validation-failed');
      expect(problem.errors.map((e: { path: string }) => e.path).join(' '), query).toContain(path);
    }
  });

  it('is authorized like the image: owner and manager yes, another department no, anonymous never', async () => {
    const path = `/api/v1/images/${imageId}?format=jpeg&maxBytes=1000000`;
    expect((await get(path, tokens.bob)).status).toBe(200);
    expect((await get(path, tokens.erin)).status).toBe(200);
    const dave = await get(path, tokens.dave);
    expect(dave.status).toBe((await get(`/api/v1/images/${imageId}`, tokens.dave)).status);
    expect([403, 404]).toContain(dave.status);
    expect(dave.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await get(path)).status).toBe(401);
  });
});
