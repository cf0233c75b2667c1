// Cosmos DB for NoSQL: the document store. Keys are off (disableLocalAuth); the managed identity has the data-plane
// Built-in Data Contributor role, which cannot create databases or containers, so every container the store uses is
// declared here with the adapter's partition key /pk (backend/src/ports/store.ts COLLECTIONS; a test keeps the two
// lists equal). Backups are continuous (point-in-time restore).
param name string
param location string
param tags object
@allowed([
  'serverless'
  'autoscale'
])
param capacityMode string
@minValue(1000)
param autoscaleMaxThroughput int
param databaseName string
param principalId string

var containerNames = [
  'departments'
  'users'
  'budgets'
  'generations'
  'approvals'
  'audit'
  'jobs'
  'idempotency'
  'conversations'
  'cards'
  'ratelimits'
  'meta'
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: capacityMode == 'serverless' ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous30Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Autoscale throughput is shared by the database's containers; serverless has none to set.
    options: capacityMode == 'autoscale' ? {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    } : {}
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in containerNames: {
  parent: database
  name: container
  properties: {
    resource: {
      id: container
      partitionKey: {
        paths: [
          '/pk'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}]

// Cosmos DB Built-in Data Contributor (data plane).
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource dataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributor)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: principalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
