#!/usr/bin/env bash
# Runs PartnerHub on this machine: Azurite (in memory), the API with demo data for the project "Vollsmose",
# and the Microsoft 365 Agents Playground (a Teams client emulator) pointed at the bot. Ctrl-C stops all of it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'log "Stopping…"; stop_started' EXIT
trap 'exit 130' INT TERM
cd "$REPO_ROOT"

API_PORT="${PARTNERHUB_API_PORT:-3978}"
PLAYGROUND_PORT="${PARTNERHUB_PLAYGROUND_PORT:-56150}"

require_tools
ensure_node_tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Building the API…"
dotnet build src/PartnerHub.Api/PartnerHub.Api.csproj -c Debug --verbosity quiet

start_azurite

port_open "$API_PORT" && fail "Port $API_PORT is taken; set PARTNERHUB_API_PORT to a free port."
mkdir -p "$ARTIFACTS_DIR/logs"
log "Starting the API on http://127.0.0.1:$API_PORT (Development, Playground mode, demo data)…"
ASPNETCORE_ENVIRONMENT=Development \
ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" \
Storage__ConnectionString="UseDevelopmentStorage=true" \
Graph__PublicBaseUrl="http://127.0.0.1:$API_PORT" \
Demo__Seed=true \
  bash -c 'cd "$1" && exec dotnet PartnerHub.Api.dll' _ "$REPO_ROOT/src/PartnerHub.Api/bin/Debug/net10.0" \
  >"$ARTIFACTS_DIR/logs/api.log" 2>&1 &
STARTED_PIDS+=("$!")
wait_for_port "$API_PORT" "The API" 240

log "Starting the Microsoft 365 Agents Playground on http://localhost:$PLAYGROUND_PORT…"
# The Playground opens a browser through xdg-open and crashes where there is none: tell it not to.
# Its mock users, with valid GUIDs, are the demo project's people (.m365agentsplayground.yml, Partners/DemoData.cs).
TEAMSAPPTESTER_BROWSER=none \
M365_AGENTS_PLAYGROUND_CONFIG_PATH="$REPO_ROOT/.m365agentsplayground.yml" \
M365_AGENTS_PLAYGROUND_LOGFILE="$ARTIFACTS_DIR/logs/playground.log" \
  "$TOOLS_DIR/node_modules/.bin/agentsplayground" -e "http://127.0.0.1:$API_PORT/api/messages" -c msteams --dt -p "$PLAYGROUND_PORT" \
  >"$ARTIFACTS_DIR/logs/playground.out" 2>&1 &
STARTED_PIDS+=("$!")
wait_for_port "$PLAYGROUND_PORT" "The Agents Playground" 120

cat >&2 <<MSG

  PartnerHub is running.
    Teams emulator (Agents Playground):  http://localhost:$PLAYGROUND_PORT
    API health:                          http://127.0.0.1:$API_PORT/health
    Coordinator tab (demo coordinator):  http://127.0.0.1:$API_PORT/dashboard
    Outlook add-in pane (demo mailbox):  http://127.0.0.1:$API_PORT/addin/pane.html   (?meeting=new|organizer|attendee&event=ID&lang=en)
  Write "hjælp" (or "help") to the bot. Logs: artifacts/logs/ (api.log, playground.log, azurite.log). Ctrl-C stops everything.

MSG
wait
