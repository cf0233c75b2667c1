// App Service on Linux running the backend (Node 24, TypeScript run directly): one process serves the API, the bot
// endpoint and the web pages, statelessly, so it scales out by adding instances (instanceCount; docs/deploy.md).
// HTTPS only, TLS 1.2 or later, FTP off, always on, health checked on the readiness probe. It runs as the managed
// identity and holds no key: Cosmos DB and Blob Storage by Entra ID, secrets by Key Vault references.
param name string
param location string
param tags object
@allowed([
  'B1'
  'B2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param skuName string
@minValue(1)
@maxValue(30)
param instanceCount int
param identityId string
param identityClientId string
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node backend/src/main.ts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/api/v1/health/ready'
      appSettings: [for s in items(union(appSettings, {
        // App Service installs the production dependencies from package-lock.json at deployment.
        SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
        CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev --no-audit --no-fund'
        AZURE_CLIENT_ID: identityClientId
        HOST: '0.0.0.0'
      })): {
        name: s.key
        value: s.value
      }]
    }
  }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output resourceId string = site.id
output hostName string = site.properties.defaultHostName
