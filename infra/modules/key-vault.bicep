// Key Vault for the bot's secrets. App Service reads them as Key Vault references through the
// bot's managed identity (keyVaultReferenceIdentity), so no secret value is ever an app setting,
// a deployment output or a file in the repository. Access is Azure RBAC: the identity may read
// secrets, nothing else.

@description('Key Vault name: 3 to 24 letters, digits and hyphens, unique in Azure.')
@maxLength(24)
param name string
param location string
param tags object

@description('Principal (object) id that may read the secrets: the bot\'s managed identity.')
param readerPrincipalId string

@secure()
param documentSecret string

@description('Empty: no secret is stored and the scheduler endpoint stays off.')
@secure()
param schedulerSecret string

@description('Empty: no secret is stored (a UserAssignedMSI bot has no password).')
@secure()
param botAppPassword string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource documentSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'document-secret'
  properties: {
    value: documentSecret
    contentType: 'DOCUMENT_SECRET: signs download links'
  }
}

resource schedulerSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(schedulerSecret)) {
  parent: vault
  name: 'scheduler-secret'
  properties: {
    value: schedulerSecret
    contentType: 'SCHEDULER_SECRET: bearer secret of POST /api/scheduler/run'
  }
}

resource botAppPasswordValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botAppPassword)) {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
    contentType: 'BOT_APP_PASSWORD: client secret of the single-tenant bot app registration'
  }
}

// Key Vault Secrets User: read secret values.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versioned URIs of the secrets (their values never leave the vault): a new value given at
// deployment changes the app setting, so App Service picks it up at once instead of within a day.
output documentSigningUri string = documentSecretValue.properties.secretUriWithVersion
output schedulerTriggerUri string = empty(schedulerSecret) ? '' : schedulerSecretValue.properties.secretUriWithVersion
output botCredentialUri string = empty(botAppPassword) ? '' : botAppPasswordValue.properties.secretUriWithVersion
