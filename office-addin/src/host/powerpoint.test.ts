// The PowerPoint host against office-addin-mock: the exact setSelectedDataAsync call (bare base64, fitted
// points for 16:9, 4:3 and portrait slides), alt text and tag only where the requirement sets allow, the
// placeholder case, and every refusal as a typed error with nothing sent to PowerPoint that it would refuse.
import { beforeAll, describe, expect, it } from 'vitest';
import { fakePowerPoint, type FakePowerPointOptions } from '../../test/fake-powerpoint.ts';
import { dataUrl, hugePng, png } from '../../test/images.ts';
import { ALT_TEXT_TITLE, composeAltText } from './alt-text.ts';
import { OfficeHostError } from './errors.ts';
import type { InsertRequest } from './office-host.ts';
import { GENERATION_TAG } from './powerpoint-document.ts';
import { createPowerPointHost } from './powerpoint.ts';

const ALL = { ImageCoercion: '1.1', PowerPointApi: '1.10' };
const NO_1_10 = { ImageCoercion: '1.1', PowerPointApi: '1.9' };
const COMMON_ONLY = { ImageCoercion: '1.1' };
const GENERATION = '0b6f3c1e-9a4d-4f7e-8b2a-5c6d7e8f9a0b';
const PROMPT = 'a koala presenting quarterly results';

const images: Record<string, Buffer> = {};
beforeAll(async () => {
  images.wide = await png(1792, 1024);
  images.square = await png(1024, 1024);
  images.tall = await png(1024, 1792);
  images.huge = await hugePng();
});

function request(image: Buffer, widthPx: number, heightPx: number, extra: Partial<InsertRequest> = {}) {
  return {
    image: dataUrl(image),
    widthPx,
    heightPx,
    altTitle: ALT_TEXT_TITLE,
    altDescription: composeAltText(PROMPT),
    decorative: false,
    generationId: GENERATION,
    ...extra,
  };
}

function setup(options: FakePowerPointOptions) {
  const fake = fakePowerPoint(options);
  return { fake, host: createPowerPointHost(fake.office, fake.powerpoint) };
}

async function refusal(promise: Promise<unknown>): Promise<OfficeHostError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OfficeHostError);
  return err as OfficeHostError;
}

