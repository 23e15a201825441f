// Linux App Service plan and the web app that hosts PartnerHub.Api (bot endpoint, REST API, coordinator tab).
param location string
param namePrefix string

@description('App Service plan SKU. B1 is enough for a test project; P0v3 or above for production.')
param skuName string = 'B1'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity, so Azure.Identity picks it rather than guessing.')
param identityClientId string

@description('App settings on top of the ones this module always sets.')
param appSettings object

param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${namePrefix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true // required for Linux plans
  }
}

var siteName = 'app-${namePrefix}-${uniqueString(resourceGroup().id, namePrefix)}'

var baseSettings = {
  AZURE_CLIENT_ID: identityClientId
  // Where Graph posts change notifications and where the cards' .ics links point; appSettings may override it (custom domain).
  Graph__PublicBaseUrl: 'https://${siteName}.azurewebsites.net'
  ASPNETCORE_ENVIRONMENT: 'Production'
  // Danish is the default language; Europe/Copenhagen is the time zone of every date shown.
  TZ: 'Europe/Copenhagen'
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
    // Key Vault references resolve with the user-assigned identity, not a system one.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Readiness (storage, Connector and Graph tokens): App Service takes an instance that fails it out of rotation.
      healthCheckPath: '/health/ready'
      appSettings: [
        for setting in items(union(baseSettings, appSettings)): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

// No basic-auth publishing credentials: deployments authenticate with Entra ID (az webapp deploy).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
