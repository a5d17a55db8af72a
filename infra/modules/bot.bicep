// The Azure Bot resource that registers the messaging endpoint with the Bot Framework, and its
// Microsoft Teams channel. The bot authenticates as the user-assigned managed identity
// (UserAssignedMSI) or as a single-tenant app registration.

@description('Bot handle, unique in Azure.')
param name string
param displayName string
param sku string
param tags object

@description('https://<app>/api/messages')
param messagingEndpoint string

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string

@description('Client id of the managed identity (UserAssignedMSI) or of the app registration (SingleTenant).')
param appId string
param tenantId string

@description('Resource id of the managed identity; used for UserAssignedMSI only.')
param identityId string

var identityProperties = appType == 'UserAssignedMSI' ? {
  msaAppMSIResourceId: identityId
} : {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: union({
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: tenantId
  }, identityProperties)
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

output name string = bot.name
