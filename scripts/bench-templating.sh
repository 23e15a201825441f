#!/usr/bin/env bash
# Issue 15 point 4: our card template engine (src/PartnerHub.Teams/Cards) against npm adaptivecards-templating, on the
# same realistic cards and data, in one run. Prints one table (µs per expansion, .NET vs node, ratio) and appends it,
# with the machine, the date and the load average, to bench/RESULTS.md. Reports figures; asserts no timings; not part
# of scripts/test.sh. Arguments go to the benchmark (--bdn: BenchmarkDotNet for the .NET side; --no-append: print only).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

TEMPLATING_NODE_DIR="$REPO_ROOT/bench/templating"

# adaptivecards-templating and adaptive-expressions from bench/templating's lock file; reinstalled only when it changed.
ensure_templating_node() {
  local stamp="$TEMPLATING_NODE_DIR/node_modules/.partnerhub-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$TEMPLATING_NODE_DIR/package-lock.json"; then
    return
  fi
  log "Installing the templating peer's npm packages (npm ci in bench/templating)…"
  (cd "$TEMPLATING_NODE_DIR" && npm ci --no-audit --no-fund --loglevel=warn >&2)
  cp "$TEMPLATING_NODE_DIR/package-lock.json" "$stamp"
}

append=(--append "$REPO_ROOT/bench/RESULTS.md")
args=()
for a in "$@"; do
  if [ "$a" = "--no-append" ]; then append=(); else args+=("$a"); fi
done

require_tools
ensure_templating_node
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Building the templating benchmark (Release)…"
dotnet build bench/PartnerHub.Bench.Templating/PartnerHub.Bench.Templating.csproj -c Release --verbosity quiet -warnaserror

log "Timing both engines (node first, then .NET)…"
dotnet bench/PartnerHub.Bench.Templating/bin/Release/net10.0/PartnerHub.Bench.Templating.dll "${append[@]}" "${args[@]}"
