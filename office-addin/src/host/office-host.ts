// The one interface the task pane uses to talk to the document it runs in: PowerPoint, Word, or the simulated
// slide and page of the offline preview. Components receive an OfficeHost and never touch Office.js themselves,
// so every host-specific rule (requirement sets, points, base64 limits) lives behind these four calls.
// Do not break: every method either does what it says or throws an OfficeHostError (errors.ts); a partial
// success (inserted, but alt text could not be set) is reported in InsertResult.notes, never thrown.
import type { IMAGE_SIZE_VALUES } from '@donatello/contracts';

export type HostKind = 'powerpoint' | 'word' | 'browser';
export type ImageSize = (typeof IMAGE_SIZE_VALUES)[number];

/** What this host can do here and now; the UI shows or hides options from it instead of failing later. */
export interface HostCapabilities {
  kind: HostKind;
  /** A user-facing name: "PowerPoint", "Word", "Preview". */
  name: string;
  /** Images can be inserted at all (the document is editable and the insert API is there). */
  canInsert: boolean;
  /** Why `canInsert` is false, as a sentence with what to do; null when it is true. */
  cannotInsertBecause: string | null;
  /** Alt text title and description are written to the inserted picture. */
  altText: boolean;
  /** The picture can be marked decorative (screen readers skip it). */
  decorative: boolean;
  /** The picture is tagged with the generation id it came from. */
  provenanceTag: boolean;
  /** The page or slide size is read from the document rather than assumed. */
  knowsPageSize: boolean;
  /** Largest image, in bytes after base64 decoding, this host accepts. */
  maxImageBytes: number;
}

export interface InsertRequest {
  /** The image as base64 (a `data:` prefix is tolerated and removed) or raw bytes. PNG or JPEG. */
  image: string | Uint8Array;
  /** The image's pixel size: the fitted size keeps this aspect ratio. */
  widthPx: number;
  heightPx: number;
  /** Written as the picture's alt text unless decorative; see alt-text.ts for how it is composed. */
  altTitle: string;
  altDescription: string;
  decorative: boolean;
  /** Recorded on the picture (a PowerPoint tag) so anyone can trace it back to its audit trail. */
  generationId: string;
}

/** A rectangle in points (1/72 inch), the unit of both PowerPoint and Word. */
export interface Placement {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Something the user should know after an insert that worked, e.g. that alt text must be added by hand. */
export interface HostNote {
  code: 'alt-text-not-set' | 'decorative-not-set' | 'not-tagged' | 'placeholder-filled';
  message: string;
}

export interface InsertResult {
  /** The picture's size in points; null when PowerPoint sized it to fill a placeholder. */
  size: { width: number; height: number } | null;
  /** Its top-left corner in points; null where the host places it (inline in Word, a filled placeholder). */
  position: { left: number; top: number } | null;
  altText: 'set' | 'decorative' | 'not-set';
  tagged: boolean;
  replacedPlaceholder: boolean;
  notes: HostNote[];
}

/** What the insert will do with the current selection, so the UI can say it before the user clicks. */
export interface SelectionInfo {
  /** Sentence for the UI: "Inserts on slide 3, centred." */
  summary: string;
  /** PowerPoint: an empty picture placeholder is selected and will be filled instead. */
  picturePlaceholder: boolean;
  /** 1-based slide number in PowerPoint when known. */
  slide: number | null;
}

export interface PageSize {
  /** Width and height in points. */
  width: number;
  height: number;
  /** False when the host could not tell and this is the documented default. */
  measured: boolean;
}

export interface OfficeHost {
  readonly kind: HostKind;
  capabilities(): Promise<HostCapabilities>;
  /** The image size that suits the slide or page: see aspect.ts. */
  defaultAspect(): Promise<ImageSize>;
  insertImage(request: InsertRequest): Promise<InsertResult>;
  selectionInfo(): Promise<SelectionInfo>;
}

/** Office on the web refuses pictures over 5 MB (FACTS: PowerPoint on the web); 5,000,000 bytes is the safe
 * reading of "5 MB". The backend serves a smaller JPEG for anything bigger. */
export const MAX_INSERT_BYTES = 5_000_000;

/** A fitted picture keeps this far from every slide edge, in points: half an inch, the margin PowerPoint's own
 * layouts leave around their content, so the picture lines up with titles and never touches the edge. */
export const SLIDE_MARGIN_PT = 36;

/** A 16:9 slide, PowerPoint's default, in points: used whenever the real size cannot be read. */
export const DEFAULT_SLIDE: PageSize = { width: 960, height: 540, measured: false };
