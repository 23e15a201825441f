#!/usr/bin/env bash
# Writes docs/privacy.md from the code (the data inventory declared beside each store, the access rules in Core, the
# region and log retention in infra/): scripts/privacy-doc.sh, or scripts/privacy-doc.sh --check to only compare.
# The test command checks the same thing (tests/PartnerHub.Api.Tests/Privacy/PrivacyDocumentTests).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project "$repo/tools/PrivacyDoc/PrivacyDoc.csproj" -c Release -- "$@" "$repo"
