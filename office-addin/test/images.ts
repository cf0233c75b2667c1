// Real images for the host tests, drawn with sharp: what the API would hand the task pane.
import sharp from 'sharp';

/** A PNG of the given size: a gradient, so it compresses like a picture rather than a flat colour. */
export async function png(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#7C5CFA"/><stop offset="1" stop-color="#2BB673"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 3}" r="${height / 5}" fill="#FFB000"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A PNG over 5 MB: random noise does not compress, so 1792×1024 RGB comes out around 5.5 MB. */
export async function hugePng(): Promise<Buffer> {
  const width = 1792;
  const height = 1024;
  const raw = Buffer.alloc(width * height * 3);
  // A fixed linear congruential sequence: the same bytes every run, and no pattern PNG's filters can exploit.
  let x = 12345;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    raw[i] = x >>> 24;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export const dataUrl = (bytes: Buffer, type = 'image/png') =>
  `data:${type};base64,${bytes.toString('base64')}`;
