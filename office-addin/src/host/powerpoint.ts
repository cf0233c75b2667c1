// The PowerPoint host: inserts a generated picture with `setSelectedDataAsync` (ImageCoercion 1.1), fitted
// inside the slide with a margin and centred, or into the selected empty picture placeholder; then, where the
// requirement sets allow, writes alt text (PowerPointApi 1.10) and tags the picture with its generation id (1.3).
// Do not break: once the picture is in, nothing after it may throw; what could not be done becomes a note,
// so a user never inserts (and never pays for) the same image twice because alt text failed.
import { sizeForSlide } from './aspect.ts';
import { readOnly, requirementMissing } from './errors.ts';
import { fitOnSlide } from './fit.ts';
import { toInsertable } from './image-data.ts';
import { isReadOnly, setSelectedImage, supports, type OfficeCommon } from './office-common.ts';
import {
  DEFAULT_SLIDE,
  MAX_INSERT_BYTES,
  type HostCapabilities,
  type HostNote,
  type ImageSize,
  type InsertRequest,
  type InsertResult,
  type OfficeHost,
  type PageSize,
  type SelectionInfo,
} from './office-host.ts';
import {
  finishInsertedPicture,
  readSelection,
  readSlideSize,
  type Finished,
  type PowerPointApi,
  type SelectionSnapshot,
} from './powerpoint-document.ts';
import { checkInsertRequest } from './request.ts';

const APP = 'PowerPoint';

const NOTES = {
  altText: {
    code: 'alt-text-not-set',
    message:
      'Alt text could not be added automatically in this version of PowerPoint: right-click the picture, ' +
      'choose View Alt Text and paste the description.',
  },
  decorative: {
    code: 'decorative-not-set',
    message:
      'This version of PowerPoint cannot mark the picture as decorative from an add-in: right-click it, ' +
      'choose View Alt Text and tick Mark as decorative.',
  },
  tag: {
    code: 'not-tagged',
    message: 'The picture could not be tagged with its generation id; its file still records it (XMP).',
  },
  placeholder: {
    code: 'placeholder-filled',
    message: 'The picture filled the selected placeholder; PowerPoint sized it to the placeholder.',
  },
} satisfies Record<string, HostNote>;

/** Which parts of the insert this PowerPoint supports; read once per call, cheap and synchronous. */
function features(office: OfficeCommon) {
  const api = (v: string) => supports(office, 'PowerPointApi', v);
  const selection = api('1.5');
  return {
    insert: supports(office, 'ImageCoercion', '1.1'),
    readOnly: isReadOnly(office),
    selection,
    placeholders: selection && api('1.8'),
    slideSize: api('1.10'),
    altText: selection && api('1.10'),
    tags: selection && api('1.3'),
  };
}

export function createPowerPointHost(
  office: OfficeCommon = Office,
  powerpoint: PowerPointApi = PowerPoint,
): OfficeHost {
  const slideSize = async (): Promise<PageSize> => {
    if (!features(office).slideSize) return DEFAULT_SLIDE;
    try {
      return (await readSlideSize(powerpoint)) ?? DEFAULT_SLIDE;
    } catch {
      return DEFAULT_SLIDE;
    }
  };

  const snapshot = async (placeholders: boolean): Promise<SelectionSnapshot | null> => {
    try {
      return await readSelection(powerpoint, placeholders);
    } catch {
      // An empty presentation or a selection PowerPoint cannot describe: insert without one.
      return null;
    }
  };

  return {
    kind: 'powerpoint',

    async capabilities(): Promise<HostCapabilities> {
      const f = features(office);
      const refusal = !f.insert
        ? requirementMissing(APP, 'ImageCoercion', '1.1', 'insert pictures')
        : f.readOnly
          ? readOnly(APP)
          : null;
      return {
        kind: 'powerpoint',
        name: APP,
        canInsert: !refusal,
        cannotInsertBecause: refusal ? `${refusal.message} ${refusal.action}` : null,
        altText: f.altText,
        decorative: f.altText,
        provenanceTag: f.tags,
        knowsPageSize: f.slideSize,
        maxImageBytes: MAX_INSERT_BYTES,
      };
    },

    async defaultAspect(): Promise<ImageSize> {
      return sizeForSlide(await slideSize());
    },

    async selectionInfo(): Promise<SelectionInfo> {
      const f = features(office);
      const s = f.selection ? await snapshot(f.placeholders) : null;
      const where = s?.slideNumber ? `on slide ${s.slideNumber}` : 'on the current slide';
      return {
        summary: s?.picturePlaceholder
          ? `Fills the selected picture placeholder ${where}.`
          : `Inserts ${where}, centred.`,
        picturePlaceholder: s?.picturePlaceholder ?? false,
        slide: s?.slideNumber ?? null,
      };
    },

    async insertImage(request: InsertRequest): Promise<InsertResult> {
      checkInsertRequest(request);
      const f = features(office);
      if (!f.insert) throw requirementMissing(APP, 'ImageCoercion', '1.1', 'insert pictures');
      if (f.readOnly) throw readOnly(APP);
      const image = toInsertable(request.image, MAX_INSERT_BYTES);

      const before = f.selection ? await snapshot(f.placeholders) : null;
      const intoPlaceholder = before?.picturePlaceholder ?? false;
      // Without position options PowerPoint fills the selected placeholder; with them it places the picture
      // exactly there, on top of any placeholder (office-js issues #1743, #2451).
      const placement = intoPlaceholder
        ? null
        : fitOnSlide(await slideSize(), request.widthPx, request.heightPx);
      await setSelectedImage(
        office,
        APP,
        image.base64,
        placement && {
          imageLeft: placement.left,
          imageTop: placement.top,
          imageWidth: placement.width,
          imageHeight: placement.height,
        },
      );

      let finished: Finished = { found: false, altText: 'not-set', tagged: false };
      if (before && (f.altText || f.tags)) {
        try {
          finished = await finishInsertedPicture(powerpoint, before, {
            ...request,
            setAltText: f.altText,
            tag: f.tags,
          });
        } catch {
          // The picture is in; the notes below tell the user what to add by hand.
        }
      }
      const notes: HostNote[] = [];
      if (intoPlaceholder) notes.push(NOTES.placeholder);
      if (finished.altText === 'not-set') notes.push(request.decorative ? NOTES.decorative : NOTES.altText);
      if (!finished.tagged) notes.push(NOTES.tag);
      return {
        size: placement && { width: placement.width, height: placement.height },
        position: placement && { left: placement.left, top: placement.top },
        altText: finished.altText,
        tagged: finished.tagged,
        replacedPlaceholder: intoPlaceholder,
        notes,
      };
    },
  };
}
