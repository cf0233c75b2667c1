// The size-bounded copy on a picture a real provider could return: a 1792×1024 PNG of noise, 5.5 MB, which
// PowerPoint on the web would refuse. Both ways down to 5 MB, and the guarantee at the smallest limit.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_VARIANT_MIN_BYTES } from '@donatello/contracts';
import { imageVariant } from './image-variant.ts';

const FIVE_MB = 5_000_000;

/** Noise does not compress: the worst case for every encoder. */
async function noisePng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = 7;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    raw[i] = x >>> 24;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

let huge: Buffer;
beforeAll(async () => {
  huge = await noisePng(1792, 1024);
});

describe('imageVariant', () => {
  it('the stored PNG is returned untouched when it fits', async () => {
    const small = await noisePng(64, 64);
    const v = await imageVariant(small, { format: 'png', maxBytes: FIVE_MB });
    expect(v.original).toBe(true);
    expect(v.bytes).toBe(small);
  });

  it('a 5.5 MB PNG as JPEG under 5 MB keeps its full size', async () => {
    expect(huge.length).toBeGreaterThan(FIVE_MB);
    const v = await imageVariant(huge, { format: 'jpeg', maxBytes: FIVE_MB });
    expect(v.bytes.length).toBeLessThanOrEqual(FIVE_MB);
    expect([v.contentType, v.width, v.height]).toEqual(['image/jpeg', 1792, 1024]);
  });

  it('a 5.5 MB PNG kept as PNG under 5 MB is made smaller, same aspect', async () => {
    const v = await imageVariant(huge, { format: 'png', maxBytes: FIVE_MB });
    expect(v.bytes.length).toBeLessThanOrEqual(FIVE_MB);
    expect(v.contentType).toBe('image/png');
    expect(v.width).toBeLessThan(1792);
    expect(Math.abs(v.width / v.height - 1792 / 1024)).toBeLessThan(0.01);
    const meta = await sharp(v.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([v.width, v.height]);
  });

  it('the smallest limit the API accepts is always met, even by noise in the tallest size', async () => {
    const tall = await noisePng(1024, 1792);
    for (const format of ['png', 'jpeg'] as const) {
      const v = await imageVariant(tall, { format, maxBytes: IMAGE_VARIANT_MIN_BYTES });
      expect(v.bytes.length, format).toBeLessThanOrEqual(IMAGE_VARIANT_MIN_BYTES);
    }
  });
});
