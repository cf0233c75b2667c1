// The Entra ID credential the backend uses for Cosmos DB and Blob Storage when it holds no key (issue #13).
// On App Service that is the user-assigned managed identity named by AZURE_CLIENT_ID; on a developer's machine,
// the DefaultAzureCredential chain (Azure CLI sign-in and friends). Do not widen the production case to the
// whole chain: an environment variable left behind could then decide who the app is.
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { AzureCredentialConfig } from '../config/azure.ts';

export function azureCredential(c: AzureCredentialConfig): TokenCredential {
  return c.managedIdentityClientId
    ? new ManagedIdentityCredential({ clientId: c.managedIdentityClientId })
    : new DefaultAzureCredential();
}
