// The Word host: inserts a generated picture inline at the cursor with `insertInlinePictureFromBase64`
// (WordApi 1.2), as wide as the text column (from the section's page setup where WordApiDesktop 1.3 has it,
// else an A4 page) and with its alt text set in the same batch (WordApi 1.1).
// Do not break: the picture goes after any selected text, never over it: an add-in must not delete words.
import { WORD_DEFAULT_SIZE } from './aspect.ts';
import {
  imageTooBig,
  insertRefused,
  invalidImage,
  OfficeHostError,
  readOnly,
  requirementMissing,
} from './errors.ts';
import { DEFAULT_TEXT_COLUMN, fitToColumn } from './fit.ts';
import { toInsertable } from './image-data.ts';
import { isReadOnly, supports, type OfficeCommon } from './office-common.ts';
import {
  MAX_INSERT_BYTES,
  type HostCapabilities,
  type HostNote,
  type ImageSize,
  type InsertRequest,
  type InsertResult,
  type OfficeHost,
  type SelectionInfo,
} from './office-host.ts';
import { checkInsertRequest } from './request.ts';

const APP = 'Word';

/** `Word` from Office.js (only `run` is used); injected so tests can hand in office-addin-mock objects. */
export interface WordApi {
  run<T>(batch: (context: Word.RequestContext) => Promise<T>): Promise<T>;
}

const DECORATIVE_NOTE: HostNote = {
  code: 'decorative-not-set',
  message:
    'Word cannot mark a picture as decorative from an add-in: right-click it, choose View Alt Text and tick ' +
    'Mark as decorative.',
};

/** The text area of the section the cursor is in, in points; null when Word cannot say. */
async function readTextColumn(word: WordApi): Promise<{ width: number; height: number } | null> {
  const area = await word.run(async (ctx) => {
    const setup = ctx.document.getSelection().sections.getFirst().pageSetup;
    setup.load('pageWidth,pageHeight,leftMargin,rightMargin,topMargin,bottomMargin');
    await ctx.sync();
    return {
      width: setup.pageWidth - setup.leftMargin - setup.rightMargin,
      height: setup.pageHeight - setup.topMargin - setup.bottomMargin,
    };
  });
  return area.width > 0 && area.height > 0 ? area : null;
}

/** Word's own errors (OfficeExtension.Error codes) as the user needs to hear them. */
function wordError(err: unknown): OfficeHostError {
  if (err instanceof OfficeHostError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = `${String(code)} ${err instanceof Error ? err.message : String(err)}`;
  switch (code) {
    case 'AccessDenied':
    case 'NotAllowed':
      return readOnly(APP, detail);
    case 'RequestPayloadSizeLimitExceeded':
      return imageTooBig(null, MAX_INSERT_BYTES);
    case 'InvalidArgument':
      return invalidImage(`Word says: ${detail}`);
    case 'ApiNotFound':
    case 'NotImplemented':
      return requirementMissing(APP, 'WordApi', '1.2', 'insert pictures');
    default:
      return insertRefused(APP, detail);
  }
}

export function createWordHost(office: OfficeCommon = Office, word: WordApi = Word): OfficeHost {
  const features = () => ({
    insert: supports(office, 'WordApi', '1.2'),
    readOnly: isReadOnly(office),
    pageSetup: supports(office, 'WordApiDesktop', '1.3'),
    emptySelection: supports(office, 'WordApi', '1.3'),
  });

  return {
    kind: 'word',

    async capabilities(): Promise<HostCapabilities> {
      const f = features();
      const refusal = !f.insert
        ? requirementMissing(APP, 'WordApi', '1.2', 'insert pictures')
        : f.readOnly
          ? readOnly(APP)
          : null;
      return {
        kind: 'word',
        name: APP,
        canInsert: !refusal,
        cannotInsertBecause: refusal ? `${refusal.message} ${refusal.action}` : null,
        altText: f.insert,
        decorative: false,
        provenanceTag: false,
        knowsPageSize: f.pageSetup,
        maxImageBytes: MAX_INSERT_BYTES,
      };
    },

    async defaultAspect(): Promise<ImageSize> {
      return WORD_DEFAULT_SIZE;
    },

    async selectionInfo(): Promise<SelectionInfo> {
      let hasText = false;
      if (features().emptySelection) {
        try {
          hasText = await word.run(async (ctx) => {
            const range = ctx.document.getSelection();
            range.load('isEmpty');
            await ctx.sync();
            return !range.isEmpty;
          });
        } catch {
          // Unknown selection: describe the common case.
        }
      }
      return {
        summary: hasText ? 'Inserts after the selected text.' : 'Inserts at the cursor.',
        picturePlaceholder: false,
        slide: null,
      };
    },

    async insertImage(request: InsertRequest): Promise<InsertResult> {
      checkInsertRequest(request);
      const f = features();
      if (!f.insert) throw requirementMissing(APP, 'WordApi', '1.2', 'insert pictures');
      if (f.readOnly) throw readOnly(APP);
      const image = toInsertable(request.image, MAX_INSERT_BYTES);

      let column: { width: number; height: number } = DEFAULT_TEXT_COLUMN;
      if (f.pageSetup) column = (await readTextColumn(word).catch(() => null)) ?? DEFAULT_TEXT_COLUMN;
      const size = fitToColumn(column, request.widthPx, request.heightPx);

      try {
        await word.run(async (ctx) => {
          const picture = ctx.document.getSelection().insertInlinePictureFromBase64(image.base64, 'End');
          picture.width = size.width;
          picture.height = size.height;
          if (!request.decorative) {
            picture.altTextTitle = request.altTitle;
            picture.altTextDescription = request.altDescription;
          }
          await ctx.sync();
        });
      } catch (err) {
        throw wordError(err);
      }
      return {
        size,
        position: null,
        altText: request.decorative ? 'not-set' : 'set',
        tagged: false,
        replacedPlaceholder: false,
        notes: request.decorative ? [DECORATIVE_NOTE] : [],
      };
    },
  };
}
