import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageLinkSigner } from './image-links.ts';

const TENANT = '6b0c2d4e-0000-4000-8000-00000000da11';
const IMAGE = '0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b_0';
const dir = mkdtempSync(join(tmpdir(), 'donatello-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const linkOf = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('ImageLinkSigner', () => {
  const signer = new ImageLinkSigner('k'.repeat(32), 3600);
  const now = Date.UTC(2026, 10, 22);

  it('signs a link that verifies until it expires', () => {
    const path = signer.path(TENANT, IMAGE, now);
    expect(path).toMatch(
      new RegExp(`^/api/v1/images/${IMAGE}/signed\\?tid=${TENANT}&exp=\\d+&sig=[\\w-]{43}$`),
    );
    const link = linkOf(path);
    expect(signer.verify(IMAGE, link, now)).toBe(true);
    expect(signer.verify(IMAGE, link, now + 3600_000)).toBe(true);
    expect(signer.verify(IMAGE, link, now + 3601_000)).toBe(false);
  });

  it('binds the image, the tenant and the expiry', () => {
    const link = linkOf(signer.path(TENANT, IMAGE, now));
    expect(signer.verify(IMAGE.replace(/_0$/, '_1'), link, now)).toBe(false);
    expect(signer.verify(IMAGE, { ...link, tid: TENANT.replace('da11', 'da12') }, now)).toBe(false);
    expect(signer.verify(IMAGE, { ...link, exp: String(Number(link.exp) + 60) }, now)).toBe(false);
    expect(new ImageLinkSigner('z'.repeat(32), 3600).verify(IMAGE, link, now)).toBe(false);
  });

  it('scopes a thumbnail link to the thumbnail', () => {
    const path = signer.path(TENANT, IMAGE, now, 'thumbnail');
    expect(path).toMatch(new RegExp(`^/api/v1/images/${IMAGE}/thumbnail/signed\\?`));
    const link = linkOf(path);
    expect(signer.verify(IMAGE, link, now, 'thumbnail')).toBe(true);
    // The same signature does not open the full image, nor a full-image signature the thumbnail.
    expect(signer.verify(IMAGE, link, now)).toBe(false);
    expect(signer.verify(IMAGE, linkOf(signer.path(TENANT, IMAGE, now)), now, 'thumbnail')).toBe(false);
  });

  it('refuses malformed parts without throwing', () => {
    const link = linkOf(signer.path(TENANT, IMAGE, now));
    for (const bad of [
      {},
      { ...link, sig: 'short' },
      { ...link, sig: ['a'] },
      { ...link, exp: '-1' },
      { ...link, tid: 'x' },
    ])
      expect(signer.verify(IMAGE, bad, now)).toBe(false);
  });

  it('without a configured secret, creates one under the data dir once and reuses it', () => {
    const file = join(dir, 'keys', 'image-url-secret');
    const a = ImageLinkSigner.load({ secret: null, ttlSeconds: 60 }, file);
    const secret = readFileSync(file, 'utf8');
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = ImageLinkSigner.load({ secret: null, ttlSeconds: 60 }, file);
    expect(readFileSync(file, 'utf8')).toBe(secret);
    expect(b.verify(IMAGE, linkOf(a.path(TENANT, IMAGE, now)), now)).toBe(true);
  });
});
