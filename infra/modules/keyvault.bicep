// Key Vault (RBAC mode) holding the bot's client secret and the calendar link signing key; the API reads them through Key Vault references.
param location string

@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Principal (the API identity) that may read secrets.')
param principalId string

@description('Name of the secret that holds the bot app registration\'s client secret.')
param botSecretName string

@description('Bot client secret. Leave empty to set it later out of band (az keyvault secret set), which keeps it out of deployment history.')
@secure()
param botClientSecret string = ''

@description('Name of the secret that holds the key the API signs .ics download links with (base64, at least 32 bytes).')
param calendarLinkKeySecretName string

@description('Calendar link signing key (base64 of 32 random bytes). Leave empty to set it out of band; rotating it invalidates links already on cards.')
@secure()
param calendarLinkSigningKey string = ''

@description('Purge protection cannot be turned off again; on by default because the vault holds a credential.')
param enablePurgeProtection bool = true

param tags object = {}

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
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
    // ARM accepts only true or absent here, so "off" means leaving the property out.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botClientSecret)) {
  parent: vault
  name: botSecretName
  properties: {
    value: botClientSecret
    contentType: 'Entra app client secret for the PartnerHub bot'
  }
}

resource calendarLinkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(calendarLinkSigningKey)) {
  parent: vault
  name: calendarLinkKeySecretName
  properties: {
    value: calendarLinkSigningKey
    contentType: 'HMAC-SHA256 key (base64) for the signed .ics links on PartnerHub session cards'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
