// The safe image fetcher against a real HTTPS host (self-signed certificate trusted through `ca`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  fetchImage,
  hostAllowed,
  sniffImageType,
  type ImageFetchOptions,
} from '../src/providers/safe-fetch.ts';
import { makePng, SLOW_FAKE_MS } from './fakes/common.ts';
import { startImageHost, type ImageHost } from './fakes/image-host.ts';
import { expectProviderError, GIVES_UP_WITHIN_MS, timeout } from './fakes/expect-provider-error.ts';

let host: ImageHost;
let png: Buffer;
let opts: ImageFetchOptions;

beforeAll(async () => {
  host = await startImageHost();
  png = await makePng(42);
  opts = { allowedHosts: ['127.0.0.1'], ca: host.ca };
  host.putPng('/ok.png', png);
});
afterAll(async () => {
  await host.stop();
});

const get = (url: string, o: Partial<ImageFetchOptions> = {}, signal = timeout(30_000)) =>
  fetchImage('replicate', url, signal, { ...opts, ...o });

describe('hostAllowed', () => {
  it('matches exact hosts and *.suffix wildcards (subdomains only), case-insensitively', () => {
    const list = ['replicate.delivery', '*.replicate.delivery'];
    expect(hostAllowed('replicate.delivery', list)).toBe(true);
    expect(hostAllowed('PBXT.Replicate.Delivery', list)).toBe(true);
    expect(hostAllowed('evilreplicate.delivery', list)).toBe(false);
    expect(hostAllowed('replicate.delivery.evil.example', list)).toBe(false);
    expect(hostAllowed('delivery', list)).toBe(false);
    expect(hostAllowed('example.com', ['*.example.com'])).toBe(false);
  });
});

describe('sniffImageType', () => {
  it('recognises png, jpeg and webp by magic bytes', async () => {
    const img = sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } });
    expect(sniffImageType(await img.clone().png().toBuffer())).toBe('image/png');
    expect(sniffImageType(await img.clone().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffImageType(await img.clone().webp().toBuffer())).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<html></html>'))).toBeUndefined();
  });
});

describe('fetchImage', () => {
  it('downloads an allowed HTTPS image and verifies its type', async () => {
    const img = await get(
      host.put('/plain.png', { headers: { 'content-type': 'image/png; charset=binary' }, body: png }),
    );
    expect(img.contentType).toBe('image/png');
    expect(img.bytes.equals(png)).toBe(true);
  });

  it('refuses http:// without connecting', async () => {
    const before = host.hits;
    await expectProviderError(get(`http://127.0.0.1:${host.port}/ok.png`), 'disallowed_url');
    expect(host.hits).toBe(before);
  });

  it('refuses a host that is not on the allow-list without connecting', async () => {
    const before = host.hits;
    await expectProviderError(get(`https://localhost:${host.port}/ok.png`), 'disallowed_url');
    expect(host.hits).toBe(before);
  });

  it('refuses URLs with credentials and non-URLs', async () => {
    await expectProviderError(get(`https://user:pw@127.0.0.1:${host.port}/ok.png`), 'disallowed_url');
    await expectProviderError(get('not a url'), 'disallowed_url');
  });

  it('follows redirects that stay on the allow-list', async () => {
    const url = host.put('/hop1', { status: 302, headers: { location: '/hop2' } });
    host.put('/hop2', { status: 307, headers: { location: `${host.origin}/ok.png` } });
    const img = await get(url);
    expect(img.bytes.equals(png)).toBe(true);
  });

  it('refuses a redirect to a host off the list, and never fetches it', async () => {
    const target = `/target-${Date.now()}.png`;
    host.putPng(target, png);
    const url = host.put('/off-list', {
      status: 302,
      headers: { location: `https://localhost:${host.port}${target}` },
    });
    await expectProviderError(get(url), 'disallowed_url');
    expect(host.hitsFor(target)).toBe(0);
  });

  it('refuses a redirect to http://', async () => {
    const url = host.put('/to-http', {
      status: 301,
      headers: { location: `http://127.0.0.1:${host.port}/ok.png` },
    });
    await expectProviderError(get(url), 'disallowed_url');
  });

  it('stops after three redirects', async () => {
    const url = host.put('/loop', { status: 302, headers: { location: '/loop' } });
    const before = host.hitsFor('/loop');
    await expectProviderError(get(url), 'disallowed_url');
    expect(host.hitsFor('/loop') - before).toBe(4);
  });

  it('refuses a content type that is not png, jpeg or webp', async () => {
    const url = host.put('/page.html', {
      headers: { 'content-type': 'text/html' },
      body: Buffer.from('<html></html>'),
    });
    await expectProviderError(get(url), 'bad_response');
    const svg = host.put('/x.svg', {
      headers: { 'content-type': 'image/svg+xml' },
      body: Buffer.from('<svg/>'),
    });
    await expectProviderError(get(svg), 'bad_response');
  });

  it('refuses bytes that do not match the declared type', async () => {
    const url = host.put('/liar.png', {
      headers: { 'content-type': 'image/png' },
      body: Buffer.from('GIF89a....'),
    });
    await expectProviderError(get(url), 'bad_response');
  });

  it('refuses a body over the limit by content-length', async () => {
    const url = host.put('/big.png', {
      headers: { 'content-type': 'image/png' },
      body: Buffer.concat([png, Buffer.alloc(4096)]),
    });
    await expectProviderError(get(url, { maxBytes: 1024 }), 'bad_response');
  });

  it('refuses a body over the limit while streaming when there is no content-length', async () => {
    const body = Buffer.concat([png, Buffer.alloc(300 * 1024)]);
    const url = host.put('/big-chunked.png', {
      headers: { 'content-type': 'image/png' },
      body,
      chunked: true,
    });
    const err = await expectProviderError(get(url, { maxBytes: 100 * 1024 }), 'bad_response');
    expect(err.message).toMatch(/larger than/);
  });

  it('classifies HTTP errors from the store', async () => {
    await expectProviderError(get(`${host.origin}/missing.png`), 'bad_response');
    const busy = host.put('/busy.png', { status: 503, body: Buffer.from('busy') });
    await expectProviderError(get(busy), 'server');
  });

  it('does not trust a certificate outside the CA list', async () => {
    await expectProviderError(get(`${host.origin}/ok.png`, { ca: undefined }), 'network');
  });

  it('turns an abort while waiting into a timeout', async () => {
    const url = host.put('/slow.png', {
      headers: { 'content-type': 'image/png' },
      body: png,
      delayMs: SLOW_FAKE_MS,
    });
    const started = Date.now();
    await expectProviderError(get(url, {}, timeout(200)), 'timeout');
    expect(Date.now() - started).toBeLessThan(GIVES_UP_WITHIN_MS);
  });
});
