// The OfficeHost for an Office app other than PowerPoint and Word (the manifest names only those two, but an
// administrator may deploy it more widely): the pane still signs in, generates and lists images, and says
// plainly that inserting is for PowerPoint and Word.
import {
  WORD_DEFAULT_SIZE,
  MAX_INSERT_BYTES,
  OfficeHostError,
  type HostCapabilities,
  type OfficeHost,
} from '../host/index.ts';

export function unsupportedHost(app: string): OfficeHost {
  const because = `DonatelloAI inserts images in PowerPoint and Word; this is ${app}.`;
  const action =
    'Open a presentation or a document, then insert the image from Recent images (no new charge).';
  return {
    kind: 'browser',
    async capabilities(): Promise<HostCapabilities> {
      return {
        kind: 'browser',
        name: app,
        canInsert: false,
        cannotInsertBecause: `${because} ${action}`,
        altText: false,
        decorative: false,
        provenanceTag: false,
        knowsPageSize: false,
        maxImageBytes: MAX_INSERT_BYTES,
      };
    },
    async defaultAspect() {
      return WORD_DEFAULT_SIZE;
    },
    async selectionInfo() {
      return { summary: because, picturePlaceholder: false, slide: null };
    },
    async insertImage() {
      throw new OfficeHostError('requirement-missing', because, action);
    },
  };
}
