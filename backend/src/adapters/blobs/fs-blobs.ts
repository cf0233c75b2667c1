// Blob adapter on the local file system. Each blob is one file: a small header (magic, length, JSON with the
// content type and metadata) followed by the bytes. It is written to a temporary file and renamed into place,
// so a reader sees the old blob or the new one, never a mix.
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { checkBlobKey, checkMetadata, type Blob, type BlobInfo, type BlobStore } from '../../ports/blobs.ts';

const MAGIC = Buffer.from('DNB1');
const PREFIX = MAGIC.length + 4;

interface Header {
  contentType: string;
  metadata: Record<string, string>;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function parseHeader(prefix: Buffer, headerBytes: Buffer, key: string): Header {
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error(`blob ${key} is not in the blob format`);
  return JSON.parse(headerBytes.toString('utf8')) as Header;
}

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  private readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  private path(key: string): string {
    checkBlobKey(key);
    return join(this.root, key);
  }

  async put(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ) {
    const file = this.path(key);
    const header: Header = { contentType: info.contentType, metadata: info.metadata ?? {} };
    checkMetadata(header.metadata);
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    await mkdir(dirname(file), { recursive: true });
    // A leading dot is never a valid key, so a temporary file cannot collide with a blob.
    const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, Buffer.concat([MAGIC, length, headerBytes, bytes]));
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async head(key: string): Promise<BlobInfo | null> {
    const file = this.path(key);
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    try {
      const prefix = Buffer.alloc(PREFIX);
      await handle.read(prefix, 0, PREFIX, 0);
      const headerBytes = Buffer.alloc(prefix.readUInt32BE(MAGIC.length));
      await handle.read(headerBytes, 0, headerBytes.length, PREFIX);
      const header = parseHeader(prefix, headerBytes, key);
      const { size } = await handle.stat();
      return { ...header, size: size - PREFIX - headerBytes.length };
    } finally {
      await handle.close();
    }
  }

  async get(key: string): Promise<Blob | null> {
    let all: Buffer;
    try {
      all = await readFile(this.path(key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    const headerLength = all.readUInt32BE(MAGIC.length);
    const header = parseHeader(all, all.subarray(PREFIX, PREFIX + headerLength), key);
    const bytes = all.subarray(PREFIX + headerLength);
    return { ...header, size: bytes.length, bytes };
  }

  async delete(key: string): Promise<boolean> {
    const file = this.path(key);
    try {
      await rm(file);
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async close(): Promise<void> {}
}
