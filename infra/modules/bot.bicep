// The Azure Bot registration, as the user-assigned managed identity (msaAppType UserAssignedMSI: new multi-tenant
// bots are refused, and this one needs no secret), with the Teams channel. Bot Service has no Australian regional
// option, so the registration is `global`; messages go to the backend in Australia East.
param name string
param tags object
param displayName string
param endpoint string
param identityId string
param identityClientId string
param identityTenantId string
@allowed([
  'F0'
  'S1'
])
param skuName string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityId
    msaAppTenantId: identityTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
