// Stand van zaken: everything the bot needs in one resource group (docs/deploy.md).
//
//   user-assigned managed identity ── the bot's identity (UserAssignedMSI), Cosmos DB data
//                                     access and Key Vault references, with no key or password
//   App Service plan + App Service  ── Linux, Node 24 LTS, `npm start`
//   Azure Bot + Teams channel       ── messaging endpoint https://<app>/api/messages
//   Cosmos DB for NoSQL             ── the database and the containers the code expects
//   Key Vault                       ── DOCUMENT_SECRET, SCHEDULER_SECRET, a single-tenant
//                                     bot's password: App Service reads them as references
//   Log Analytics + App Insights    ── logs and telemetry
//
// Deploy with the Microsoft 365 Agents Toolkit (m365agents.yml, parameters from
// infra/main.parameters.json) or with `az deployment group create` (docs/deploy.md).

targetScope = 'resourceGroup'

@description('Prefix of every resource name: lower-case letters and digits, 3 to 21 characters, starting with a letter. The App Service, Cosmos DB account, Key Vault and bot need names that are unique in Azure, so make it yours, e.g. standvanzaken plus a few random characters. The App Service is reached at https://<resourceBaseName>.azurewebsites.net.')
@minLength(3)
@maxLength(21)
param resourceBaseName string

@description('Azure region of every resource except the bot, which is global. Default: the resource group\'s.')
param location string = resourceGroup().location

@description('Tags put on every resource.')
param tags object = {}

// --- The bot's identity --------------------------------------------------------------------

@description('How the bot authenticates to the Bot Framework. UserAssignedMSI (default): the managed identity this template creates, nothing to register or rotate. SingleTenant: an Entra app registration of your tenant (botEntraAppId and botEntraAppPassword).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the application (client) id of the bot\'s app registration ("Accounts in this organizational directory only"). Ignored for UserAssignedMSI.')
param botEntraAppId string = ''

@description('SingleTenant only: a client secret of that app registration. Stored in Key Vault; App Service reads it as BOT_APP_PASSWORD. Ignored for UserAssignedMSI.')
@secure()
param botEntraAppPassword string = ''

@description('The bot\'s name in Azure and in its Bot Framework profile. Teams shows the name in the app manifest.')
param botDisplayName string = 'Stand van zaken'

@description('Azure Bot pricing tier. F0 is free; Teams is a standard channel, so F0 has no message limit for it.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

// --- App Service ---------------------------------------------------------------------------

@description('App Service plan SKU. B1 or larger: the in-process scheduler needs Always On, which the Free and Shared tiers lack. P0v3 or larger for production.')
param appServiceSku string = 'B1'

@description('Number of App Service instances. More than one is safe: send jobs and the send lease live in Cosmos DB and DOCUMENT_SECRET is shared (docs/operations.md).')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

@description('Address people reach the bot at, when it is not https://<app>.azurewebsites.net (a custom domain you bind yourself). Download links start with it. Empty: the App Service\'s own address.')
param publicBaseUrl string = ''

// --- Cosmos DB -----------------------------------------------------------------------------

@description('Serverless (default): pay per request, right for a portfolio of a few thousand projects. Provisioned: autoscale throughput shared by the database, for steady heavy use.')
@allowed([
  'Serverless'
  'Provisioned'
])
param cosmosCapacityMode string = 'Serverless'

@description('Provisioned only: the autoscale maximum in RU/s, shared by all containers (it scales between 10% of this and this). Multiples of 1000.')
@minValue(1000)
@maxValue(1000000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Name of the Cosmos DB account. Empty (default): <resourceBaseName>-cosmos. Set it to the account a point-in-time restore made, to move the bot onto it (docs/operations.md).')
param cosmosAccountName string = ''

@description('The database name; the bot reads it as COSMOS_DATABASE.')
param cosmosDatabaseName string = 'stand-van-zaken'

@description('Continuous backup (point-in-time restore) window: 7 days (no extra charge) or 30 days (docs/operations.md).')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Entra object ids (comma-separated) of people or groups who get read/write access to the data, e.g. coordinators who run `npm run cli` with their own `az login`. The bot\'s identity always gets it. Key-based access is switched off.')
param cosmosOperatorPrincipalIds string = ''

// --- Secrets (never in the repository) -----------------------------------------------------

@description('Signs the download links of compiled chapters (DOCUMENT_SECRET, 32+ characters), shared by every instance. Default: a new random value at each deployment, which only ends links handed out in the 15 minutes before it. Stored in Key Vault.')
@secure()
@minLength(32)
param documentSecret string = '${newGuid()}${newGuid()}'

@description('Bearer secret (32+ characters) for POST /api/scheduler/run, for an external timer (docs/operations.md). Empty (default): the endpoint does not exist and the in-process scheduler runs. Stored in Key Vault.')
@secure()
param schedulerSecret string = ''

@description('Seconds between runs of the in-process scheduler (SCHEDULER_INTERVAL_SECONDS); 0 switches it off when an external timer calls POST /api/scheduler/run.')
@minValue(0)
@maxValue(86400)
param schedulerIntervalSeconds int = 60

// --- People and behaviour ------------------------------------------------------------------

@description('COORDINATORS: who may open rounds, compile the chapter and import the register; comma-separated Entra object ids and/or e-mail addresses (UPN).')
param coordinators string = ''

@description('READERS: who may read every project\'s summary without changing anything (MT, bestuur); comma-separated Entra object ids and/or e-mail addresses. Empty: nobody besides the coordinators.')
param readers string = ''

@description('SPEERPUNT_REVIEWERS: who reviews the answers of a speerpunt besides the coordinators, in rounds with review: speerpunt=person,person;speerpunt=person (Entra object ids and/or e-mail addresses). Empty: the coordinators review everything.')
param speerpuntReviewers string = ''

@description('ALLOWED_TENANTS: Entra tenant ids (comma-separated) whose people may use the bot. Empty: this tenant only.')
param allowedTenants string = ''

@description('DEFAULT_LANGUAGE for people whose Teams client is neither Dutch nor English.')
@allowed([
  'nl'
  'en'
])
param defaultLanguage string = 'nl'

@description('LOG_LEVEL of the bot.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var baseName = toLower(resourceBaseName)
var operatorPrincipalIds = filter(map(split(cosmosOperatorPrincipalIds, ','), id => trim(id)), id => !empty(id))

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: baseName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: empty(cosmosAccountName) ? '${baseName}-cosmos' : cosmosAccountName
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupTier: cosmosBackupTier
    appPrincipalId: identity.properties.principalId
    operatorPrincipalIds: operatorPrincipalIds
  }
}

