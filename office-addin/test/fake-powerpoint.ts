// A small PowerPoint for the host tests: slides with shapes, a selection, page setup, and an insert that
// behaves as PowerPoint's does (office-js docs and issues): a positioned picture is added on top of the slide
// and selected; without a position, a selected empty picture placeholder is filled; a selected picture makes
// the write fail with 2001. Each `PowerPoint.run` gets a fresh office-addin-mock context, so reading anything
// before `load` and `sync` yields the library's error text instead of a value and the tests fail.
import { OfficeMockObject } from 'office-addin-mock';
import type { PowerPointApi } from '../src/host/powerpoint-document.ts';
import { fakeOffice, type Sets, type SetSelectedDataCall } from './fake-office.ts';

export interface FakeShape {
  id: string;
  type: 'Image' | 'GeometricShape' | 'Placeholder' | 'TextBox';
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  altTextTitle?: string;
  altTextDescription?: string;
  isDecorative?: boolean;
  placeholder?: { type: string; containedType: string | null };
  tags: { add(key: string, value: string): void; values: Record<string, string> };
}

function shape(id: string, type: FakeShape['type'], extra: Partial<FakeShape> = {}): FakeShape {
  const values: Record<string, string> = {};
  return {
    id,
    type,
    ...extra,
    tags: {
      values,
      add(key, value) {
        values[key.toUpperCase()] = value;
      },
    },
  };
}

export interface FakePowerPointOptions {
  sets: Sets;
  slide?: { width: number; height: number };
  readOnly?: boolean;
  /** What is selected on slide 2 (of 3): nothing, an empty picture placeholder, or an existing picture. */
  select?: 'nothing' | 'picture-placeholder' | 'picture';
  /** An error PowerPoint answers every insert with. */
  refuse?: { code: number; message: string };
}

export function fakePowerPoint(options: FakePowerPointOptions) {
  const slideIds = ['256', '257', '258'];
  const selectedSlideId = '257';
  const title = shape('2', 'Placeholder', { placeholder: { type: 'Title', containedType: 'TextBox' } });
  const picturePlaceholder = shape('3', 'Placeholder', {
    placeholder: { type: 'Picture', containedType: null },
  });
  const existingPicture = shape('4', 'Image');
  const onSlide: FakeShape[] = [title, picturePlaceholder, existingPicture];
  const selection: FakeShape[] =
    options.select === 'picture-placeholder'
      ? [picturePlaceholder]
      : options.select === 'picture'
        ? [existingPicture]
        : [];
  let nextId = 10;

  const insert = (call: SetSelectedDataCall) => {
    if (options.refuse) return options.refuse;
    if (selection[0]?.type === 'Image')
      return { code: 2001, message: 'Cannot write to the current selection.' };
    const o = call.options;
    const positioned = o.imageLeft !== undefined && o.imageTop !== undefined;
    const target = selection[0];
    if (!positioned && target?.placeholder?.type === 'Picture' && target.placeholder.containedType === null) {
      target.placeholder.containedType = 'Image';
      return;
    }
    const added = shape(String(nextId++), 'Image', {
      left: o.imageLeft,
      top: o.imageTop,
      width: o.imageWidth,
      height: o.imageHeight,
    });
    onSlide.push(added);
    selection.splice(0, selection.length, added);
  };
  const { office, calls } = fakeOffice({
    sets: options.sets,
    readOnly: options.readOnly ?? false,
    onSetSelectedData: insert,
  });

  const slide = options.slide ?? { width: 960, height: 540 };
  /** A fresh request context per `PowerPoint.run`, as in Office: nothing loaded in one batch is loaded in the
   * next. The document state (shapes, selection) is shared, like the presentation behind the contexts. */
  const newContext = () => {
    const data = {
      presentation: {
        pageSetup: { slideWidth: slide.width, slideHeight: slide.height },
        slides: {
          items: slideIds.map((id) => ({ id })),
          // Shapes are plain objects inside `items`, as Office's collection items are proxies the test reads.
          current: { id: selectedSlideId, shapes: { items: onSlide } },
          getItem(this: any, id: string) {
            if (id !== selectedSlideId) throw new Error(`ItemNotFound: slide ${id}`);
            return this.current;
          },
        },
        getSelectedSlides(this: any) {
          return { getItemAt: (i: number) => (i === 0 ? this.slides.current : undefined) };
        },
        selectedShapes: {
          items: selection,
          // The placeholder format of the selected shape, read through getItemAt(0) as in PowerPoint.
          // office-addin-mock cannot hold null, so "contains nothing" is left undefined.
          first: {
            placeholderFormat: {
              type: selection[0]?.placeholder?.type ?? 'Unsupported',
              containedType: selection[0]?.placeholder?.containedType ?? undefined,
            },
          },
          getItemAt(this: any, i: number) {
            if (i !== 0 || !selection[0]) throw new Error('ItemNotFound');
            return this.first;
          },
        },
        getSelectedShapes(this: any) {
          return this.selectedShapes;
        },
      },
    };
    return new OfficeMockObject(data);
  };
  const powerpoint: PowerPointApi = {
    run: async (batch) => batch(newContext() as unknown as PowerPoint.RequestContext),
  };
  return {
    office,
    powerpoint,
    /** Every setSelectedDataAsync call, as PowerPoint received it. */
    inserts: calls,
    /** The shapes on the selected slide, in z-order. */
    shapes: onSlide,
    selection,
    picturePlaceholder,
  };
}
