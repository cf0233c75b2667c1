// The parts of Office.js's Common API both hosts use: requirement-set checks, the document's edit mode, and
// `setSelectedDataAsync` as a promise whose failures become OfficeHostErrors by their documented codes
// (docs: "Office Common API error codes"). Do not break: the namespace is injected, never read from a global
// here, so tests hand in a fake and the task pane hands in the `Office` loaded from Microsoft's CDN.
import { imageTooBig, insertRefused, invalidImage, OfficeHostError, readOnly } from './errors.ts';
import { MAX_INSERT_BYTES } from './office-host.ts';

/** The slice of the `Office` namespace the hosts call; `typeof Office` satisfies it. */
export interface OfficeCommon {
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    document: {
      mode: Office.DocumentMode;
      setSelectedDataAsync(
        data: string,
        options: Office.SetSelectedDataOptions,
        callback: (result: Office.AsyncResult<void>) => void,
      ): void;
    };
  };
  CoercionType: { Image: Office.CoercionType };
  AsyncResultStatus: { Failed: Office.AsyncResultStatus };
  DocumentMode: { ReadOnly: Office.DocumentMode };
}

export function supports(office: OfficeCommon, set: string, version: string): boolean {
  try {
    return office.context.requirements.isSetSupported(set, version);
  } catch {
    // Very old clients throw for sets they have never heard of: that is a "no".
    return false;
  }
}

export function isReadOnly(office: OfficeCommon): boolean {
  return office.context.document.mode === office.DocumentMode.ReadOnly;
}

export interface ImageOptions {
  imageLeft: number;
  imageTop: number;
  imageWidth: number;
  imageHeight: number;
}

/** Common API error codes a picture insert can meet, and what each means for the user. */
function commonError(app: string, code: number, message: string): OfficeHostError {
  const detail = `${code} ${message}`;
  switch (code) {
    case 2001:
      return new OfficeHostError(
        'selection-not-writable',
        `${app} cannot put a picture where the selection is (another picture is probably selected).`,
        `Click an empty area of the ${app === 'Word' ? 'page' : 'slide'} so nothing is selected, then insert again.`,
        detail,
      );
    case 2009:
      return imageTooBig(null, MAX_INSERT_BYTES);
    case 2000:
    case 2006:
    case 2007:
      return invalidImage(`${app} says: ${message || 'unsupported picture data'}`);
    case 5002:
    case 5009:
      return readOnly(app, detail);
    case 5006:
    case 5012:
      return new OfficeHostError(
        'session-expired',
        `Your ${app} session has expired.`,
        'Reload the document (refresh the browser tab on the web), then insert again from Recent images.',
        detail,
      );
    default:
      return insertRefused(app, detail);
  }
}

/** Inserts a picture at the selection; `options` positions it (points), or null lets the host place it. */
export function setSelectedImage(
  office: OfficeCommon,
  app: string,
  base64: string,
  options: ImageOptions | null,
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      office.context.document.setSelectedDataAsync(
        base64,
        { coercionType: office.CoercionType.Image, ...options },
        (result) => {
          if (result.status === office.AsyncResultStatus.Failed)
            reject(commonError(app, result.error?.code ?? 0, result.error?.message ?? ''));
          else resolve();
        },
      );
    } catch (err) {
      reject(insertRefused(app, err instanceof Error ? err.message : String(err)));
    }
  });
}
