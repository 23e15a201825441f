#!/usr/bin/env bash
# Compiles and lints the infrastructure offline, with the Bicep CLI from the NuGet package the tests use
# (Azure.Bicep.CommandLine.linux-x64, version from Directory.Packages.props; no az, no network beyond NuGet):
#   scripts/bicep-build.sh [PARAMS]     PARAMS defaults to infra/main.bicepparam
# Writes artifacts/infra/main.json (the ARM template) and artifacts/infra/parameters.json (the compiled parameters,
# ready for `az deployment group create -p`), and fails on any error or linter warning.
# main.bicepparam reads the bot's app id from PARTNERHUB_BOT_APP_ID; without it a placeholder GUID is used, which
# is fine for checking the files but must never be deployed (scripts/check-parameters.sh refuses it).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
params="${1:-$repo/infra/main.bicepparam}"
out="$repo/artifacts/infra"
package="Azure.Bicep.CommandLine.linux-x64"
placeholder="00000000-0000-0000-0000-000000000000"

fail() { echo "bicep-build: $*" >&2; exit 1; }

[[ "$(uname -s)/$(uname -m)" == "Linux/x86_64" ]] || fail "the Bicep package referenced here is $package: run this on linux-x64"
version="$(sed -n "s/.*PackageVersion Include=\"$package\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props")"
[[ -n "$version" ]] || fail "no $package version in Directory.Packages.props"
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/$(echo "$package" | tr '[:upper:]' '[:lower:]')/$version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep-build: restoring $package $version from NuGet (the Api test project references it)…" >&2
  dotnet restore "$repo/tests/PartnerHub.Api.Tests" >&2
fi
[[ -f "$bicep" ]] || fail "bicep $version not found at $bicep after restore"
[[ -x "$bicep" ]] || chmod u+x "$bicep" # NuGet extraction does not always keep the execute bit

mkdir -p "$out"
# Bicep prints linter warnings on stderr and still exits 0: any line there fails the build.
check() {
  local what="$1"; shift
  local err; err="$(mktemp)"
  if ! "$bicep" "$@" 2>"$err"; then cat "$err" >&2; rm -f "$err"; fail "$what failed"; fi
  if [[ -s "$err" ]]; then cat "$err" >&2; rm -f "$err"; fail "$what reported warnings"; fi
  rm -f "$err"
}

check "lint of main.bicep" lint "$repo/infra/main.bicep"
check "build of main.bicep" build "$repo/infra/main.bicep" --outfile "$out/main.json"
PARTNERHUB_BOT_APP_ID="${PARTNERHUB_BOT_APP_ID:-$placeholder}" \
  check "build of $(basename "$params")" build-params "$params" --outfile "$out/parameters.json"
echo "bicep-build: $version OK: $out/main.json, $out/parameters.json"
