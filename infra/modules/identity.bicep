// The one user-assigned managed identity of DonatelloAI: App Service runs as it (Cosmos DB, Blob Storage, Key Vault,
// Application Insights) and the Azure Bot is registered as it (msaAppType UserAssignedMSI), so no client secret
// exists anywhere in production.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
