// DonatelloAI on Azure (issue #13; docs/deploy.md): everything in one resource group in Australia East, except the
// bot registration, which Bot Service only offers as `global`. No registry modules (`br:` needs the internet to
// build); one small module per resource under modules/. Nothing here holds a key for another resource: one
// user-assigned managed identity is granted data-plane roles, and the only secrets (the image link key and
// optional image provider keys) live in Key Vault. Outputs in UPPER_SNAKE_CASE become variables of the toolkit's
// environment (env/.env.<env>); teamsapp.yml uses them.

@description('Lowercase letters and digits, 3-11 characters: the stem of every resource name.')
@minLength(3)
@maxLength(11)
param resourceBaseName string

@description('The region of every resource but the bot. Australia East keeps the data in Australia.')
param location string = 'australiaeast'

@description('Cosmos DB capacity: serverless (pay per request, for dev and small tenants) or autoscale (production).')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosCapacityMode string = 'serverless'

@description('With autoscale: the highest RU/s the database scales to (it idles at a tenth of it).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('App Service plan size. P0v3 and up give zone redundancy options and faster scale-out.')
@allowed([
  'B1'
  'B2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'P0v3'

// Strings where the toolkit fills a value from env/: its placeholders always land as JSON strings.
@description('App Service instances, 1-30. The backend is stateless; more than one is safe (docs/deploy.md, scaling out).')
param instanceCount string = '1'

@description('Storage redundancy. ZRS keeps three copies across Australia East zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days every version in the audit container stays immutable: seven years at least.')
@minValue(2557)
param auditRetentionDays int = 2557

@description('true once the audit immutability policy has been locked (an irreversible manual step); the template then leaves it alone.')
@allowed([
  'true'
  'false'
])
param auditPolicyLocked string = 'false'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('The Entra app (client) id of the API, tab and add-in (aadApp/create).')
param aadAppClientId string

@description('The tenant whose users may sign in.')
param aadAppTenantId string

@description('The Teams app id (teamsApp/create).')
param teamsAppId string

@description('Bot Service tier: F0 is free and enough for the Teams channel (a standard channel).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('on runs the offline local image provider (handy for a first dev deployment without provider keys).')
@allowed([
  'on'
  'off'
])
param localProvider string = 'off'

@secure()
@description('HMAC key of the signed image links in Teams cards (at least 32 characters).')
@minLength(32)
param imageUrlSecret string

var tags = {
  application: 'donatello'
  'azd-env-name': resourceBaseName
}
var stem = toLower(resourceBaseName)
var unique = uniqueString(resourceGroup().id, stem)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${stem}-identity'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    namePrefix: stem
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    principalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: '${stem}-cosmos-${unique}'
    location: location
    tags: tags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    databaseName: 'donatello'
    principalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${stem}${unique}', 24)
    location: location
    tags: tags
    skuName: storageSku
    auditRetentionDays: auditRetentionDays
    auditPolicyLocked: auditPolicyLocked == 'true'
    principalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('${stem}-kv-${unique}', 24)
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    imageUrlSecret: imageUrlSecret
  }
}

// Site names are global; the host name App Service gives the site is known before it exists, so the settings and
// the bot can name it.
var siteName = '${stem}-app-${take(unique, 6)}'
var hostName = '${siteName}.azurewebsites.net'

module app 'modules/appservice.bicep' = {
  name: 'appservice'
  params: {
    name: siteName
    location: location
    tags: tags
    skuName: appServiceSku
    instanceCount: int(instanceCount)
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    appSettings: union(
      {
        NODE_ENV: 'production'
        PUBLIC_BASE_URL: 'https://${hostName}'
        STORE: 'cosmos'
        COSMOS_ENDPOINT: cosmos.outputs.endpoint
        COSMOS_DATABASE: cosmos.outputs.databaseName
        BLOBS: 'azure'
        AZURE_STORAGE_ACCOUNT_URL: storage.outputs.blobEndpoint
        BLOB_CONTAINER: storage.outputs.imagesContainer
        AUDIT_EXPORT: 'on'
        AUDIT_EXPORT_CONTAINER: storage.outputs.auditContainer
        ENTRA_CLIENT_ID: aadAppClientId
        ENTRA_APP_ID_URI: 'api://${hostName}/${aadAppClientId}'
        ENTRA_ALLOWED_TENANTS: aadAppTenantId
        BOT_AUTH: 'managed-identity'
        BOT_ID: identity.outputs.clientId
        BOT_TENANT_ID: identity.outputs.tenantId
        TEAMS_APP_ID: teamsAppId
        LOCAL_PROVIDER: localProvider
        APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
        // The cloud role name in Application Insights, and no SDK usage reporting to Microsoft.
        OTEL_SERVICE_NAME: 'donatello-backend'
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true'
      },
      keyVault.outputs.settings
    )
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${stem}-bot'
    tags: tags
    displayName: 'DonatelloAI'
    endpoint: 'https://${hostName}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    skuName: botSku
  }
}

// Written to env/.env.<env> by arm/deploy.
output BOT_ID string = identity.outputs.clientId
output AZURE_CLIENT_ID string = identity.outputs.clientId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.resourceId
output PUBLIC_HOSTNAME string = app.outputs.hostName
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_URL string = storage.outputs.blobEndpoint
output STORAGE_ACCOUNT_NAME string = storage.outputs.accountName
output KEY_VAULT_NAME string = keyVault.outputs.vaultName
