// Blob adapter on the local file system: bytes in `<root>/<key>`, type and metadata in `<key>.meta.json`.
// Writes go to a temporary file and are renamed into place, so a reader never sees half a blob.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { checkBlobKey, checkMetadata, type Blob, type BlobInfo, type BlobStore } from '../../ports/blobs.ts';

interface Meta {
  contentType: string;
  metadata: Record<string, string>;
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
    const metadata = info.metadata ?? {};
    checkMetadata(metadata);
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const meta: Meta = { contentType: info.contentType, metadata };
    await writeFile(`${tmp}.meta`, JSON.stringify(meta));
    await writeFile(tmp, bytes);
    await rename(`${tmp}.meta`, `${file}.meta.json`);
    await rename(tmp, file);
  }

  async head(key: string): Promise<BlobInfo | null> {
    const file = this.path(key);
    try {
      const [st, metaText] = await Promise.all([stat(file), readFile(`${file}.meta.json`, 'utf8')]);
      const meta = JSON.parse(metaText) as Meta;
      return { contentType: meta.contentType, metadata: meta.metadata, size: st.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async get(key: string): Promise<Blob | null> {
    const info = await this.head(key);
    if (!info) return null;
    try {
      const bytes = await readFile(this.path(key));
      return { ...info, size: bytes.length, bytes };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<boolean> {
    const file = this.path(key);
    const existed = (await this.head(key)) !== null;
    await rm(file, { force: true });
    await rm(`${file}.meta.json`, { force: true });
    return existed;
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async close(): Promise<void> {}
}
