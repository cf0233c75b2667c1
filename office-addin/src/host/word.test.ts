// The Word host against office-addin-mock: insertInlinePictureFromBase64 at the cursor with bare base64, the
// width fitted to the text column (from the page setup where WordApiDesktop 1.3 has it, else A4), alt text,
// and every refusal as a typed error before or instead of a broken insert.
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeWord, type FakeWordOptions } from '../../test/fake-word.ts';
import { dataUrl, hugePng, png } from '../../test/images.ts';
import { ALT_TEXT_TITLE, composeAltText } from './alt-text.ts';
import { OfficeHostError } from './errors.ts';
import type { InsertRequest } from './office-host.ts';
import { createWordHost } from './word.ts';

const DESKTOP = { WordApi: '1.3', WordApiDesktop: '1.3' };
const WEB = { WordApi: '1.9' };
const GENERATION = '0b6f3c1e-9a4d-4f7e-8b2a-5c6d7e8f9a0b';

const images: Record<string, Buffer> = {};
beforeAll(async () => {
  images.wide = await png(1792, 1024);
  images.tall = await png(1024, 1792);
  images.huge = await hugePng();
});

function request(image: Buffer, widthPx: number, heightPx: number, extra: Partial<InsertRequest> = {}) {
  return {
    image: dataUrl(image),
    widthPx,
    heightPx,
    altTitle: ALT_TEXT_TITLE,
    altDescription: composeAltText('a koala presenting quarterly results'),
    decorative: false,
    generationId: GENERATION,
    ...extra,
  };
}

function setup(options: FakeWordOptions) {
  const fake = fakeWord(options);
  return { fake, host: createWordHost(fake.office, fake.word) };
}

async function refusal(promise: Promise<unknown>): Promise<OfficeHostError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OfficeHostError);
  return err as OfficeHostError;
}

describe('Word host', () => {
  it('inserts at the cursor, bare base64, as wide as the Letter text column (468 pt), with alt text', async () => {
    const { fake, host } = setup({ sets: DESKTOP });
    expect(await host.defaultAspect()).toBe('1792x1024');
    const result = await host.insertImage(request(images.wide!, 1792, 1024));

    expect(fake.pictures).toHaveLength(1);
    const picture = fake.pictures[0]!;
    expect(picture.base64).toBe(images.wide!.toString('base64'));
    expect(Buffer.from(picture.base64, 'base64').equals(images.wide!)).toBe(true);
    expect(picture.location).toBe('End');
    expect([picture.width, picture.height]).toEqual([468, 267.43]);
    expect(picture.altTextTitle).toBe('AI-generated image');
    expect(picture.altTextDescription).toBe('AI-generated image: a koala presenting quarterly results');
    expect(result).toEqual({
      size: { width: 468, height: 267.43 },
      position: null,
      altText: 'set',
      tagged: false,
      replacedPlaceholder: false,
      notes: [],
    });
  });

  it('reads the page setup of the section: an A3 page with 2 cm margins gives a 728.5 pt column', async () => {
    const { fake, host } = setup({ sets: DESKTOP, page: { width: 841.9, height: 1190.6, margin: 56.7 } });
    await host.insertImage(request(images.wide!, 1792, 1024));
    expect(fake.pictures[0]!.width).toBe(728.5);
  });

  it('without WordApiDesktop 1.3 (Word on the web) assumes an A4 text column of 451.3 pt', async () => {
    const { fake, host } = setup({ sets: WEB });
    await host.insertImage(request(images.wide!, 1792, 1024));
    expect([fake.pictures[0]!.width, fake.pictures[0]!.height]).toEqual([451.3, 257.89]);
    expect((await host.capabilities()).knowsPageSize).toBe(false);
  });

  it('a tall image is kept within the page height', async () => {
    const { fake, host } = setup({ sets: WEB });
    await host.insertImage(request(images.tall!, 1024, 1792));
    // 697.9 pt is A4's text height: the width shrinks to keep the 4:7 ratio.
    expect([fake.pictures[0]!.width, fake.pictures[0]!.height]).toEqual([398.8, 697.9]);
  });

  it('decorative: no alt text is written and the note says how to mark it in Word', async () => {
    const { fake, host } = setup({ sets: DESKTOP });
    const result = await host.insertImage(
      request(images.wide!, 1792, 1024, { decorative: true, altTitle: '', altDescription: '' }),
    );
    expect(fake.pictures[0]!.altTextTitle).toBeUndefined();
    expect(fake.pictures[0]!.altTextDescription).toBeUndefined();
    expect(result.altText).toBe('not-set');
    expect(result.notes.map((n) => n.code)).toEqual(['decorative-not-set']);
    expect((await host.capabilities()).decorative).toBe(false);
  });

  it('says where the picture goes: at the cursor, or after selected text', async () => {
    expect((await setup({ sets: DESKTOP }).host.selectionInfo()).summary).toBe('Inserts at the cursor.');
    expect((await setup({ sets: DESKTOP, textSelected: true }).host.selectionInfo()).summary).toBe(
      'Inserts after the selected text.',
    );
  });
});

describe('Word host refusals', () => {
  it('without WordApi 1.2: requirement-missing, and nothing is inserted', async () => {
    const { fake, host } = setup({ sets: { WordApi: '1.1' } });
    const err = await refusal(host.insertImage(request(images.wide!, 1792, 1024)));
    expect(err.code).toBe('requirement-missing');
    expect(err.message).toBe(
      'This version of Word cannot insert pictures from an add-in (it lacks WordApi 1.2).',
    );
    expect(fake.pictures).toHaveLength(0);
    expect((await host.capabilities()).canInsert).toBe(false);
  });

  it('a read-only document: read-only, and nothing is inserted', async () => {
    const { fake, host } = setup({ sets: DESKTOP, readOnly: true });
    const err = await refusal(host.insertImage(request(images.wide!, 1792, 1024)));
    expect(err.code).toBe('read-only');
    expect(err.message).toBe('This document is read-only, so the image cannot be inserted.');
    expect(fake.pictures).toHaveLength(0);
  });

  it('an image over 5 MB: image-too-big before Word sees it', async () => {
    const { fake, host } = setup({ sets: DESKTOP });
    const err = await refusal(host.insertImage(request(images.huge!, 1792, 1024)));
    expect(err.code).toBe('image-too-big');
    expect(fake.pictures).toHaveLength(0);
  });

  it.each([
    ['AccessDenied', 'read-only'],
    ['RequestPayloadSizeLimitExceeded', 'image-too-big'],
    ['InvalidArgument', 'invalid-image'],
    ['GeneralException', 'insert-refused'],
  ] as const)('Word error %s becomes %s', async (code, expected) => {
    const { host } = setup({ sets: DESKTOP, refuse: code });
    const err = await refusal(host.insertImage(request(images.wide!, 1792, 1024)));
    expect(err.code).toBe(expected);
    expect(err.action.length).toBeGreaterThan(10);
  });
});
