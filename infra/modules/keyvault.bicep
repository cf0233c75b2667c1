// Key Vault for the secrets the backend cannot avoid: the image link key and the image providers' keys (OpenAI,
// Replicate, Adobe Firefly). Access is RBAC only (no access policies); the managed identity may read secrets and
// nothing else. App Service resolves them through Key Vault references, so no secret sits in an app setting, and
// provider keys never pass through the toolkit's files: an administrator sets them here (docs/deploy.md).
param name string
param location string
param tags object
param principalId string
@secure()
param imageUrlSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource imageLinks 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'image-url-secret'
  properties: {
    value: imageUrlSecret
  }
}

// Key Vault Secrets User.
var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, secretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// App setting -> secret name. The provider secrets are added by an administrator (docs/deploy.md); until then
// their references stay unresolved, which the backend treats as unset (backend/src/config.ts).
var references = {
  IMAGE_URL_SECRET: imageLinks.name
  OPENAI_API_KEY: 'openai-api-key'
  REPLICATE_API_TOKEN: 'replicate-api-token'
  FIREFLY_CLIENT_ID: 'firefly-client-id'
  FIREFLY_CLIENT_SECRET: 'firefly-client-secret'
}

output settings object = toObject(items(references), r => r.key, r => '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${r.value})')
output vaultName string = vault.name
