// What Office gets: bare base64 of a PNG or JPEG, at most 5 MB after decoding.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { OfficeHostError } from './errors.ts';
import { bytesToBase64, toInsertable } from './image-data.ts';
import { MAX_INSERT_BYTES } from './office-host.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A buffer of exactly `size` bytes that starts like a PNG: enough for the size guard. */
function pngSized(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_SIGNATURE);
  return bytes;
}

function refusal(fn: () => unknown): OfficeHostError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OfficeHostError);
    return err as OfficeHostError;
  }
  throw new Error('expected an OfficeHostError');
}

describe('insertable image', () => {
  it('strips a data: prefix and whitespace; bytes and base64 in give the same result', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#5B3FD9' } })
      .png()
      .toBuffer();
    const bare = png.toString('base64');
    const wrapped = `data:image/png;base64,${bare.slice(0, 20)}\n${bare.slice(20)}`;
    for (const input of [
      bare,
      wrapped,
      `data:image/png;name=koala.png;base64,${bare}`,
      new Uint8Array(png),
    ]) {
      expect(toInsertable(input, MAX_INSERT_BYTES)).toEqual({
        base64: bare,
        bytes: png.length,
        format: 'png',
      });
    }
  });

  it('recognises JPEG', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2BB673' } })
      .jpeg()
      .toBuffer();
    expect(toInsertable(jpeg.toString('base64'), MAX_INSERT_BYTES).format).toBe('jpeg');
  });

  it('accepts exactly 5,000,000 bytes and refuses one more', () => {
    expect(toInsertable(pngSized(MAX_INSERT_BYTES), MAX_INSERT_BYTES).bytes).toBe(5_000_000);
    for (const size of [MAX_INSERT_BYTES - 1, MAX_INSERT_BYTES - 2])
      expect(toInsertable(pngSized(size), MAX_INSERT_BYTES).bytes).toBe(size);
    const err = refusal(() => toInsertable(pngSized(MAX_INSERT_BYTES + 1), MAX_INSERT_BYTES));
    expect(err.code).toBe('image-too-big');
    expect(err.message).toBe('The image is 5.0 MB; Office accepts at most 5.0 MB.');
  });

  it('refuses empty, non-base64 and non-image data', () => {
    expect(refusal(() => toInsertable('', MAX_INSERT_BYTES)).message).toMatch(/it is empty/);
    expect(refusal(() => toInsertable('abc', MAX_INSERT_BYTES)).message).toMatch(/not base64/);
    expect(refusal(() => toInsertable('ab$=', MAX_INSERT_BYTES)).message).toMatch(/not base64/);
    expect(refusal(() => toInsertable(btoa('GIF89a......'), MAX_INSERT_BYTES)).message).toMatch(
      /neither a PNG nor a JPEG/,
    );
  });

  it('encodes large byte arrays without hitting the argument limit', () => {
    const bytes = pngSized(3_000_000);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
