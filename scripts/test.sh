#!/usr/bin/env bash
# Runs every PartnerHub test on a fresh Debian machine with the .NET 10 SDK and Node 20:
# restores, builds with warnings as errors, checks formatting, installs npm tools and chromium if missing,
# starts and stops Azurite itself, runs all test projects, and exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap stop_started EXIT
cd "$REPO_ROOT"

require_tools
ensure_node_tools
ensure_chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Restoring and building (warnings are errors)…"
dotnet restore PartnerHub.sln --verbosity quiet
dotnet build PartnerHub.sln --no-restore -c Release --verbosity quiet -warnaserror

log "Checking formatting (dotnet format)…"
dotnet format PartnerHub.sln --no-restore --verify-no-changes --verbosity quiet \
  || fail "Code is not dotnet-format clean: run 'dotnet format PartnerHub.sln' and commit."

start_azurite

results="$ARTIFACTS_DIR/test-results"
rm -rf "$results"; mkdir -p "$results"
log "Running tests…"
status=0
dotnet test PartnerHub.sln --no-build -c Release --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" || status=$?

# One closing line over every project, read from the result files.
node "$TOOLS_DIR/test-summary.js" "$results" || status=1
exit "$status"
