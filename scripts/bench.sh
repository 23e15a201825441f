#!/usr/bin/env bash
# PartnerHub's load benchmark (bench/): how fast /api/messages handles Teams traffic on this machine, next to a bot
# on the official Bot Framework SDK for Node. It REPORTS figures (artifacts/bench/results.md) and asserts no timings;
# it is not part of scripts/test.sh. Builds Release, installs the npm packages it needs (tools/node for Azurite,
# bench/node for the botbuilder peer), starts Azurite unless one already runs, runs the benchmark, and stops what it
# started. All traffic goes to 127.0.0.1. Arguments go to the benchmark: ./scripts/bench.sh --help
# ./scripts/bench.sh --all runs every mode (ceiling, write path, open loop, round trips, soak, data scaling, two
# instances) in one report appended to bench/RESULTS.md; bench/README.md explains each.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap stop_started EXIT
trap 'exit 130' INT TERM
cd "$REPO_ROOT"

BENCH_NODE_DIR="$REPO_ROOT/bench/node"

# The peer's own npm packages (botbuilder), from its lock file; reinstalled only when the lock file changed.
ensure_bench_node() {
  local stamp="$BENCH_NODE_DIR/node_modules/.partnerhub-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$BENCH_NODE_DIR/package-lock.json"; then
    return
  fi
  log "Installing the benchmark peer's npm packages (npm ci in bench/node)…"
  (cd "$BENCH_NODE_DIR" && npm ci --no-audit --no-fund --loglevel=warn >&2)
  cp "$BENCH_NODE_DIR/package-lock.json" "$stamp"
}

require_tools
ensure_node_tools
ensure_bench_node
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "Building the API and the benchmark (Release)…"
dotnet build src/PartnerHub.Api/PartnerHub.Api.csproj -c Release --verbosity quiet -warnaserror
dotnet build bench/PartnerHub.Bench/PartnerHub.Bench.csproj -c Release --verbosity quiet -warnaserror
dotnet build bench/PartnerHub.Bench.Ceiling/PartnerHub.Bench.Ceiling.csproj -c Release --verbosity quiet -warnaserror

azurite_args=()
if port_open 10002; then
  log "Azurite already listening on 127.0.0.1:10002; reusing it (its CPU time is not reported)."
else
  start_azurite
  # The benchmark restarts it before each mode (bench/PartnerHub.Bench/AzuriteRestarts.cs), the same way.
  azurite_args=(--azurite-pid "${STARTED_PIDS[-1]}" --azurite-command "$TOOLS_DIR/node_modules/.bin/azurite" --azurite-args "${AZURITE_ARGS[*]}")
fi

# A last bound on the whole run, whatever the arguments: 15 minutes for the default rows, 90 for the long modes (the
# soak is 10 minutes by default, seeding 100,000 referrals a few). The benchmark stops its own servers on the way out.
limit=900
for arg in "$@"; do
  case "$arg" in --all|--soak|--soak-minutes|--scale|--scale-sizes) limit=5400 ;; esac
done

log "Running the benchmark (figures only; every loop is bounded in count and time; at most $((limit / 60)) minutes)…"
status=0
timeout --signal=INT --kill-after=30 "$limit" \
  dotnet bench/PartnerHub.Bench/bin/Release/net10.0/PartnerHub.Bench.dll --repo "$REPO_ROOT" "${azurite_args[@]}" "$@" || status=$?

# With --all, the templating engine's own benchmark runs after this one (its project and script are its own): the
# hook is here so one command produces every figure of issue 15.
if [ "$status" -eq 0 ] && [[ " $* " == *" --all "* ]] && [ -x "$REPO_ROOT/scripts/bench-templating.sh" ]; then
  log "Running the templating benchmark (scripts/bench-templating.sh)…"
  "$REPO_ROOT/scripts/bench-templating.sh" || status=$?
fi
exit "$status"
