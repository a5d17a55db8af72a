// The App Service that runs the bot: Linux, Node 24 LTS, started with `npm start`. Its settings
// are in modules/app-settings.bicep.

param planName string
param siteName string
param location string
param tags object

@description('App Service plan SKU, B1 or larger (Always On).')
param sku string

@description('Number of instances.')
param instanceCount int

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
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
      // The project runs on Node 24 LTS (README, Runtime); package.json asks for >=22.
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'npm start'
      // The in-process scheduler sends reminders on its own: the app must not idle out.
      alwaysOn: true
      // 503 while Cosmos DB does not answer or the instance is stopping: with several instances,
      // App Service routes around one that cannot serve and replaces it if it stays so.
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Console output (the bot's JSON log lines) kept on the instance for `az webapp log tail`.
resource logs 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'logs'
  properties: {
    applicationLogs: {
      fileSystem: {
        level: 'Information'
      }
    }
    httpLogs: {
      fileSystem: {
        enabled: true
        retentionInDays: 7
        retentionInMb: 35
      }
    }
    detailedErrorMessages: {
      enabled: false
    }
    failedRequestsTracing: {
      enabled: false
    }
  }
}

// The same, and the HTTP and platform logs, into Log Analytics for querying and alerts.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

output siteId string = site.id
output siteName string = site.name
output defaultHostName string = site.properties.defaultHostName
