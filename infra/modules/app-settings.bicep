// The App Service's application settings: the bot's configuration keys (src/config.ts,
// documented in env/.env.example) and a few settings App Service itself reads. Secrets are Key
// Vault references, never values. Each deployment replaces the whole set, so change settings
// through the parameters of main.bicep, not in the portal. test/unit/infra checks that every key
// here is one the bot reads or a documented platform setting.

param siteName string

param botAppId string
param botAppType string
param botTenantId string
@description('Key Vault URI of the single-tenant bot\'s client secret; empty for UserAssignedMSI.')
param botCredentialUri string

param cosmosEndpoint string
param cosmosDatabase string
@description('Client id of the managed identity the bot reaches Cosmos DB (and Key Vault) with.')
param identityClientId string

param publicBaseUrl string
@description('Key Vault URI of DOCUMENT_SECRET.')
param documentSigningUri string
@description('Key Vault URI of SCHEDULER_SECRET; empty: the scheduler endpoint is off.')
param schedulerTriggerUri string
param schedulerIntervalSeconds int

param coordinators string
param readers string
param speerpuntReviewers string
param allowedTenants string
param defaultLanguage string
param logLevel string

param applicationInsightsConnectionString string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

var botSettings = {
  NODE_ENV: 'production'
  // App Service sends traffic to PORT (it sets PORT itself) on every interface of the container.
  HOST: '0.0.0.0'
  LOG_LEVEL: logLevel
  DEFAULT_LANGUAGE: defaultLanguage
  BOT_APP_ID: botAppId
  BOT_APP_TYPE: botAppType
  BOT_TENANT_ID: botTenantId
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_DATABASE: cosmosDatabase
  AZURE_CLIENT_ID: identityClientId
  SCHEDULER_INTERVAL_SECONDS: string(schedulerIntervalSeconds)
  PUBLIC_BASE_URL: publicBaseUrl
  DOCUMENT_SECRET: '@Microsoft.KeyVault(SecretUri=${documentSigningUri})'
  COORDINATORS: coordinators
  READERS: readers
  SPEERPUNT_REVIEWERS: speerpuntReviewers
  ALLOWED_TENANTS: allowedTenants
  // The bot sends requests, its calls to Teams and Cosmos DB and exceptions to Application
  // Insights itself (src/telemetry.ts, OpenTelemetry). App Service's own agent for Node.js
  // (ApplicationInsightsAgent_EXTENSION_VERSION) stays off, or everything is counted twice.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
}

var schedulerSettings = empty(schedulerTriggerUri) ? {} : {
  SCHEDULER_SECRET: '@Microsoft.KeyVault(SecretUri=${schedulerTriggerUri})'
}

var singleTenantSettings = empty(botCredentialUri) ? {} : {
  BOT_APP_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botCredentialUri})'
}

var platformSettings = {
  // The deployment carries the compiled app (dist/src), cards/ and the lock file; the build on
  // App Service installs the production dependencies from the lock file and nothing else (no
  // `npm run build`, which needs the dev dependencies).
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev --no-audit --no-fund'
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(botSettings, schedulerSettings, singleTenantSettings, platformSettings)
}
