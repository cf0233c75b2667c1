// Every way a host can refuse an image, as one typed error with a sentence for the user and what to do next.
// The task pane shows `message` and `action` as they are, so both are written for a presenter, not a developer.
// Do not break: a host never throws anything else for a refusal it can recognise, and nothing here is charged
// again: the image already exists, so "try again" always means inserting the same image, not generating it.

export type OfficeHostErrorCode =
  /** The Office version lacks an API set the insert needs. */
  | 'requirement-missing'
  /** The document cannot be edited (read-only, protected, or viewed without edit rights). */
  | 'read-only'
  /** The image is larger than the host accepts. */
  | 'image-too-big'
  /** The bytes are not a PNG or JPEG in base64. */
  | 'invalid-image'
  /** What is selected cannot take a picture (PowerPoint: another picture is selected). */
  | 'selection-not-writable'
  /** The Office session expired; reloading the document fixes it. */
  | 'session-expired'
  /** The host refused for a reason it did not explain. */
  | 'insert-refused';

export class OfficeHostError extends Error {
  override name = 'OfficeHostError';
  readonly code: OfficeHostErrorCode;
  /** What the user can do about it, as an imperative sentence. */
  readonly action: string;
  /** The host's own error, for the log; never shown as the message. */
  readonly detail: string | undefined;
  constructor(code: OfficeHostErrorCode, message: string, action: string, detail?: string) {
    super(message);
    this.code = code;
    this.action = action;
    this.detail = detail;
  }
}

export function requirementMissing(
  app: string,
  set: string,
  version: string,
  needed: string,
): OfficeHostError {
  return new OfficeHostError(
    'requirement-missing',
    `This version of ${app} cannot ${needed} from an add-in (it lacks ${set} ${version}).`,
    `Update ${app} (Microsoft 365 apps update themselves; check File > Account > Update Options) or use ${app} on the web.`,
  );
}

export function readOnly(app: string, detail?: string): OfficeHostError {
  return new OfficeHostError(
    'read-only',
    `This ${app === 'Word' ? 'document' : 'presentation'} is read-only, so the image cannot be inserted.`,
    `Select Edit (or ask the owner for edit access), then insert again; the image is kept in Recent images.`,
    detail,
  );
}

/** `bytes` is null when the host refused the size without saying what it was. */
export function imageTooBig(bytes: number | null, limit: number): OfficeHostError {
  const mb = (n: number) => (n / 1_000_000).toFixed(1);
  return new OfficeHostError(
    'image-too-big',
    bytes === null
      ? `The image is larger than Office accepts here (at most ${mb(limit)} MB).`
      : `The image is ${mb(bytes)} MB; Office accepts at most ${mb(limit)} MB.`,
    'Insert it again: DonatelloAI will send a smaller JPEG copy of the same image at no extra cost.',
  );
}

export function invalidImage(why: string): OfficeHostError {
  return new OfficeHostError(
    'invalid-image',
    `The image could not be read (${why}).`,
    'Open it from Recent images and insert it again; if it keeps failing, generate it again.',
  );
}

export function insertRefused(app: string, detail?: string): OfficeHostError {
  return new OfficeHostError(
    'insert-refused',
    `${app} did not accept the image.`,
    `Click where the image should go in the ${app === 'Word' ? 'document' : 'slide'} and insert again.`,
    detail,
  );
}
