// Fetches a provider's output image under a strict policy (DESIGN §7): HTTPS only, allow-listed hosts
// re-checked on every redirect hop, image content types only, a byte cap enforced while streaming, and
// cancellation through the caller's AbortSignal. No credentials are ever sent: output URLs are pre-signed.
// node:https is used directly because Node's bundled undici (needed for a per-request CA) is not importable
// without adding a dependency.
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { ProviderId } from '@donatello/contracts';
import { ProviderError, type GeneratedImage } from './port.ts';
import { abortedError, describe } from './provider-http.ts';

export interface ImageFetchOptions {
  /** Exact host names (`replicate.delivery`) or `*.suffix` wildcards (`*.replicate.delivery`: subdomains only). */
  allowedHosts: string[];
  /** Largest accepted body in bytes (default 20 MB). */
  maxBytes?: number;
  /** Extra trusted CA certificate(s) in PEM, added to Node's bundled roots (for test image hosts). */
  ca?: string;
  /** Redirect hops followed, each re-checked against the allow-list (default 3). */
  maxRedirects?: number;
}

export type ImageContentType = GeneratedImage['contentType'];
export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const ALLOWED_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return allowed.some((entry) => {
    const rule = entry.trim().toLowerCase();
    if (rule.startsWith('*.')) {
      const suffix = rule.slice(1); // ".example.com"
      return host.endsWith(suffix) && host.length > suffix.length;
    }
    return host === rule;
  });
}

/** Recognises the three accepted formats by their magic bytes, so a mislabelled body is refused. */
export function sniffImageType(bytes: Buffer): ImageContentType | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) {
    return 'image/png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp';
  }
  return undefined;
}

function checkedUrl(provider: ProviderId, raw: string, allowed: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProviderError(provider, 'disallowed_url', `${provider}: image URL is not a valid URL`);
  }
  if (url.protocol !== 'https:') {
    throw new ProviderError(
      provider,
      'disallowed_url',
      `${provider}: image URL must use https (${url.protocol})`,
    );
  }
  if (url.username || url.password) {
    throw new ProviderError(provider, 'disallowed_url', `${provider}: image URL must not carry credentials`);
  }
  if (!hostAllowed(url.hostname, allowed)) {
    throw new ProviderError(
      provider,
      'disallowed_url',
      `${provider}: image host ${url.hostname} is not allowed`,
    );
  }
  return url;
}

function badResponse(provider: ProviderId, message: string, status?: number): ProviderError {
  return new ProviderError(provider, 'bad_response', `${provider}: ${message}`, { status });
}

/** Sends one GET and resolves with the response head; the body is consumed by the caller. */
function get(
  provider: ProviderId,
  url: URL,
  signal: AbortSignal,
  ca: string | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      signal,
      ca: ca === undefined ? undefined : [...rootCertificates, ca],
      headers: { accept: ALLOWED_TYPES.join(', '), 'user-agent': 'DonatelloAI-image-fetch' },
    });
    req.on('response', resolve);
    req.on('error', (err) => {
      reject(
        signal.aborted
          ? abortedError(provider, signal, err)
          : new ProviderError(provider, 'network', `${provider}: image fetch failed: ${describe(err)}`, {
              cause: err,
            }),
      );
    });
    req.end();
  });
}

/** Reads the body, stopping (and destroying the socket) as soon as it passes `maxBytes`. */
function readCapped(
  provider: ProviderId,
  res: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: ProviderError): void => {
      signal.removeEventListener('abort', onAbort);
      res.destroy();
      reject(err);
    };
    const onAbort = (): void => fail(abortedError(provider, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(badResponse(provider, `image is larger than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    res.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
    res.on('error', (err) => {
      if (signal.aborted) fail(abortedError(provider, signal, err));
      else
        fail(new ProviderError(provider, 'network', `${provider}: image download broke: ${describe(err)}`));
    });
  });
}

/** Downloads one provider image URL under the policy above and returns its bytes and verified type. */
export async function fetchImage(
  provider: ProviderId,
  rawUrl: string,
  signal: AbortSignal,
  options: ImageFetchOptions,
): Promise<GeneratedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const maxRedirects = options.maxRedirects ?? 3;
  let url = checkedUrl(provider, rawUrl, options.allowedHosts);
  for (let hop = 0; ; hop++) {
    if (signal.aborted) throw abortedError(provider, signal);
    const res = await get(provider, url, signal, options.ca);
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      res.resume();
      const location = res.headers.location;
      if (hop >= maxRedirects) {
        throw new ProviderError(
          provider,
          'disallowed_url',
          `${provider}: more than ${maxRedirects} redirects`,
        );
      }
      if (!location) throw badResponse(provider, `redirect ${status} without a Location`, status);
      url = checkedUrl(provider, new URL(location, url).href, options.allowedHosts);
      continue;
    }
    if (status !== 200) {
      res.resume();
      const kind = status === 429 ? 'rate_limited' : status >= 500 ? 'server' : 'bad_response';
      throw new ProviderError(provider, kind, `${provider}: image fetch answered HTTP ${status}`, { status });
    }
    const declared = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ALLOWED_TYPES.includes(declared)) {
      res.destroy();
      throw badResponse(provider, `image content type ${declared || '(none)'} is not allowed`, status);
    }
    const length = Number(res.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes) {
      res.destroy();
      throw badResponse(
        provider,
        `image is larger than ${maxBytes} bytes (content-length ${length})`,
        status,
      );
    }
    const bytes = await readCapped(provider, res, maxBytes, signal);
    const actual = sniffImageType(bytes);
    if (actual !== declared) {
      throw badResponse(provider, `image bytes (${actual ?? 'unknown'}) do not match ${declared}`, status);
    }
    return { bytes, contentType: actual };
  }
}
