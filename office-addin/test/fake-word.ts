// A small Word for the host tests: a selection in a section with page setup, and inline pictures inserted at
// it. Each `Word.run` gets a fresh office-addin-mock context, so a value read before `load` and `sync` is the
// library's error text and the tests fail, as Office would throw.
import { OfficeMockObject } from 'office-addin-mock';
import type { WordApi } from '../src/host/word.ts';
import { fakeOffice, type Sets } from './fake-office.ts';

export interface FakePicture {
  base64: string;
  location: string;
  width?: number;
  height?: number;
  altTextTitle?: string;
  altTextDescription?: string;
}

export interface FakeWordOptions {
  sets: Sets;
  readOnly?: boolean;
  /** Page size and margins in points (default US Letter with 1 inch margins). */
  page?: { width: number; height: number; margin: number };
  /** Text is selected rather than a bare cursor. */
  textSelected?: boolean;
  /** An OfficeExtension.Error code Word answers the insert with. */
  refuse?: string;
}

export function fakeWord(options: FakeWordOptions) {
  const { office } = fakeOffice({ sets: options.sets, readOnly: options.readOnly ?? false });
  const page = options.page ?? { width: 612, height: 792, margin: 72 };
  const pictures: FakePicture[] = [];

  const newContext = () =>
    new OfficeMockObject({
      document: {
        selection: {
          isEmpty: !options.textSelected,
          sections: {
            first: {
              pageSetup: {
                pageWidth: page.width,
                pageHeight: page.height,
                leftMargin: page.margin,
                rightMargin: page.margin,
                topMargin: page.margin,
                bottomMargin: page.margin,
              },
            },
            getFirst(this: any) {
              return this.first;
            },
          },
          insertInlinePictureFromBase64(base64: string, location: string) {
            if (options.refuse)
              throw Object.assign(new Error(`Word refused: ${options.refuse}`), { code: options.refuse });
            const picture: FakePicture = { base64, location };
            pictures.push(picture);
            return picture;
          },
        },
        getSelection(this: any) {
          return this.selection;
        },
      },
    });
  const word: WordApi = {
    run: async (batch) => batch(newContext() as unknown as Word.RequestContext),
  };
  return { office, word, pictures };
}
