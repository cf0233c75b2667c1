// Reading an image through a signed link: no caller, so no permission check beyond the signature. The
// generation must still exist, have succeeded and not be deleted.
import type { ImageVariant } from '../identity/image-links.ts';
import type { DocumentStore } from '../ports/store.ts';
import type { ImageStore } from './image-store.ts';
import { parseImageId, type GenerationRecord } from './record.ts';

export async function readSignedImage(
  store: DocumentStore,
  images: ImageStore,
  tenantId: string,
  imageId: string,
  variant: ImageVariant,
) {
  const parsed = parseImageId(imageId);
  if (!parsed) return null;
  const doc = await store.get<GenerationRecord>('generations', tenantId, parsed.generationId);
  if (!doc || doc.data.deletedAt || doc.data.status !== 'succeeded') return null;
  const img = doc.data.images.find((i) => i.index === parsed.index);
  const blob = img ? await images.get(variant === 'full' ? img.key : img.thumbKey) : null;
  return img && blob ? { blob, sha256: img.sha256 } : null;
}