describe('PowerPoint host, PowerPointApi 1.10 (slide size, alt text, tags)', () => {
  it('16:9 slide: 1792×1024 by default, fitted 819×468 pt at (70.5, 36), bare base64, alt text and tag', async () => {
    const { fake, host } = setup({ sets: ALL, slide: { width: 960, height: 540 } });
    expect(await host.defaultAspect()).toBe('1792x1024');

    const result = await host.insertImage(request(images.wide!, 1792, 1024));

    expect(fake.inserts).toHaveLength(1);
    const { data, options } = fake.inserts[0]!;
    expect(data).toBe(images.wide!.toString('base64'));
    expect(data.startsWith('data:')).toBe(false);
    expect(Buffer.from(data, 'base64').equals(images.wide!)).toBe(true);
    expect(options).toEqual({
      coercionType: 'image',
      imageLeft: 70.5,
      imageTop: 36,
      imageWidth: 819,
      imageHeight: 468,
    });
    const picture = fake.shapes.at(-1)!;
    expect(picture.type).toBe('Image');
    expect(picture.altTextTitle).toBe('AI-generated image');
    expect(picture.altTextDescription).toBe('AI-generated image: a koala presenting quarterly results');
    expect(picture.tags.values).toEqual({ [GENERATION_TAG]: GENERATION });
    // Nothing else on the slide was touched.
    for (const other of fake.shapes.slice(0, -1)) {
      expect(other.altTextTitle).toBeUndefined();
      expect(other.tags.values).toEqual({});
    }
    expect(result).toEqual({
      size: { width: 819, height: 468 },
      position: { left: 70.5, top: 36 },
      altText: 'set',
      tagged: true,
      replacedPlaceholder: false,
      notes: [],
    });
  });

  it('4:3 slide (720×540): 1024×1024 by default, fitted 468×468 pt at (126, 36)', async () => {
    const { fake, host } = setup({ sets: ALL, slide: { width: 720, height: 540 } });
    expect(await host.defaultAspect()).toBe('1024x1024');
    const result = await host.insertImage(request(images.square!, 1024, 1024));
    expect(fake.inserts[0]!.options).toMatchObject({
      imageLeft: 126,
      imageTop: 36,
      imageWidth: 468,
      imageHeight: 468,
    });
    expect(result.position).toEqual({ left: 126, top: 36 });
  });

  it('portrait slide (540×960): 1024×1792 by default, fitted 468×819 pt at (36, 70.5)', async () => {
    const { fake, host } = setup({ sets: ALL, slide: { width: 540, height: 960 } });
    expect(await host.defaultAspect()).toBe('1024x1792');
    await host.insertImage(request(images.tall!, 1024, 1792));
    expect(fake.inserts[0]!.options).toMatchObject({
      imageLeft: 36,
      imageTop: 70.5,
      imageWidth: 468,
      imageHeight: 819,
    });
  });

  it('a wide image on a 4:3 slide is fitted by width and centred vertically', async () => {
    const { fake, host } = setup({ sets: ALL, slide: { width: 720, height: 540 } });
    await host.insertImage(request(images.wide!, 1792, 1024));
    // 648 pt wide (720 less two 36 pt margins), 370.29 pt tall, centred: top (540 - 370.29) / 2.
    expect(fake.inserts[0]!.options).toMatchObject({
      imageLeft: 36,
      imageTop: 84.86,
      imageWidth: 648,
      imageHeight: 370.29,
    });
  });

  it('decorative: the picture is marked decorative and gets no alt text', async () => {
    const { fake, host } = setup({ sets: ALL });
    const result = await host.insertImage(
      request(images.wide!, 1792, 1024, { decorative: true, altTitle: '', altDescription: '' }),
    );
    const picture = fake.shapes.at(-1)!;
    expect(picture.isDecorative).toBe(true);
    expect(picture.altTextTitle).toBeUndefined();
    expect(result.altText).toBe('decorative');
    expect(result.notes).toEqual([]);
  });

  it('a selected empty picture placeholder is filled: no position is sent, alt text lands on it', async () => {
    const { fake, host } = setup({ sets: ALL, select: 'picture-placeholder' });
    const info = await host.selectionInfo();
    expect(info).toEqual({
      summary: 'Fills the selected picture placeholder on slide 2.',
      picturePlaceholder: true,
      slide: 2,
    });
    const result = await host.insertImage(request(images.wide!, 1792, 1024));
    expect(fake.inserts[0]!.options).toEqual({ coercionType: 'image' });
    expect(fake.picturePlaceholder.placeholder?.containedType).toBe('Image');
    expect(fake.picturePlaceholder.altTextDescription).toBe(composeAltText(PROMPT));
    expect(fake.picturePlaceholder.tags.values[GENERATION_TAG]).toBe(GENERATION);
    expect(result).toMatchObject({ size: null, position: null, replacedPlaceholder: true, altText: 'set' });
    expect(result.notes.map((n) => n.code)).toEqual(['placeholder-filled']);
  });

  it('describes the selection and its capabilities', async () => {
    const { host } = setup({ sets: ALL });
    expect(await host.selectionInfo()).toEqual({
      summary: 'Inserts on slide 2, centred.',
      picturePlaceholder: false,
      slide: 2,
    });
    expect(await host.capabilities()).toEqual({
      kind: 'powerpoint',
      name: 'PowerPoint',
      canInsert: true,
      cannotInsertBecause: null,
      altText: true,
      decorative: true,
      provenanceTag: true,
      knowsPageSize: true,
      maxImageBytes: 5_000_000,
    });
  });
});

describe('PowerPoint host without PowerPointApi 1.10', () => {
  it('assumes a 960×540 slide (16:9) without reading pageSetup, tags the picture, leaves alt text to the user', async () => {
    // The presentation is really 4:3, but this PowerPoint cannot say so: the documented default applies.
    const { fake, host } = setup({ sets: NO_1_10, slide: { width: 720, height: 540 } });
    expect(await host.defaultAspect()).toBe('1792x1024');
    const result = await host.insertImage(request(images.wide!, 1792, 1024));
    expect(fake.inserts[0]!.options).toMatchObject({ imageLeft: 70.5, imageTop: 36, imageWidth: 819 });
    const picture = fake.shapes.at(-1)!;
    expect(picture.altTextTitle).toBeUndefined();
    expect(picture.altTextDescription).toBeUndefined();
    expect(picture.tags.values[GENERATION_TAG]).toBe(GENERATION);
    expect(result.altText).toBe('not-set');
    expect(result.tagged).toBe(true);
    expect(result.notes.map((n) => n.code)).toEqual(['alt-text-not-set']);
    expect(result.notes[0]!.message).toMatch(/View Alt Text/);
    const caps = await host.capabilities();
    expect([caps.altText, caps.decorative, caps.provenanceTag, caps.knowsPageSize]).toEqual([
      false,
      false,
      true,
      false,
    ]);
  });

  it('with only ImageCoercion 1.1 the picture still goes in, and the notes say what is missing', async () => {
    const { fake, host } = setup({ sets: COMMON_ONLY });
    const result = await host.insertImage(
      request(images.wide!, 1792, 1024, { decorative: true, altTitle: '', altDescription: '' }),
    );
    expect(fake.inserts).toHaveLength(1);
    expect(fake.shapes.at(-1)!.isDecorative).toBeUndefined();
    expect(fake.shapes.at(-1)!.tags.values).toEqual({});
    expect(result.notes.map((n) => n.code)).toEqual(['decorative-not-set', 'not-tagged']);
    expect(await host.selectionInfo()).toEqual({
      summary: 'Inserts on the current slide, centred.',
      picturePlaceholder: false,
      slide: null,
    });
  });
});

