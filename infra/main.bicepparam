// Parameters for the "test" environment.
// The bot app id comes from the environment so no tenant-specific id is committed:
//   PARTNERHUB_BOT_APP_ID=<guid> az deployment group create -g rg-partnerhub-test -f infra/main.bicep -p infra/main.bicepparam
using './main.bicep'

param environmentName = 'test'

// Sweden Central keeps data in the EU (EU Data Boundary); northeurope is the alternative.
param location = 'swedencentral'

param botAppId = readEnvironmentVariable('PARTNERHUB_BOT_APP_ID')

param appServiceSkuName = 'B1'

// A test vault is torn down and recreated; purge protection would block reusing its name for 90 days.
param enableKeyVaultPurgeProtection = false
