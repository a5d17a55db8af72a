// Cosmos DB for NoSQL: the account, the database and the containers the code expects
// (src/infrastructure/cosmos/cosmos-store.ts: CONTAINERS and EXPIRING; docs/data-model.md), and
// data-plane access for the bot's managed identity. Keys are switched off: with Entra ID the
// bot cannot create containers itself, so they are all made here. test/unit/infra checks this
// list against the code.

@description('Cosmos DB account name: lower case, unique in Azure.')
param accountName string
param location string
param tags object
param databaseName string

@allowed([
  'Serverless'
  'Provisioned'
])
param capacityMode string

@description('Provisioned only: autoscale maximum RU/s shared by the database.')
param autoscaleMaxThroughput int

@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param backupTier string

@description('Principal (object) id of the bot\'s managed identity.')
param appPrincipalId string

@description('Principal (object) ids of people or groups who may read and write the data as well.')
param operatorPrincipalIds array

var serverless = capacityMode == 'Serverless'
var serverlessCapabilities = [
  {
    name: 'EnableServerless'
  }
]
var autoscale = {
  autoscaleSettings: {
    maxThroughput: autoscaleMaxThroughput
  }
}
var indexEverything = [
  {
    path: '/*'
  }
]

// Indexing follows the queries in src/infrastructure/cosmos/repositories.ts. Every query filters
// on the partition key and a few small fields, so what is left out of the index is text nobody
// queries: an owner's answers and their history, drafts, the project's goal and activities. Each
// write then costs request units for the handful of fields that are queried instead of for every
// word of a 6,000-character answer and every earlier version. Containers read only by id
// (contacts, leases, register drafts) index nothing. A query on a field left out still works,
// as a scan of its partition; test/unit/infra checks that every field the repositories filter or
// sort on is indexed.
var containers = [
  {
    name: 'projects'
    partitionKey: '/year'
    defaultTtl: null
    excludedPaths: [
      '/goal/?'
      '/activities/?'
    ]
  }
  {
    name: 'rounds'
    partitionKey: '/id'
    defaultTtl: null
    excludedPaths: []
  }
  {
    name: 'statusUpdates'
    partitionKey: '/roundId'
    defaultTtl: null
    excludedPaths: [
      '/versions/*'
      '/draft/*'
      '/previous/*'
      '/approved/*'
      '/decisions/*'
      '/project/goal/?'
      '/project/activities/?'
    ]
  }
  {
    name: 'contacts'
    partitionKey: '/userId'
    defaultTtl: null
    excludedPaths: [
      '/*'
    ]
  }
  {
    name: 'sendJobs'
    partitionKey: '/roundId'
    defaultTtl: null
    excludedPaths: []
  }
  {
    name: 'leases'
    partitionKey: '/id'
    defaultTtl: null
    excludedPaths: [
      '/*'
    ]
  }
  {
    // Register drafts carry their own `ttl` (7 days); -1 switches per-item expiry on without a
    // default, so nothing else in the container expires.
    name: 'registerDrafts'
    partitionKey: '/id'
    defaultTtl: -1
    excludedPaths: [
      '/*'
    ]
  }
  {
    // The organisation's settings (the house template for the chapter): point reads only.
    name: 'settings'
    partitionKey: '/id'
    defaultTtl: null
    excludedPaths: [
      '/*'
    ]
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
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
    // Session: a person always reads their own writes; ETag checks guard every race.
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless ? serverlessCapabilities : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : autoscale
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: {
        paths: [
          c.partitionKey
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: contains(c.excludedPaths, '/*') ? [] : indexEverything
        excludedPaths: map(c.excludedPaths, path => {
          path: path
        })
      }
    }, c.defaultTtl == null ? {} : {
      defaultTtl: c.defaultTtl
    })
  }
}]

// Cosmos DB Built-in Data Contributor: read and write items, read the database and containers;
// it cannot create or delete them. Scoped to the one database.
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource dataContributors 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = [for principalId in union(array(appPrincipalId), operatorPrincipalIds): {
  parent: account
  name: guid(account.id, databaseName, principalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: principalId
    scope: '${account.id}/dbs/${databaseName}'
  }
}]

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
