// Inserting an existing image (issue #12 "Insert"): the bytes the API sent go to the host with the alt text; a PNG
// over 5 MB is swapped for the API's JPEG copy (`?format=jpeg&maxBytes=5000000`) before Office sees it, and a host
// that refuses the PNG as too big gets that copy once; every other refusal is the host's, untouched. Nothing here
// can start a generation: the API is a stand-in with only the two image reads.
import { describe, expect, it } from 'vitest';
import { hugePng, png } from '../../test/images.ts';
import {
  MAX_INSERT_BYTES,
  OfficeHostError,
  imageTooBig,
  readOnly,
  type InsertRequest,
  type InsertResult,
  type OfficeHost,
} from '../host/index.ts';
import { insertImage, insertedSentence, type ImageApi } from './insert-image.ts';

const GENERATION = '0b6f4a4e-8d5c-4c0a-9a43-6f1f2f1c2e3d';
const IMAGE = { url: `/api/v1/images/${GENERATION}_0`, width: 1792, height: 1024 };
const DONE: InsertResult = {
  size: { width: 819, height: 468 },
  position: { left: 70.5, top: 36 },
  altText: 'set',
  tagged: true,
  replacedPlaceholder: false,
  notes: [],
};

function fakeApi(full: Buffer, copy: Buffer) {
  const asked: string[] = [];
  const api: ImageApi = {
    imageBlob: async (path) => {
      asked.push(path);
      return new Blob([new Uint8Array(full)], { type: 'image/png' });
    },
    imageCopy: async (path, variant) => {
      asked.push(`${path}?format=${variant.format}&maxBytes=${variant.maxBytes}`);
      return new Blob([new Uint8Array(copy)], { type: 'image/jpeg' });
    },
  };
  return { api, asked };
}

function fakeHost(refuse: (req: InsertRequest, attempt: number) => OfficeHostError | null = () => null) {
  const requests: InsertRequest[] = [];
  const host: OfficeHost = {
    kind: 'powerpoint',
    capabilities: async () => ({
      kind: 'powerpoint',
      name: 'PowerPoint',
      canInsert: true,
      cannotInsertBecause: null,
      altText: true,
      decorative: true,
      provenanceTag: true,
      knowsPageSize: true,
      maxImageBytes: MAX_INSERT_BYTES,
    }),
    defaultAspect: async () => '1792x1024',
    selectionInfo: async () => ({ summary: '', picturePlaceholder: false, slide: 1 }),
    insertImage: async (req) => {
      requests.push(req);
      const refusal = refuse(req, requests.length);
      if (refusal) throw refusal;
      return DONE;
    },
  };
  return { host, requests };
}

const bytes = (image: InsertRequest['image']) => Buffer.from(image as Uint8Array);

describe('insertImage', () => {
  it('sends the PNG as the API gave it, with the alt text and the generation id', async () => {
    const full = await png(1792, 1024);
    const { api, asked } = fakeApi(full, Buffer.alloc(0));
    const { host, requests } = fakeHost();
    const outcome = await insertImage(
      api,
      host,
      { generationId: GENERATION, image: IMAGE },
      { description: 'AI-generated image: a koala presenting quarterly results', decorative: false },
    );
    expect(asked).toEqual([IMAGE.url]);
    expect(requests).toHaveLength(1);
    expect(bytes(requests[0]!.image).equals(full)).toBe(true);
    expect(requests[0]).toMatchObject({
      widthPx: 1792,
      heightPx: 1024,
      altTitle: 'AI-generated image',
      altDescription: 'AI-generated image: a koala presenting quarterly results',
      decorative: false,
      generationId: GENERATION,
    });
    expect(outcome).toMatchObject({ sentAs: 'png', bytes: full.length, result: DONE });
  });

  it('swaps a PNG over 5 MB for the JPEG copy before Office sees it', async () => {
    const full = await hugePng();
    expect(full.length).toBeGreaterThan(MAX_INSERT_BYTES);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const { api, asked } = fakeApi(full, jpeg);
    const { host, requests } = fakeHost();
    const outcome = await insertImage(
      api,
      host,
      { generationId: GENERATION, image: IMAGE },
      { description: 'a noisy picture', decorative: false },
    );
    expect(asked).toEqual([IMAGE.url, `${IMAGE.url}?format=jpeg&maxBytes=5000000`]);
    expect(requests).toHaveLength(1);
    expect(bytes(requests[0]!.image).equals(jpeg)).toBe(true);
    // The copy may be smaller in pixels; the fitting only needs the shape, which a copy keeps.
    expect(requests[0]).toMatchObject({ widthPx: 1792, heightPx: 1024 });
    expect(outcome).toMatchObject({ sentAs: 'jpeg', bytes: jpeg.length });
    expect(insertedSentence(outcome, 'on slide 1')).toBe(
      'On slide 1, 819 × 468 pt, with its alt text. It went in as a JPEG copy under 5 MB, as Office requires.',
    );
  });

  it('retries once with the JPEG copy when Office refuses the PNG as too big', async () => {
    const full = await png(1792, 1024);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9]);
    const { api, asked } = fakeApi(full, jpeg);
    const { host, requests } = fakeHost((_req, attempt) =>
      attempt === 1 ? imageTooBig(null, 5_000_000) : null,
    );
    const outcome = await insertImage(
      api,
      host,
      { generationId: GENERATION, image: IMAGE },
      { description: 'a koala', decorative: false },
    );
    expect(requests.map((r) => bytes(r.image)[0])).toEqual([0x89, 0xff]);
    expect(asked).toHaveLength(2);
    expect(outcome.sentAs).toBe('jpeg');
  });

  it('passes every other refusal on as it is, without a second attempt', async () => {
    const { api, asked } = fakeApi(await png(64, 64), Buffer.alloc(0));
    const { host, requests } = fakeHost(() => readOnly('PowerPoint'));
    const failure = insertImage(
      api,
      host,
      { generationId: GENERATION, image: IMAGE },
      { description: 'a koala', decorative: false },
    );
    await expect(failure).rejects.toMatchObject({ code: 'read-only' });
    await expect(failure).rejects.toBeInstanceOf(OfficeHostError);
    expect(requests).toHaveLength(1);
    expect(asked).toHaveLength(1);
  });

  it('marks a decorative image with no alt text, and refuses an empty description before fetching', async () => {
    const { api, asked } = fakeApi(await png(64, 64), Buffer.alloc(0));
    const { host, requests } = fakeHost();
    await insertImage(
      api,
      host,
      { generationId: GENERATION, image: IMAGE },
      { description: '', decorative: true },
    );
    expect(requests[0]).toMatchObject({ altTitle: '', altDescription: '', decorative: true });
    await expect(
      insertImage(
        api,
        host,
        { generationId: GENERATION, image: IMAGE },
        { description: '  ', decorative: false },
      ),
    ).rejects.toThrow(/Describe the image/);
    expect(asked).toHaveLength(1);
  });
});
