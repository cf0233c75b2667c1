// The BrowserHost: the offline preview's stand-in for PowerPoint and Word. It draws a simulated slide or page
// into the DOM and inserts pictures into it by the same rules as the real hosts (same size guard, same fitting
// in points, same alt text), so a newcomer sees insert work without Office and tests can read what went in.
// Do not break: everything a real host would write is readable from the DOM (data-* in points, alt, the
// generation id), because browser tests assert on it.
import { sizeForSlide, WORD_DEFAULT_SIZE } from './aspect.ts';
import { invalidImage, readOnly } from './errors.ts';
import { DEFAULT_TEXT_COLUMN, fitOnSlide, fitToColumn } from './fit.ts';
import { toInsertable } from './image-data.ts';
import {
  DEFAULT_SLIDE,
  MAX_INSERT_BYTES,
  type HostCapabilities,
  type ImageSize,
  type InsertRequest,
  type InsertResult,
  type OfficeHost,
  type SelectionInfo,
} from './office-host.ts';
import { checkInsertRequest } from './request.ts';

export interface BrowserHostOptions {
  /** A PowerPoint-like slide or a Word-like page. */
  surface: 'slide' | 'page';
  /** Slide size in points (default 960×540, 16:9). */
  slide?: { width: number; height: number };
  /** Behave like a read-only document (to try the refusal). */
  readOnly?: boolean;
}

export interface BrowserHost extends OfficeHost {
  /** The simulated slide or page element. */
  readonly surface: HTMLElement;
}

/** An A4 page in points; its text column is DEFAULT_TEXT_COLUMN (2.54 cm margins). */
const A4 = { width: 595.3, height: 841.9 };
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(4)}%`;

function drawSurface(container: HTMLElement, options: BrowserHostOptions): HTMLElement {
  const doc = container.ownerDocument;
  const surface = doc.createElement('div');
  surface.dataset.role = 'surface';
  surface.dataset.surface = options.surface;
  const box = options.surface === 'slide' ? (options.slide ?? DEFAULT_SLIDE) : A4;
  surface.dataset.widthPt = String(box.width);
  surface.dataset.heightPt = String(box.height);
  surface.setAttribute('role', 'region');
  surface.setAttribute(
    'aria-label',
    options.surface === 'slide'
      ? `Preview slide, ${box.width} × ${box.height} points`
      : 'Preview page (A4), pictures go in the text column',
  );
  surface.style.position = 'relative';
  surface.style.aspectRatio = `${box.width} / ${box.height}`;
  surface.style.width = '100%';
  surface.style.overflow = 'hidden';
  surface.style.background = 'Canvas';
  surface.style.border = '1px solid GrayText';
  if (options.surface === 'page') {
    const column = doc.createElement('div');
    column.dataset.role = 'column';
    column.style.position = 'absolute';
    column.style.left = percent((A4.width - DEFAULT_TEXT_COLUMN.width) / 2, A4.width);
    column.style.top = percent((A4.height - DEFAULT_TEXT_COLUMN.height) / 2, A4.height);
    column.style.width = percent(DEFAULT_TEXT_COLUMN.width, A4.width);
    surface.append(column);
  }
  container.append(surface);
  return surface;
}

async function pictureElement(doc: Document, base64: string, format: string, request: InsertRequest) {
  const img = doc.createElement('img');
  img.dataset.role = 'picture';
  img.dataset.generationId = request.generationId;
  img.src = `data:image/${format};base64,${base64}`;
  if (request.decorative) {
    img.alt = '';
    img.setAttribute('role', 'presentation');
    img.dataset.decorative = 'true';
  } else {
    img.alt = request.altDescription;
    img.dataset.altTitle = request.altTitle;
  }
  try {
    // Office would refuse bytes it cannot draw; the preview does too.
    await img.decode();
  } catch {
    throw invalidImage('the browser cannot draw it');
  }
  return img;
}

export function createBrowserHost(container: HTMLElement, options: BrowserHostOptions): BrowserHost {
  const surface = drawSurface(container, options);
  const slide = options.slide ?? DEFAULT_SLIDE;
  const app = options.surface === 'slide' ? 'PowerPoint' : 'Word';

  return {
    kind: 'browser',
    surface,

    async capabilities(): Promise<HostCapabilities> {
      const refusal = options.readOnly ? readOnly(app) : null;
      return {
        kind: 'browser',
        name: 'Preview',
        canInsert: !refusal,
        cannotInsertBecause: refusal ? `${refusal.message} ${refusal.action}` : null,
        altText: true,
        decorative: true,
        provenanceTag: true,
        knowsPageSize: true,
        maxImageBytes: MAX_INSERT_BYTES,
      };
    },

    async defaultAspect(): Promise<ImageSize> {
      return options.surface === 'slide' ? sizeForSlide(slide) : WORD_DEFAULT_SIZE;
    },

    async selectionInfo(): Promise<SelectionInfo> {
      return options.surface === 'slide'
        ? { summary: 'Inserts on the preview slide, centred.', picturePlaceholder: false, slide: 1 }
        : { summary: 'Inserts at the cursor.', picturePlaceholder: false, slide: null };
    },

    async insertImage(request: InsertRequest): Promise<InsertResult> {
      checkInsertRequest(request);
      if (options.readOnly) throw readOnly(app);
      const image = toInsertable(request.image, MAX_INSERT_BYTES);
      const img = await pictureElement(surface.ownerDocument, image.base64, image.format, request);
      const done = {
        altText: request.decorative ? ('decorative' as const) : ('set' as const),
        tagged: true,
        replacedPlaceholder: false,
        notes: [],
      };

      if (options.surface === 'slide') {
        const p = fitOnSlide({ ...slide, measured: true }, request.widthPx, request.heightPx);
        Object.assign(img.dataset, {
          leftPt: String(p.left),
          topPt: String(p.top),
          widthPt: String(p.width),
          heightPt: String(p.height),
        });
        Object.assign(img.style, {
          position: 'absolute',
          left: percent(p.left, slide.width),
          top: percent(p.top, slide.height),
          width: percent(p.width, slide.width),
          height: percent(p.height, slide.height),
        });
        surface.append(img);
        return {
          ...done,
          size: { width: p.width, height: p.height },
          position: { left: p.left, top: p.top },
        };
      }
      const size = fitToColumn(DEFAULT_TEXT_COLUMN, request.widthPx, request.heightPx);
      Object.assign(img.dataset, { widthPt: String(size.width), heightPt: String(size.height) });
      img.style.display = 'block';
      img.style.width = percent(size.width, DEFAULT_TEXT_COLUMN.width);
      surface.querySelector('[data-role="column"]')?.append(img);
      return { ...done, size, position: null };
    },
  };
}
