// Signed image links (issue #5). Teams loads card images without any token, so a card carries a link that
// is its own permission: HMAC-SHA256 over the tenant, the image id and an expiry, with a server-side key.
// Unguessable (256-bit key, 256-bit tag), checked in constant time, and useless after the expiry. Deleting
// the generation stops the link at once (the route looks the generation up every time).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ImageLinksConfig } from '../config/bot.ts';

const TENANT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXP = /^\d{1,12}$/;
const SIG = /^[A-Za-z0-9_-]{43}$/;

/** The full image, or its 256 px WebP thumbnail (message-extension search results). */
export type ImageVariant = 'full' | 'thumbnail';

export interface SignedLink {
  tid: string;
  exp: string;
  sig: string;
}

export class ImageLinkSigner {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;
  constructor(secret: string, ttlSeconds: number) {
    this.key = Buffer.from(secret, 'utf8');
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * The configured key, or in development one generated on first use and kept under the data directory (like
   * the dev issuer's key), so links in cards keep working across restarts.
   */
  static load(config: ImageLinksConfig, keyFile: string): ImageLinkSigner {
    if (config.secret) return new ImageLinkSigner(config.secret, config.ttlSeconds);
    mkdirSync(dirname(keyFile), { recursive: true });
    try {
      // "wx": of two instances starting together exactly one writes; the other reads what it wrote.
      writeFileSync(keyFile, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return new ImageLinkSigner(readFileSync(keyFile, 'utf8').trim(), config.ttlSeconds);
  }

  private tag(tenantId: string, imageId: string, exp: string, variant: ImageVariant): string {
    // The variant is signed too, so a thumbnail link cannot be turned into a link to the full image. Full-image
    // links keep the original message, so links already in chats stay valid.
    const scope = variant === 'full' ? '' : `\n${variant}`;
    return createHmac('sha256', this.key)
      .update(`v1\n${tenantId}\n${imageId}\n${exp}${scope}`)
      .digest('base64url');
  }

  /** The path and query of a link to the image (or its thumbnail), valid for the configured time. */
  path(tenantId: string, imageId: string, now = Date.now(), variant: ImageVariant = 'full'): string {
    const exp = String(Math.floor(now / 1000) + this.ttlSeconds);
    const q = new URLSearchParams({ tid: tenantId, exp, sig: this.tag(tenantId, imageId, exp, variant) });
    const where = variant === 'full' ? 'signed' : `${variant}/signed`;
    return `/api/v1/images/${encodeURIComponent(imageId)}/${where}?${q.toString()}`;
  }

  verify(
    imageId: string,
    link: Partial<Record<keyof SignedLink, unknown>>,
    now = Date.now(),
    variant: ImageVariant = 'full',
  ): link is SignedLink {
    const { tid, exp, sig } = link;
    if (typeof tid !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return false;
    if (!TENANT.test(tid) || !EXP.test(exp) || !SIG.test(sig)) return false;
    if (Number(exp) * 1000 < now) return false;
    const expected = Buffer.from(this.tag(tid, imageId, exp, variant));
    return timingSafeEqual(expected, Buffer.from(sig));
  }
}
