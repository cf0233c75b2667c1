// A size-bounded copy of a stored image for clients with a byte limit (Office on the web refuses pictures over
// 5 MB): the PNG itself when it fits, else a re-encoded JPEG or smaller PNG that does, keeping the provenance XMP.
// Do not break: the output depends only on the stored bytes and the request, so its ETag can name both, and
// what is returned always fits `maxBytes` (the contract's minimum guarantees some size does).
import sharp from 'sharp';

export interface VariantRequest {
  format: 'png' | 'jpeg';
  maxBytes?: number;
}

export interface Variant {
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  /** The stored PNG is returned as is. */
  original: boolean;
}

/** Quality first (a smaller file that looks the same), then size. */
const JPEG_QUALITIES = [90, 80, 70, 60];
/** A miss by less than this share is worth a lower quality before a smaller picture. */
const NEAR_MISS = 0.6;
/** A smaller picture is at most this share of the previous width (bytes grow with pixels, about width²). */
const SHRINK = 0.85;
/** The last attempt is this wide, and is returned: the contract's minimum limit guarantees it fits. */
const MIN_WIDTH = 64;

async function encode(png: Buffer, format: VariantRequest['format'], width: number, quality: number) {
  // keepXmp: the IPTC "trainedAlgorithmicMedia" provenance stays on every copy handed out.
  let pipeline = sharp(png).keepXmp().resize({ width, withoutEnlargement: true });
  pipeline =
    format === 'jpeg'
      ? pipeline.flatten({ background: '#ffffff' }).jpeg({ quality })
      : pipeline.png({ compressionLevel: 9 });
  return pipeline.toBuffer({ resolveWithObject: true });
}

export async function imageVariant(png: Buffer, request: VariantRequest): Promise<Variant> {
  const meta = await sharp(png).metadata();
  const fullWidth = meta.width ?? 0;
  const limit = request.maxBytes ?? Number.POSITIVE_INFINITY;
  if (request.format === 'png' && png.length <= limit)
    return {
      bytes: png,
      contentType: 'image/png',
      width: fullWidth,
      height: meta.height ?? 0,
      original: true,
    };

  let width = fullWidth;
  let quality = 0;
  let size = request.format === 'png' ? png.length : 0;
  for (;;) {
    if (request.format === 'png' || size > 0) {
      // Aim straight at the limit from the last size, never shrinking less than SHRINK per step.
      const aim = Math.floor(width * Math.min(SHRINK, Math.sqrt(limit / size) * 0.95));
      width = Math.max(aim, MIN_WIDTH);
    }
    const out = await encode(png, request.format, width, JPEG_QUALITIES[quality]!);
    if (out.data.length <= limit || width <= MIN_WIDTH)
      return {
        bytes: out.data,
        contentType: request.format === 'jpeg' ? 'image/jpeg' : 'image/png',
        width: out.info.width,
        height: out.info.height,
        original: false,
      };
    const nearMiss = limit / out.data.length > NEAR_MISS;
    if (request.format === 'jpeg' && nearMiss && quality < JPEG_QUALITIES.length - 1) {
      quality++;
      size = 0; // the next attempt keeps the width
    } else {
      size = out.data.length;
    }
  }
}
