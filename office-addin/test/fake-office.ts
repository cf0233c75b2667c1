// A stand-in for Office.js's Common API (`Office`): requirement sets by version, the document's edit mode, and
// `setSelectedDataAsync` with the callback contract and error codes Office documents. The application APIs
// (`PowerPoint`, `Word`) are office-addin-mock objects instead (fake-powerpoint.ts, fake-word.ts); the Common
// API has no load/sync model for that library to check, so a plain object is the honest fake.
import type { OfficeCommon } from '../src/host/office-common.ts';

export type Sets = Record<string, string>;

/** "1.10" > "1.9": requirement-set versions compare numerically, part by part. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export interface SetSelectedDataCall {
  data: string;
  options: Office.SetSelectedDataOptions;
}

export type Outcome = { code: number; message: string } | void;

export function fakeOffice(options: {
  sets: Sets;
  readOnly?: boolean;
  /** What the host does with the data; return an error to refuse it. */
  onSetSelectedData?: (call: SetSelectedDataCall) => Outcome;
}) {
  const calls: SetSelectedDataCall[] = [];
  const office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version = '1.1') =>
          options.sets[name] !== undefined && versionAtLeast(options.sets[name], version),
      },
      document: {
        // Office.js's runtime values, not the numeric enum its type declarations show.
        mode: options.readOnly ? 'readOnly' : 'readWrite',
        setSelectedDataAsync(
          data: string,
          opts: Office.SetSelectedDataOptions,
          callback: (r: { status: string; error?: { code: number; message: string } }) => void,
        ) {
          const call = { data, options: opts };
          calls.push(call);
          const error = options.onSetSelectedData?.(call);
          // Office answers asynchronously, after the caller's synchronous code.
          queueMicrotask(() => callback(error ? { status: 'failed', error } : { status: 'succeeded' }));
        },
      },
    },
    CoercionType: { Image: 'image' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    DocumentMode: { ReadOnly: 'readOnly', ReadWrite: 'readWrite' },
  };
  return { office: office as unknown as OfficeCommon, calls };
}
