// Blob adapter on Azure Blob Storage, reached with a connection string or, on Azure, with Entra ID (the managed
// identity; the account refuses shared keys). The container is created (private) when missing. `create` is an
// upload with If-None-Match: *, so the storage service decides which of two writers gets a key.
import type { TokenCredential } from '@azure/identity';
import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';
import { checkBlobKey, checkMetadata, type Blob, type BlobInfo, type BlobStore } from '../../ports/blobs.ts';

function isNotFound(err: unknown): boolean {
  return err instanceof RestError && err.statusCode === 404;
}

export class AzureBlobStore implements BlobStore {
  readonly kind = 'azure' as const;
  private readonly container: ContainerClient;
  private constructor(container: ContainerClient) {
    this.container = container;
  }

  static async open(connectionString: string, containerName: string): Promise<AzureBlobStore> {
    return AzureBlobStore.openContainer(
      BlobServiceClient.fromConnectionString(connectionString),
      containerName,
    );
  }

  /** The account's blob endpoint (https://<account>.blob.core.windows.net) with an Entra ID credential. */
  static async openWithCredential(
    accountUrl: string,
    credential: TokenCredential,
    containerName: string,
  ): Promise<AzureBlobStore> {
    return AzureBlobStore.openContainer(new BlobServiceClient(accountUrl, credential), containerName);
  }

  private static async openContainer(service: BlobServiceClient, name: string): Promise<AzureBlobStore> {
    const container = service.getContainerClient(name);
    await container.createIfNotExists();
    return new AzureBlobStore(container);
  }

  /** Whether the container keeps blob versions immutable (version-level WORM), as the audit container must. */
  async immutability(): Promise<{ versionLevel: boolean; policy: boolean }> {
    const p = await this.container.getProperties();
    return {
      versionLevel: p.isImmutableStorageWithVersioningEnabled === true,
      policy: p.hasImmutabilityPolicy === true,
    };
  }

  async put(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ) {
    checkBlobKey(key);
    const metadata = info.metadata ?? {};
    checkMetadata(metadata);
    await this.container.getBlockBlobClient(key).uploadData(bytes, {
      blobHTTPHeaders: { blobContentType: info.contentType },
      metadata,
    });
  }

  async create(
    key: string,
    bytes: Uint8Array,
    info: { contentType: string; metadata?: Record<string, string> },
  ): Promise<boolean> {
    checkBlobKey(key);
    const metadata = info.metadata ?? {};
    checkMetadata(metadata);
    try {
      await this.container.getBlockBlobClient(key).uploadData(bytes, {
        blobHTTPHeaders: { blobContentType: info.contentType },
        metadata,
        conditions: { ifNoneMatch: '*' },
      });
      return true;
    } catch (err) {
      // 409 BlobAlreadyExists, or 412 when the service checks the condition first.
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) return false;
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const b of this.container.listBlobsFlat({ prefix })) keys.push(b.name);
    return keys.sort();
  }

  async head(key: string): Promise<BlobInfo | null> {
    checkBlobKey(key);
    try {
      const p = await this.container.getBlobClient(key).getProperties();
      return {
        contentType: p.contentType ?? 'application/octet-stream',
        metadata: p.metadata ?? {},
        size: p.contentLength ?? 0,
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async get(key: string): Promise<Blob | null> {
    checkBlobKey(key);
    try {
      const client = this.container.getBlobClient(key);
      const res = await client.download();
      const chunks: Buffer[] = [];
      for await (const chunk of res.readableStreamBody!) chunks.push(Buffer.from(chunk as Uint8Array));
      const bytes = Buffer.concat(chunks);
      return {
        bytes,
        size: bytes.length,
        contentType: res.contentType ?? 'application/octet-stream',
        metadata: res.metadata ?? {},
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<boolean> {
    checkBlobKey(key);
    const res = await this.container.getBlobClient(key).deleteIfExists();
    return res.succeeded;
  }

  async ping(): Promise<void> {
    await this.container.getProperties();
  }

  async close(): Promise<void> {}
}
