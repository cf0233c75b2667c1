import sharp from 'sharp';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngWithXmp } from './png-provenance.ts';

const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><donatello>generation 42 ü</donatello></x:xmpmeta>';

async function samplePng(): Promise<Buffer> {
  return sharp({
    create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.5 } },
  })
    .withExif({ IFD0: { ImageDescription: 'secret prompt in EXIF' } })
    .png()
    .toBuffer();
}

/** Adds a tEXt chunk after IHDR, the way some providers write the prompt into the file. */
function withText(png: Buffer, text: string): Buffer {
  const data = Buffer.from(`Description\0${text}`, 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('tEXt', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  const ihdrEnd = 8 + 25;
  return Buffer.concat([png.subarray(0, ihdrEnd), head, data, crc, png.subarray(ihdrEnd)]);
}

describe('pngWithXmp', () => {
  it('adds the XMP packet, keeps the pixels and size, and drops the other metadata', async () => {
    const original = withText(await samplePng(), 'a prompt with a phone number 0412 345 678');
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const out = pngWithXmp(original, XMP)!;
    expect(out).toMatchObject({ width: 40, height: 30 });
    const meta = await sharp(out.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 40, 30]);
    expect(meta.xmp?.toString('utf8')).toBe(XMP);
    expect(meta.exif).toBeUndefined();
    expect(out.bytes.includes(Buffer.from('0412 345 678'))).toBe(false);
    const [a, b] = await Promise.all([original, out.bytes].map((p) => sharp(p).raw().toBuffer()));
    expect(b!.equals(a!)).toBe(true);
  });

  it('refuses what is not a well-formed PNG, so the caller re-encodes it', async () => {
    const png = await samplePng();
    const jpeg = await sharp(png).jpeg().toBuffer();
    expect(pngWithXmp(jpeg, XMP)).toBeNull();
    expect(pngWithXmp(png.subarray(0, png.length - 20), XMP)).toBeNull(); // truncated, no IEND
    const badCrc = Buffer.from(png);
    badCrc[40] = badCrc[40]! ^ 0xff; // inside the first chunk after IHDR
    expect(pngWithXmp(badCrc, XMP)).toBeNull();
    const noData = Buffer.concat([png.subarray(0, 33), png.subarray(png.length - 12)]); // IHDR, IEND only
    expect(pngWithXmp(noData, XMP)).toBeNull();
    const huge = Buffer.from(png);
    huge.writeUInt32BE(0xfffffff0, 33); // a chunk claiming to run past the end
    expect(pngWithXmp(huge, XMP)).toBeNull();
  });
});
