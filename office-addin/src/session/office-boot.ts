// Whether the task pane runs in Office, asked once before anything renders (components render after
// Office.onReady, as Office asks). Office.js comes from Microsoft's CDN as a plain <script>: when it could not
// load (offline, blocked), `Office` is undefined and the pane is the browser preview.
// Must not break: this never throws and never waits forever; a frame that is not Office (onReady never answering)
// counts as "not Office" after the timeout.
import type { OfficeSdk } from '@donatello/web';
import { createOfficeSdk, type OfficeNamespace } from './office-sdk.ts';

/** Office answers in about 0.25 s outside Office and at once inside it; a slow desktop start gets ample room. */
export const OFFICE_READY_TIMEOUT_MS = 10_000;

export interface OfficeReady {
  sdk: OfficeSdk;
  /** 'PowerPoint', 'Word', another Office app, or null outside Office. */
  host: string | null;
  platform: string | null;
}

export async function officeReady(
  office: OfficeNamespace | undefined,
  timeoutMs = OFFICE_READY_TIMEOUT_MS,
): Promise<OfficeReady | null> {
  if (!office || typeof office.onReady !== 'function') return null;
  const sdk = createOfficeSdk(office);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const info = await Promise.race([sdk.onReady().catch(() => null), timeout]);
    return info ? { sdk, host: info.host, platform: info.platform } : null;
  } finally {
    clearTimeout(timer);
  }
}
