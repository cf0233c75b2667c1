// What the PowerPoint host reads from and writes to the presentation through `PowerPoint.run`: the slide size,
// the selection before an insert, and, after it, the alt text and provenance tag of the picture just inserted.
// Do not break: a value is read only after `load` and `sync` (office-addin-mock enforces it, Office throws),
// and the picture is found by what the insert added to the slide, so alt text never lands on another shape.
import type { PageSize } from './office-host.ts';

/** `PowerPoint` from Office.js (only `run` is used); injected so tests can hand in office-addin-mock objects. */
export interface PowerPointApi {
  run<T>(batch: (context: PowerPoint.RequestContext) => Promise<T>): Promise<T>;
}

/** The tag key written on every inserted picture: PowerPoint stores tag keys in upper case. */
export const GENERATION_TAG = 'DONATELLO_GENERATION_ID';

export interface SelectionSnapshot {
  slideId: string;
  /** 1-based position of the selected slide, null when PowerPoint did not list it. */
  slideNumber: number | null;
  /** Shapes on the selected slide before the insert. */
  shapeIds: string[];
  /** Exactly one shape is selected and it is an empty picture placeholder. */
  picturePlaceholder: boolean;
}

/** PowerPointApi 1.10 `presentation.pageSetup`, in points; null when it cannot be read. */
export async function readSlideSize(pp: PowerPointApi): Promise<PageSize | null> {
  const size = await pp.run(async (ctx) => {
    const setup = ctx.presentation.pageSetup;
    setup.load('slideWidth,slideHeight');
    await ctx.sync();
    return { width: setup.slideWidth, height: setup.slideHeight };
  });
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  return ok(size.width) && ok(size.height) ? { ...size, measured: true } : null;
}

/**
 * The selected slide, its shapes, and whether the one selected shape is an empty picture placeholder
 * (PowerPointApi 1.5 for the selection; `placeholders` means 1.8's `placeholderFormat` can be read).
 */
export async function readSelection(pp: PowerPointApi, placeholders: boolean): Promise<SelectionSnapshot> {
  return pp.run(async (ctx) => {
    // getItemAt(0) fails at sync when no slide is selected (an empty presentation): the caller handles it.
    const slide = ctx.presentation.getSelectedSlides().getItemAt(0);
    const shapes = ctx.presentation.getSelectedShapes();
    const all = ctx.presentation.slides;
    slide.load('id');
    slide.shapes.load('items');
    shapes.load('items');
    all.load('items');
    await ctx.sync();

    let picturePlaceholder = false;
    if (placeholders && shapes.items.length === 1 && shapes.items[0]?.type === 'Placeholder') {
      const format = shapes.getItemAt(0).placeholderFormat;
      format.load('type,containedType');
      await ctx.sync();
      picturePlaceholder = format.type === 'Picture' && format.containedType == null;
    }
    const index = all.items.findIndex((s) => s.id === slide.id);
    return {
      slideId: slide.id,
      slideNumber: index >= 0 ? index + 1 : null,
      shapeIds: slide.shapes.items.map((s) => s.id),
      picturePlaceholder,
    };
  });
}

export interface FinishRequest {
  altTitle: string;
  altDescription: string;
  decorative: boolean;
  generationId: string;
  /** PowerPointApi 1.10: alt text and `isDecorative`. */
  setAltText: boolean;
  /** PowerPointApi 1.3: tags. */
  tag: boolean;
}

export interface Finished {
  found: boolean;
  altText: 'set' | 'decorative' | 'not-set';
  tagged: boolean;
}

/** Finds the picture the insert added to `before`'s slide and writes its alt text and provenance tag. */
export async function finishInsertedPicture(
  pp: PowerPointApi,
  before: SelectionSnapshot,
  request: FinishRequest,
): Promise<Finished> {
  return pp.run(async (ctx) => {
    let picture: PowerPoint.Shape | undefined;
    const slide = ctx.presentation.slides.getItem(before.slideId);
    slide.shapes.load('items');
    await ctx.sync();
    const added = slide.shapes.items.filter((s) => !before.shapeIds.includes(s.id));
    if (added.length === 1) picture = added[0];
    if (!picture) {
      // A filled placeholder keeps its shape, so nothing was added: the picture is what is selected now.
      const selected = ctx.presentation.getSelectedShapes();
      selected.load('items');
      await ctx.sync();
      const only = selected.items.length === 1 ? selected.items[0] : undefined;
      const fits = only?.type === 'Image' || (before.picturePlaceholder && only?.type === 'Placeholder');
      if (only && fits) picture = only;
    }
    if (!picture) return { found: false, altText: 'not-set', tagged: false };

    let altText: Finished['altText'] = 'not-set';
    if (request.setAltText && request.decorative) {
      picture.isDecorative = true;
      altText = 'decorative';
    } else if (request.setAltText) {
      picture.altTextTitle = request.altTitle;
      picture.altTextDescription = request.altDescription;
      altText = 'set';
    }
    if (request.tag) picture.tags.add(GENERATION_TAG, request.generationId);
    await ctx.sync();
    return { found: true, altText, tagged: request.tag };
  });
}
