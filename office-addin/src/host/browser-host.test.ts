// The BrowserHost in Debian's Chromium: the simulated slide and page it draws, and what an insert leaves in the
// DOM (the decoded picture, its place in points, alt text, generation id), read back the way browser tests will.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchChromium, warnIfNoChromium } from '../../test/chromium.ts';
import { png } from '../../test/images.ts';
import { serveModules, type ModuleServer } from '../../test/module-server.ts';

warnIfNoChromium('the BrowserHost tests');

const PAGE = `<!doctype html><html lang="en"><head><title>BrowserHost</title></head>
<body><main id="root" style="width: 800px"></main>
<script type="module">
  import { createBrowserHost } from '/src/host/browser-host.ts';
  window.makeHost = (options) => {
    const root = document.getElementById('root');
    root.replaceChildren();
    window.host = createBrowserHost(root, options);
  };
  window.hostReady = true;
</script></body></html>`;

const GENERATION = '0b6f3c1e-9a4d-4f7e-8b2a-5c6d7e8f9a0b';

interface PictureView {
  src: string;
  alt: string;
  role: string | null;
  data: Record<string, string>;
  naturalWidth: number;
  box: { left: number; top: number; width: number; height: number };
}

describe.skipIf(!hasChromium)('BrowserHost (offline preview) in Chromium', () => {
  let server: ModuleServer;
  let browser: Browser;
  let page: Page;
  let wide: string;

  beforeAll(async () => {
    [server, browser, wide] = await Promise.all([
      serveModules({ '/': PAGE }),
      launchChromium(),
      png(1792, 1024).then((b) => b.toString('base64')),
    ]);
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { hostReady?: boolean }).hostReady === true);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const make = (options: object) =>
    page.evaluate((o) => (window as any).makeHost(o), options as Record<string, unknown>);
  const call = <T>(method: string, arg?: unknown) =>
    page.evaluate(
      ([m, a]) =>
        (window as any).host[m](a).then(
          (value: unknown) => ({ ok: true, value }),
          (e: any) => ({
            ok: false,
            value: { name: e.name, code: e.code, message: e.message, action: e.action },
          }),
        ),
      [method, arg] as const,
    ) as Promise<{ ok: boolean; value: T }>;
  const pictures = () =>
    page.$$eval('[data-role="surface"] img[data-role="picture"]', (imgs) =>
      imgs.map((img) => {
        const el = img as HTMLImageElement;
        const frame = el.closest('[data-role="surface"]')!;
        // Positions are relative to the surface's padding box, inside its 1 px border.
        const surface = frame.getBoundingClientRect();
        surface.x += frame.clientLeft;
        surface.y += frame.clientTop;
        const r = el.getBoundingClientRect();
        return {
          src: el.src,
          alt: el.alt,
          role: el.getAttribute('role'),
          data: { ...el.dataset } as Record<string, string>,
          naturalWidth: el.naturalWidth,
          box: {
            left: r.left - surface.left,
            top: r.top - surface.top,
            width: r.width,
            height: r.height,
          },
        };
      }),
    ) as Promise<PictureView[]>;
  const insert = (extra: object = {}) => ({
    image: `data:image/png;base64,${wide}`,
    widthPx: 1792,
    heightPx: 1024,
    altTitle: 'AI-generated image',
    altDescription: 'AI-generated image: a koala presenting quarterly results',
    decorative: false,
    generationId: GENERATION,
    ...extra,
  });

  it('slide: draws a 16:9 slide and places the picture as PowerPoint would, readable in points', async () => {
    await make({ surface: 'slide' });
    expect((await call<string>('defaultAspect')).value).toBe('1792x1024');
    const result = await call<any>('insertImage', insert());
    expect(result.ok).toBe(true);
    expect(result.value).toEqual({
      size: { width: 819, height: 468 },
      position: { left: 70.5, top: 36 },
      altText: 'set',
      tagged: true,
      replacedPlaceholder: false,
      notes: [],
    });
    const [picture] = await pictures();
    expect(picture!.src).toBe(`data:image/png;base64,${wide}`);
    expect(picture!.naturalWidth).toBe(1792);
    expect(picture!.alt).toBe('AI-generated image: a koala presenting quarterly results');
    expect(picture!.data).toMatchObject({
      generationId: GENERATION,
      altTitle: 'AI-generated image',
      leftPt: '70.5',
      topPt: '36',
      widthPt: '819',
      heightPt: '468',
    });
    // On screen, the slide is 800 px wide: 1 pt = 800/960 px.
    const scale = 800 / 960;
    expect(picture!.box.left).toBeCloseTo(70.5 * scale, 0);
    expect(picture!.box.top).toBeCloseTo(36 * scale, 0);
    expect(picture!.box.width).toBeCloseTo(819 * scale, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'office-browser-host-slide.png') });
  });

  it('a 4:3 slide asks for a square image; decorative pictures have empty alt and role presentation', async () => {
    await make({ surface: 'slide', slide: { width: 720, height: 540 } });
    expect((await call<string>('defaultAspect')).value).toBe('1024x1024');
    await call('insertImage', insert({ decorative: true, altTitle: '', altDescription: '' }));
    const [picture] = await pictures();
    expect(picture!.alt).toBe('');
    expect(picture!.role).toBe('presentation');
    expect(picture!.data).toMatchObject({ decorative: 'true', leftPt: '36', widthPt: '648' });
  });

  it('page: the picture spans the A4 text column', async () => {
    await make({ surface: 'page' });
    const result = await call<any>('insertImage', insert());
    expect(result.value.size).toEqual({ width: 451.3, height: 257.89 });
    const [picture] = await pictures();
    // 800 px page, A4 595.3 pt wide: the 451.3 pt column is 606.5 px.
    expect(picture!.box.width).toBeCloseTo((451.3 / 595.3) * 800, 0);
    expect(picture!.box.left).toBeCloseTo((72 / 595.3) * 800, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'office-browser-host-page.png') });
  });

  it('refuses like Office: read-only, bytes that do not decode, and over 5 MB', async () => {
    await make({ surface: 'slide', readOnly: true });
    const ro = await call<any>('insertImage', insert());
    expect(ro).toEqual({
      ok: false,
      value: expect.objectContaining({ name: 'OfficeHostError', code: 'read-only' }),
    });
    expect((await call<any>('capabilities')).value.canInsert).toBe(false);

    await make({ surface: 'slide' });
    // A PNG signature followed by garbage: base64 and "PNG" at the start, but nothing a browser can draw.
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 7),
    ]);
    const bad = await call<any>('insertImage', insert({ image: broken.toString('base64') }));
    expect(bad.value).toMatchObject({
      code: 'invalid-image',
      message: 'The image could not be read (the browser cannot draw it).',
    });
    // A PNG signature and then 5,025,008 zero bytes, as base64 (length a multiple of 4).
    const tooBig = 'iVBORw0KGgo' + 'A'.repeat(6_700_000) + '=';
    const big = await call<any>('insertImage', insert({ image: tooBig }));
    expect(big.value.code).toBe('image-too-big');
    expect(await pictures()).toEqual([]);
  });
});
