// Turns whatever the task pane holds (a data URL, base64 text, or bytes from the API) into what Office accepts:
// bare base64 of a PNG or JPEG, no `data:` prefix, no whitespace, and at most the host's byte limit.
// Do not break: the size guard runs before any Office call, so an oversized image never reaches the host
// (PowerPoint on the web refuses over 5 MB; Word on the web fails silently on very large ones).
import { imageTooBig, invalidImage } from './errors.ts';

export interface InsertableImage {
  /** Base64 without prefix or whitespace. */
  base64: string;
  /** Decoded size in bytes. */
  bytes: number;
  format: 'png' | 'jpeg';
}

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?(;[a-z0-9-]+=[^;,]*)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes to base64 in chunks (String.fromCharCode has an argument limit; a 5 MB image is far past it). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

function formatOf(base64: string): InsertableImage['format'] | null {
  const head = atob(base64.slice(0, 12));
  const at = (i: number) => head.charCodeAt(i);
  if (at(0) === 0x89 && head.slice(1, 4) === 'PNG') return 'png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg';
  return null;
}

/** The image as Office wants it, or an OfficeHostError (`invalid-image`, `image-too-big`). */
export function toInsertable(image: string | Uint8Array, maxBytes: number): InsertableImage {
  let base64: string;
  if (typeof image === 'string') {
    const match = DATA_URL.exec(image);
    base64 = (match ? image.slice(match[0].length) : image).replace(/\s+/g, '');
  } else {
    base64 = bytesToBase64(image);
  }
  if (base64.length === 0) throw invalidImage('it is empty');
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw invalidImage('it is not base64');
  const bytes = decodedLength(base64);
  const format = formatOf(base64);
  if (!format) throw invalidImage('it is neither a PNG nor a JPEG');
  if (bytes > maxBytes) throw imageTooBig(bytes, maxBytes);
  return { base64, bytes, format };
}
