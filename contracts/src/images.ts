import { z } from 'zod';

/**
 * The smallest `maxBytes` accepted: every image shrinks below it. The smallest copy made is 64 px wide, and the
 * tallest size (1024×1792) is then 64×112 px: 28 KiB of RGBA pixels before PNG compression.
 */
export const IMAGE_VARIANT_MIN_BYTES = 32_768;
export const IMAGE_VARIANT_MAX_BYTES = 50_000_000;

/**
 * Query of GET /api/v1/images/:imageId: which copy of the image to send. No query is the stored PNG. `format=jpeg`
 * re-encodes it; `maxBytes` bounds the body (the Office add-in asks for at most 5 MB, PowerPoint on the web's limit).
 */
export const ImageVariantQuery = z.strictObject({
  format: z.enum(['png', 'jpeg']).default('png'),
  maxBytes: z.coerce.number().int().min(IMAGE_VARIANT_MIN_BYTES).max(IMAGE_VARIANT_MAX_BYTES).optional(),
});
export type ImageVariantQuery = z.infer<typeof ImageVariantQuery>;
