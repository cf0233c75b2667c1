// Part of the composition root: opens the adapters config names, the store, the blob store and the WORM audit
// archive, with a key or connection string where one is configured and Entra ID (the managed identity) otherwise.
// Used by main.ts and by scripts that work on the same data (audit:verify-export). The credential is made only
// when a keyless adapter needs it.
import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.ts';
import { CosmosStore } from '../adapters/cosmos/cosmos-store.ts';
import { FsBlobStore } from '../adapters/blobs/fs-blobs.ts';
import { AzureBlobStore } from '../adapters/blobs/azure-blobs.ts';
import type { DocumentStore } from '../ports/store.ts';
import type { BlobStore } from '../ports/blobs.ts';
import { azureCredential } from '../identity/azure-credential.ts';

/** The Entra ID credential for keyless Azure access, made on first use (only a keyless adapter needs it). */
export type CredentialSource = () => TokenCredential;

export function credentialSource(config: Config, given?: TokenCredential): CredentialSource {
  let made: TokenCredential | undefined = given;
  return () => (made ??= azureCredential(config.azure.credential));
}

export async function openStore(config: Config, credential: CredentialSource): Promise<DocumentStore> {
  const s = config.store;
  return s.kind === 'sqlite'
    ? new SqliteStore(s.path)
    : CosmosStore.open({
        endpoint: s.endpoint,
        ...(s.key !== null ? { key: s.key } : { credential: credential() }),
        database: s.database,
        allowSelfSigned: s.allowSelfSigned,
      });
}

async function openAzureContainer(config: Config, credential: CredentialSource, container: string) {
  const b = config.blobs;
  if (b.kind !== 'azure') throw new Error('not on Azure Blob Storage');
  return b.connectionString !== null
    ? AzureBlobStore.open(b.connectionString, container)
    : AzureBlobStore.openWithCredential(b.accountUrl!, credential(), container);
}

export async function openBlobs(config: Config, credential: CredentialSource): Promise<BlobStore> {
  const b = config.blobs;
  return b.kind === 'fs' ? new FsBlobStore(b.dir) : openAzureContainer(config, credential, b.container);
}

/** Where the WORM audit export writes its segments: a folder, or the immutable `audit` container. */
export async function openAuditArchive(
  config: Config,
  credential: CredentialSource,
  log?: Logger,
): Promise<BlobStore> {
  const t = config.auditExport.target;
  if (t.kind === 'fs') return new FsBlobStore(t.dir);
  const archive = await openAzureContainer(config, credential, t.container);
  const immutable = await archive.immutability();
  if (!immutable.versionLevel && !immutable.policy) {
    log?.[config.env === 'production' ? 'error' : 'warn'](
      { container: t.container },
      'the audit export container is not immutable: deploy infra/azure.bicep (version-level WORM)',
    );
  }
  return archive;
}
