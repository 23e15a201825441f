// PartnerHub infrastructure for one environment, deployed into one resource group:
//   az deployment group create -g rg-partnerhub-test -f infra/main.bicep -p infra/main.bicepparam
// See infra/README.md for what this creates and what an admin grants by hand.
targetScope = 'resourceGroup'

@description('Short environment name used in resource names, e.g. test or prod.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region. Default in the EU: Danish municipalities expect personal data to stay in the EU/EEA.')
@allowed([
  'swedencentral'
  'northeurope'
  'westeurope'
  'germanywestcentral'
  'norwayeast'
])
param location string = 'swedencentral'

@description('Client id of the single-tenant Entra app registration of the bot (created by an admin, not by Bicep).')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Tenant id of the bot app registration; defaults to the deployment tenant.')
param botTenantId string = tenant().tenantId

@description('Bot client secret; leave empty and set the Key Vault secret out of band to keep it out of deployment history.')
@secure()
param botClientSecret string = ''

@description('Key the API signs .ics download links with (base64 of 32 random bytes); leave empty and set the Key Vault secret out of band.')
@secure()
param calendarLinkSigningKey string = ''

@description('Public https address of the API if it is not the web app\'s own (a custom domain); Graph notifications and .ics links use it.')
param publicBaseUrl string = ''

@description('Client id of the Entra app registration PartnerHub calls Microsoft Graph as (may be the bot\'s); empty keeps Graph off (local calendar, nothing installed for people). Its secret is the Key Vault secret graph-client-secret, set out of band.')
param graphClientId string = ''

@description('Tenant id of the Graph app registration; defaults to the bot\'s tenant.')
param graphTenantId string = ''

@description('PartnerHub\'s id in the organisation\'s Teams app catalog (Teams admin centre, Manage apps, PartnerHub, App ID): with it and Graph, everyone added to a project gets PartnerHub installed in Teams.')
param teamsAppCatalogId string = ''

@description('Graph drive id of the project\'s SharePoint document library for minutes; empty: minutes are not uploaded.')
param graphDriveId string = ''

@description('Whom people of a tenant without a project are told to ask, e.g. "IT-afdelingen, it@kommune.dk"; empty: "your municipality\'s IT department".')
param administrationContact string = ''

@description('Azure Bot location: global, or westeurope for the EU regional bot service.')
param botLocation string = 'global'

@description('App Service plan SKU.')
param appServiceSkuName string = 'B1'

@description('Purge protection on the Key Vault (cannot be turned off once on).')
param enableKeyVaultPurgeProtection bool = true

param tags object = {
  application: 'PartnerHub'
  programme: 'Bydelsmoedre'
  environment: environmentName
}

var namePrefix = 'ph-${environmentName}'
var suffix = uniqueString(resourceGroup().id, environmentName)
var botSecretName = 'bot-client-secret'
var calendarLinkKeySecretName = 'calendar-link-signing-key'
var graphSecretName = 'graph-client-secret'
// Graph only with a registration to call it as; each optional setting only when given, so the app's defaults hold.
var graphSettings = empty(graphClientId) ? {} : union({
  Graph__TenantId: empty(graphTenantId) ? botTenantId : graphTenantId
  Graph__ClientId: graphClientId
  Graph__ClientSecret: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${graphSecretName})'
}, empty(teamsAppCatalogId) ? {} : { Graph__TeamsAppCatalogId: teamsAppCatalogId }, empty(graphDriveId) ? {} : { Graph__DriveId: graphDriveId })

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: take('stph${environmentName}${suffix}', 24)
    // Names follow ARCHITECTURE.md section 5: one project-partitioned table, audit, conversation references.
    tableNames: [
      'partnerhub'
      'audit'
      'conversations'
    ]
    // Nudges for the outbox dispatcher; the outbox rows themselves live in the table.
    queueNames: [
      'outbox'
    ]
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    keyVaultName: take('kv-${namePrefix}-${suffix}', 24)
    principalId: identity.outputs.principalId
    botSecretName: botSecretName
    botClientSecret: botClientSecret
    calendarLinkKeySecretName: calendarLinkKeySecretName
    calendarLinkSigningKey: calendarLinkSigningKey
    enablePurgeProtection: enableKeyVaultPurgeProtection
    tags: tags
  }
}

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    location: location
    namePrefix: namePrefix
    skuName: appServiceSkuName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    appSettings: union({
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      Storage__TableServiceUri: storage.outputs.tableEndpoint
      Storage__QueueServiceUri: storage.outputs.queueEndpoint
      Storage__BlobServiceUri: storage.outputs.blobEndpoint
      Bot__AppId: botAppId
      Bot__TenantId: botTenantId
      // Resolved by App Service with the user-assigned identity; the secret never sits in app settings.
      Bot__ClientSecret: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${botSecretName})'
      KeyVault__Uri: keyVault.outputs.uri
      // The REST API (coordinator tab, integrations) accepts Entra tokens for the same app registration.
      AzureAd__TenantId: botTenantId
      AzureAd__ClientId: botAppId
      // Signs the anonymous .ics links on session cards; the API refuses to start without it outside Development.
      Calendar__LinkSigningKey: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${calendarLinkKeySecretName})'
    }, empty(publicBaseUrl) ? {} : { Graph__PublicBaseUrl: publicBaseUrl }, graphSettings, empty(administrationContact) ? {} : { Administration__Contact: administrationContact })
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    botName: 'bot-${namePrefix}-${suffix}'
    displayName: 'PartnerHub'
    location: botLocation
    msaAppId: botAppId
    msaAppTenantId: botTenantId
    webAppHostName: app.outputs.defaultHostName
    tags: tags
  }
}

@description('Web app name, for az webapp deploy.')
output webAppName string = app.outputs.name

@description('Value for API_HOST when packaging the Teams manifest (scripts/package-manifest.sh).')
output apiHost string = app.outputs.defaultHostName

@description('Messaging endpoint registered on the Azure Bot.')
output botEndpoint string = bot.outputs.endpoint

output botName string = bot.outputs.name
output storageAccountName string = storage.outputs.name
output tableEndpoint string = storage.outputs.tableEndpoint
output queueEndpoint string = storage.outputs.queueEndpoint
output blobEndpoint string = storage.outputs.blobEndpoint
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri

@description('Secret the admin sets if botClientSecret was left empty.')
output botSecretName string = botSecretName

@description('Secret the admin sets if calendarLinkSigningKey was left empty (base64 of 32 random bytes).')
output calendarLinkKeySecretName string = calendarLinkKeySecretName

output apiIdentityClientId string = identity.outputs.clientId
output apiIdentityPrincipalId string = identity.outputs.principalId
output appInsightsName string = monitoring.outputs.appInsightsName
