#!/usr/bin/env bash
# Shared by run-local.sh and test.sh: install what is missing, start what is needed, stop what we started.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/tools/node"
ARTIFACTS_DIR="$REPO_ROOT/artifacts"
STARTED_PIDS=()

log() { printf '\033[1;34m[partnerhub]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[partnerhub]\033[0m %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null || fail "The .NET 10 SDK is required (dotnet not on PATH)."
  command -v node >/dev/null || fail "Node.js 20 or newer is required (node not on PATH)."
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || fail "Node.js 20 or newer is required (found $(node --version))."
}

# npm packages that referee our work (official Adaptive Cards packages, Azurite, the Agents Playground,
# manifest schemas). Reinstalled only when the lock file changed since the last install.
ensure_node_tools() {
  local stamp="$TOOLS_DIR/node_modules/.partnerhub-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$TOOLS_DIR/package-lock.json"; then
    return
  fi
  log "Installing npm tools (npm ci in tools/node)…"
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$TOOLS_DIR/package-lock.json" "$stamp"
}

# Debian's chromium, for card screenshots and the Playground end-to-end test. Never a downloaded browser.
# Noto Sans stands in for Teams' Segoe UI in card screenshots and width checks (tools/node/cards/teams-host-config.js).
ensure_chromium() {
  local noto=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
  if [ ! -x /usr/bin/chromium ] || [ ! -f "$noto" ]; then
    command -v apt-get >/dev/null || fail "Chromium or its fonts are missing and apt-get is not available: install Debian's chromium and fonts-noto-core packages."
    log "Installing Debian chromium and fonts…"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-noto-core >&2
  fi
  [ -x /usr/bin/chromium ] || fail "chromium did not install."
  [ -f "$noto" ] || fail "fonts-noto-core did not install."
  export PARTNERHUB_CHROMIUM=/usr/bin/chromium
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  local port="$1" what="$2" tries="${3:-120}"
  for _ in $(seq "$tries"); do
    port_open "$port" && return 0
    sleep 0.5
  done
  fail "$what did not start listening on port $port."
}

# Azurite in memory on the standard ports. Reused when one already runs (a developer's run-local.sh).
# In memory, loopback only; the benchmark restarts Azurite between its modes with the same arguments.
AZURITE_ARGS=(--inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry --extentMemoryLimit 512
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)

start_azurite() {
  if port_open 10002; then
    log "Azurite already listening on 127.0.0.1:10002; reusing it."
    return
  fi
  mkdir -p "$ARTIFACTS_DIR/logs"
  log "Starting Azurite (in memory)…"
  "$TOOLS_DIR/node_modules/.bin/azurite" "${AZURITE_ARGS[@]}" >"$ARTIFACTS_DIR/logs/azurite.log" 2>&1 &
  STARTED_PIDS+=("$!")
  wait_for_port 10002 Azurite
  wait_for_port 10001 Azurite
}

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}
