// User-assigned identity for the API: it exists before the web app, so its role assignments
// are in place on first start, and it survives re-creating the app.
param location string
param namePrefix string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-api'
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
