// The blob port (DESIGN §8): image and thumbnail bytes, and the sealed segments of the audit export. File system
// by default, Azure Blob Storage on Azure.

export interface BlobInfo {
  contentType: string;
  /** Small string metadata (provenance: generation id, provider, model, content hash). Keys: [a-z][a-z0-9]*. */
  metadata: Record<string, string>;
  size: number;
}

export interface Blob extends BlobInfo {
  bytes: Buffer;
}

export interface BlobStore {
  readonly kind: 'fs' | 'azure';
  /** Writes the whole blob; replaces an existing one. */
  put(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ): Promise<void>;
  /**
   * Create-if-absent: writes the blob only when no blob has this key, atomically (of any number of concurrent
   * creates, exactly one returns true). Never replaces. The WORM audit export is built on it.
   */
  create(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ): Promise<boolean>;
  /** Keys starting with `prefix`, in ascending order. */
  list(prefix: string): Promise<string[]>;
  get(key: string): Promise<Blob | null>;
  head(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Folders are plain names; the last segment is a file name with an extension. So no key is ever the folder of
// another key (a file system cannot hold both `a` and `a/b`), and `..` cannot appear.
const KEY = /^([a-z0-9][a-z0-9_-]*\/){0,5}[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;
const META_KEY = /^[a-z][a-z0-9]{0,63}$/;

export class BlobUsageError extends Error {
  override name = 'BlobUsageError';
}

/** Keys are lowercase path segments ending in a file name; the file adapter cannot escape its root. */
export function checkBlobKey(key: string): void {
  if (key.length > 512 || !KEY.test(key)) {
    throw new BlobUsageError(`bad blob key "${key}"`);
  }
}

export function checkMetadata(meta: Record<string, string>): void {
  for (const [k, v] of Object.entries(meta)) {
    // Azure sends metadata as HTTP headers: ASCII only, keys as identifiers.
    if (!META_KEY.test(k) || !/^[\x20-\x7e]{0,1024}$/.test(v))
      throw new BlobUsageError(`bad metadata "${k}"`);
  }
}
