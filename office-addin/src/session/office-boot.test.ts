// Whether the pane is in Office, asked before it renders: Office.js missing (the CDN unreachable) and an onReady
// that never answers both mean the preview, never an error or an endless wait.
import { describe, expect, it } from 'vitest';
import { officeReady } from './office-boot.ts';
import type { OfficeNamespace } from './office-sdk.ts';

const withReady = (onReady: () => Promise<unknown>) => ({ onReady }) as unknown as OfficeNamespace;

describe('officeReady', () => {
  it('is null when Office.js did not load', async () => {
    expect(await officeReady(undefined)).toBeNull();
  });

  it('names the app inside Office, and null outside it', async () => {
    const inWord = await officeReady(withReady(async () => ({ host: 'Word', platform: 'PC' })));
    expect(inWord).toMatchObject({ host: 'Word', platform: 'PC' });
    const outside = await officeReady(withReady(async () => ({ host: null, platform: null })));
    expect(outside).toMatchObject({ host: null, platform: null });
  });

  it('gives up on an onReady that never answers, or fails', async () => {
    expect(
      await officeReady(
        withReady(() => new Promise(() => {})),
        20,
      ),
    ).toBeNull();
    expect(await officeReady(withReady(() => Promise.reject(new Error('broken'))))).toBeNull();
  });
});
