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

# Code style (.editorconfig's warnings: file-scoped namespaces, unused usings) and the analyzers are already errors in
# the build above (EnforceCodeStyleInBuild, TreatWarningsAsErrors); running them again through `dotnet format` cost
# about four minutes of CPU. What only dotnet format checks is whitespace.
log "Checking formatting (dotnet format whitespace; style and analyzers were checked by the build)…"
dotnet format whitespace PartnerHub.sln --no-restore --verify-no-changes --verbosity quiet \
  || fail "Code is not dotnet-format clean: run 'dotnet format PartnerHub.sln' and commit."

start_azurite

results="$ARTIFACTS_DIR/test-results"
console_log="$ARTIFACTS_DIR/logs/dotnet-test.log"
rm -rf "$results"; mkdir -p "$results" "$ARTIFACTS_DIR/logs"
projects=()
for project in tests/*/*.Tests.csproj; do projects+=("$(basename "$project" .csproj)"); done
log "Running tests (${#projects[@]} projects; full log in ${console_log#"$REPO_ROOT"/}, results in ${results#"$REPO_ROOT"/})…"
# The full console at normal verbosity (every test, every API log line) goes to the log file; the console then
# shows every failure in full and one line per project, read from the result files.
status=0
dotnet test PartnerHub.sln --no-build -c Release --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" >"$console_log" 2>&1 || status=$?

# Failures in full and one closing line over every project, read from the result files.
node "$TOOLS_DIR/test-summary.js" "$results" "$console_log" "${projects[@]}" || status=1
exit "$status"