module vault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: '${baseName}-kv'
    location: location
    tags: tags
    readerPrincipalId: identity.properties.principalId
    documentSecret: documentSecret
    schedulerSecret: schedulerSecret
    botAppPassword: botAppType == 'SingleTenant' ? botEntraAppPassword : ''
  }
}

module app 'modules/app-service.bicep' = {
  name: 'app-service'
  params: {
    planName: '${baseName}-plan'
    siteName: baseName
    location: location
    tags: tags
    sku: appServiceSku
    instanceCount: instanceCount
    identityId: identity.id
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
  }
}

var botAppId = botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botEntraAppId

module settings 'modules/app-settings.bicep' = {
  name: 'app-settings'
  params: {
    siteName: app.outputs.siteName
    botAppId: botAppId
    botAppType: botAppType
    botTenantId: tenant().tenantId
    botCredentialUri: vault.outputs.botCredentialUri
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmosDatabaseName
    identityClientId: identity.properties.clientId
    publicBaseUrl: empty(publicBaseUrl) ? 'https://${app.outputs.defaultHostName}' : publicBaseUrl
    documentSigningUri: vault.outputs.documentSigningUri
    schedulerTriggerUri: vault.outputs.schedulerTriggerUri
    schedulerIntervalSeconds: schedulerIntervalSeconds
    coordinators: coordinators
    readers: readers
    speerpuntReviewers: speerpuntReviewers
    allowedTenants: allowedTenants
    defaultLanguage: defaultLanguage
    logLevel: logLevel
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${baseName}-bot'
    displayName: botDisplayName
    sku: botSku
    tags: tags
    messagingEndpoint: 'https://${app.outputs.defaultHostName}/api/messages'
    appType: botAppType
    appId: botAppId
    tenantId: tenant().tenantId
    identityId: identity.id
  }
}

// The Agents Toolkit writes these outputs into env/.env.<environment>; the deploy and publish
// steps, and `npm run package`, read them from there. Nothing secret is output.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.siteId
output BOT_DOMAIN string = app.outputs.defaultHostName
output BOT_ID string = botAppId
output BOT_TENANT_ID string = tenant().tenantId
output BOT_SERVICE_NAME string = bot.outputs.name
output PUBLIC_BASE_URL string = empty(publicBaseUrl) ? 'https://${app.outputs.defaultHostName}' : publicBaseUrl
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmosDatabaseName
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output KEY_VAULT_NAME string = vault.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
