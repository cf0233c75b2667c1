// The add-in's host layer in one import: the OfficeHost interface, its three implementations, and the pure
// pieces the task pane needs around an insert (aspect chooser, alt-text composer, typed errors).
// Do not break: components get an OfficeHost from `officeHostFor` (or a BrowserHost) and call nothing else
// from Office.js; the Office globals are read only here, after `Office.onReady` has said which app this is.
import { createPowerPointHost } from './powerpoint.ts';
import { createWordHost } from './word.ts';
import type { OfficeHost } from './office-host.ts';

export * from './office-host.ts';
export * from './errors.ts';
export * from './aspect.ts';
export * from './alt-text.ts';
export { createBrowserHost, type BrowserHost, type BrowserHostOptions } from './browser-host.ts';
export { createPowerPointHost } from './powerpoint.ts';
export { createWordHost } from './word.ts';

/**
 * The host for what `Office.onReady` reported: PowerPoint or Word with the Office.js globals from the CDN,
 * or null outside them (a plain browser gets `host: null`; other Office apps are not supported).
 */
export function officeHostFor(info: { host: Office.HostType | string | null }): OfficeHost | null {
  switch (info.host) {
    case 'PowerPoint':
      return createPowerPointHost(Office, PowerPoint);
    case 'Word':
      return createWordHost(Office, Word);
    default:
      return null;
  }
}
