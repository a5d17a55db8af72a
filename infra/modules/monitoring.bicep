// Log Analytics workspace and a workspace-based Application Insights resource. The App Service
// sends its console output (the bot's JSON log lines), HTTP and platform logs to the workspace
// (modules/app-service.bicep); Application Insights collects requests, dependencies and
// exceptions (docs/operations.md).

param baseName string
param location string
param tags object

@description('Days the workspace keeps logs and telemetry.')
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output applicationInsightsName string = insights.name
// Not a secret (it only lets a sender write telemetry), but kept out of the deployment's top-level
// outputs all the same: main.bicep passes it straight to the app settings.
output applicationInsightsConnectionString string = insights.properties.ConnectionString