describe('PowerPoint host refusals', () => {
  it('without ImageCoercion 1.1: requirement-missing, and nothing is sent', async () => {
    const { fake, host } = setup({ sets: { PowerPointApi: '1.10' } });
    const err = await refusal(host.insertImage(request(images.wide!, 1792, 1024)));
    expect(err.code).toBe('requirement-missing');
    expect(err.message).toBe(
      'This version of PowerPoint cannot insert pictures from an add-in (it lacks ImageCoercion 1.1).',
    );
    expect(err.action).toMatch(/^Update PowerPoint/);
    expect(fake.inserts).toHaveLength(0);
    const caps = await host.capabilities();
    expect(caps.canInsert).toBe(false);
    expect(caps.cannotInsertBecause).toContain('lacks ImageCoercion 1.1');
  });

  it('a read-only presentation: read-only, and nothing is sent', async () => {
    const { fake, host } = setup({ sets: ALL, readOnly: true });
    const err = await refusal(host.insertImage(request(images.wide!, 1792, 1024)));
    expect(err.code).toBe('read-only');
    expect(err.message).toBe('This presentation is read-only, so the image cannot be inserted.');
    expect(fake.inserts).toHaveLength(0);
    expect((await host.capabilities()).canInsert).toBe(false);
  });

  it('an image over 5 MB: image-too-big before PowerPoint sees it', async () => {
    const { fake, host } = setup({ sets: ALL });
    expect(images.huge!.length).toBeGreaterThan(5_000_000);
    const err = await refusal(host.insertImage(request(images.huge!, 1792, 1024)));
    expect(err.code).toBe('image-too-big');
    expect(err.message).toBe(
      `The image is ${(images.huge!.length / 1e6).toFixed(1)} MB; Office accepts at most 5.0 MB.`,
    );
    expect(err.action).toMatch(/smaller JPEG/);
    expect(fake.inserts).toHaveLength(0);
  });

  it('a selected picture: PowerPoint answers 2001, the user is told to click an empty area', async () => {
    const { fake, host } = setup({ sets: ALL, select: 'picture' });
    const err = await refusal(host.insertImage(request(images.wide!, 1792, 1024)));
    expect(err.code).toBe('selection-not-writable');
    expect(err.action).toBe('Click an empty area of the slide so nothing is selected, then insert again.');
    expect(err.detail).toBe('2001 Cannot write to the current selection.');
    expect(fake.inserts).toHaveLength(1);
  });

  it.each([
    [5002, 'read-only'],
    [5012, 'session-expired'],
    [2009, 'image-too-big'],
    [2006, 'invalid-image'],
    [5001, 'insert-refused'],
  ] as const)('PowerPoint error %i becomes %s', async (code, expected) => {
    const { host } = setup({ sets: ALL, refuse: { code, message: 'refused' } });
    expect((await refusal(host.insertImage(request(images.wide!, 1792, 1024)))).code).toBe(expected);
  });

  it('bytes that are not an image, and a data URL of text: invalid-image', async () => {
    const { fake, host } = setup({ sets: ALL });
    const text = await refusal(
      host.insertImage({
        ...request(images.wide!, 1792, 1024),
        image: 'data:text/plain;base64,aGVsbG8gd29ybGQh',
      }),
    );
    expect(text.code).toBe('invalid-image');
    const garbage = await refusal(
      host.insertImage({ ...request(images.wide!, 1792, 1024), image: 'not base64!' }),
    );
    expect(garbage.message).toBe('The image could not be read (it is not base64).');
    expect(fake.inserts).toHaveLength(0);
  });

  it('refuses to insert a non-decorative picture without alt text (a caller bug, not a host error)', async () => {
    const { fake, host } = setup({ sets: ALL });
    await expect(
      host.insertImage(request(images.wide!, 1792, 1024, { altDescription: '   ' })),
    ).rejects.toThrow(RangeError);
    expect(fake.inserts).toHaveLength(0);
  });
});
