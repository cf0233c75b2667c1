// Inserting an image that already exists (just generated, or picked from Recent images) into the document: fetch
// its bytes from the API, hand them to the OfficeHost with the alt text, and take the 5 MB path when needed.
// Office on the web refuses pictures over 5 MB, so a PNG over the host's limit is swapped, before Office sees it,
// for the API's size-bounded JPEG copy (`?format=jpeg&maxBytes=5000000`); a host that refuses the PNG as too big
// all the same gets that copy once. Must not break: nothing here starts a generation, so inserting again (after
// any failure) never pays twice; and the alt text is resolved before any byte is fetched, so an image never goes
// in without it unless it was marked decorative.
import type { ImageView } from '@donatello/contracts';
import type { ApiClient } from '@donatello/web';
import {
  MAX_INSERT_BYTES,
  OfficeHostError,
  resolveAltText,
  type InsertResult,
  type OfficeHost,
} from '../host/index.ts';

export interface InsertSource {
  generationId: string;
  image: Pick<ImageView, 'url' | 'width' | 'height'>;
}

export interface AltTextChoice {
  description: string;
  decorative: boolean;
}

export interface InsertOutcome {
  result: InsertResult;
  /** What went to Office: the stored PNG, or the API's JPEG copy under the limit. */
  sentAs: 'png' | 'jpeg';
  bytes: number;
}

export type ImageApi = Pick<ApiClient, 'imageBlob' | 'imageCopy'>;

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export async function insertImage(
  api: ImageApi,
  host: OfficeHost,
  source: InsertSource,
  alt: AltTextChoice,
  signal?: AbortSignal,
): Promise<InsertOutcome> {
  const altText = resolveAltText(alt);
  const limit = Math.min((await host.capabilities()).maxImageBytes, MAX_INSERT_BYTES);
  const jpeg = async () =>
    bytesOf(await api.imageCopy(source.image.url, { format: 'jpeg', maxBytes: limit }, signal));
  const send = async (image: Uint8Array, sentAs: InsertOutcome['sentAs']): Promise<InsertOutcome> => ({
    result: await host.insertImage({
      image,
      widthPx: source.image.width,
      heightPx: source.image.height,
      ...altText,
      generationId: source.generationId,
    }),
    sentAs,
    bytes: image.length,
  });

  const png = await bytesOf(await api.imageBlob(source.image.url, signal));
  if (png.length > limit) return send(await jpeg(), 'jpeg');
  try {
    return await send(png, 'png');
  } catch (err) {
    if (err instanceof OfficeHostError && err.code === 'image-too-big') return send(await jpeg(), 'jpeg');
    throw err;
  }
}

const pt = (n: number) => `${Math.round(n)}`;

/** One sentence for the person after an insert that worked: where it went, its size, its alt text. */
export function insertedSentence(outcome: InsertOutcome, where: string): string {
  const r = outcome.result;
  const size = r.size ? `, ${pt(r.size.width)} × ${pt(r.size.height)} pt` : '';
  const alt =
    r.altText === 'set'
      ? 'with its alt text'
      : r.altText === 'decorative'
        ? 'marked as decorative'
        : 'without alt text (see below)';
  const copy = outcome.sentAs === 'jpeg' ? ' It went in as a JPEG copy under 5 MB, as Office requires.' : '';
  const text = `${where}${size}, ${alt}.${copy}`;
  return text[0]!.toUpperCase() + text.slice(1);
}
