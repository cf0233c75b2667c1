// Blob adapter on Azure Blob Storage. The container is created (private) when missing.
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
    const service = BlobServiceClient.fromConnectionString(connectionString);
    const container = service.getContainerClient(containerName);
    await container.createIfNotExists();
    return new AzureBlobStore(container);
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
