// Azure Bot registration (single-tenant Entra app) with the Microsoft Teams channel.
@description('Bot name, globally unique.')
param botName string

@description('Display name shown in the Bot Framework portal.')
param displayName string

@description('Bot location: global, or a regional location where Azure Bot Service offers data residency.')
param location string = 'global'

@description('Client id of the single-tenant Entra app registration the bot signs in as.')
param msaAppId string

@description('Tenant of that app registration.')
param msaAppTenantId string

@description('Host name of the web app; the messaging endpoint is https://{host}/api/messages.')
param webAppHostName string

@allowed([
  'F0'
  'S1'
])
@description('F0 is free and covers the Teams channel (a standard channel).')
param sku string = 'F0'

param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${webAppHostName}/api/messages'
    msaAppId: msaAppId
    msaAppTenantId: msaAppTenantId
    msaAppType: 'SingleTenant'
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output name string = bot.name
output endpoint string = bot.properties.endpoint
