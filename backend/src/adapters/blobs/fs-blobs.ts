// Blob adapter on the local file system. Each blob is one file: a small header (magic, length, JSON with the
// content type and metadata) followed by the bytes. It is written to a temporary file and renamed into place,
// so a reader sees the old blob or the new one, never a mix. `create` hard-links the temporary file into place,
// which fails when the name exists: two writers can never both create one key.
import { mkdir as mkdirCb, rename as renameCb, writeFile as writeFileCb } from 'node:fs';
import { chmod, link, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { checkBlobKey, checkMetadata, type Blob, type BlobInfo, type BlobStore } from '../../ports/blobs.ts';

const MAGIC = Buffer.from('DNB1');
/** A file name with an extension at the end of a key; folders have none (ports/blobs.ts). */
const KEY_SHAPE = /^([a-z0-9][a-z0-9_-]*\/)*[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)+$/;
const PREFIX = MAGIC.length + 4;

interface Header {
  contentType: string;
  metadata: Record<string, string>;
}

// The callback forms for the write path: no FileHandle per write, which the event loop feels under load.
const writeFile = promisify(writeFileCb);
const rename = promisify(renameCb);
const mkdirp = promisify(mkdirCb);

/** Folders this store made or found lately: the second blob of a generation skips the mkdir. */
const KNOWN_FOLDERS = 1000;

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
  private readonly folders = new Set<string>();
  /** Temporary names: a random prefix per store and a counter, unique without a random draw per write. */
  private readonly tmpPrefix = randomBytes(6).toString('hex');
  private tmpCounter = 0;
  constructor(root: string) {
    this.root = root;
  }

  private async ensureFolder(dir: string): Promise<void> {
    if (this.folders.has(dir)) return;
    await mkdirp(dir, { recursive: true });
    if (this.folders.size >= KNOWN_FOLDERS) this.folders.clear();
    this.folders.add(dir);
  }

  private path(key: string): string {
    checkBlobKey(key);
    return join(this.root, key);
  }

  /** Writes the whole file under a temporary name, then lets `place` move it to `file`. */
  private async write(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
    place: (tmp: string, file: string) => Promise<void>,
  ): Promise<void> {
    const file = this.path(key);
    const header: Header = { contentType: info.contentType, metadata: info.metadata ?? {} };
    checkMetadata(header.metadata);
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    const dir = dirname(file);
    await this.ensureFolder(dir);
    // A leading dot is never a valid key, so a temporary file cannot collide with a blob.
    const tmp = join(dir, `.${basename(file)}.${this.tmpPrefix}${(++this.tmpCounter).toString(36)}.tmp`);
    const contents = Buffer.concat([MAGIC, length, headerBytes, bytes]);
    try {
      try {
        await writeFile(tmp, contents);
      } catch (err) {
        if (!isMissing(err)) throw err;
        // The folder went away since this store saw it: make it again.
        this.folders.delete(dir);
        await this.ensureFolder(dir);
        await writeFile(tmp, contents);
      }
      await place(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async put(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ) {
    await this.write(key, bytes, info, (tmp, file) => rename(tmp, file));
  }

  async create(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ): Promise<boolean> {
    let created = false;
    await this.write(key, bytes, info, async (tmp, file) => {
      // Read-only before it gets its real name, so it is never writable under that name.
      await chmod(tmp, 0o444);
      try {
        await link(tmp, file);
        created = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        // A link leaves the temporary name behind (a rename, in `put`, does not).
        await rm(tmp, { force: true });
      }
    });
    return created;
  }

  async list(prefix: string): Promise<string[]> {
    // Only the folder the prefix names is walked. Folders and temporary files (a leading dot) are not keys.
    const slash = prefix.lastIndexOf('/');
    const folder = slash < 0 ? '' : prefix.slice(0, slash);
    let names: string[];
    try {
      names = await readdir(join(this.root, folder), { recursive: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    return names
      .map((n) => (folder ? `${folder}/${n}` : n))
      .filter((k) => k.startsWith(prefix) && KEY_SHAPE.test(k))
      .sort();
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
