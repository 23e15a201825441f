#!/usr/bin/env bash
# Checks the parameters of a deployment before it is run: required values present, allowed values and lengths as the
# template declares them, Entra ids as GUIDs (and not the placeholder), the public address as https, and no secret
# committed (secure parameters empty, no client secret, key or connection string anywhere in the file).
#   scripts/check-parameters.sh [FILE]    FILE: a .bicepparam (default infra/main.bicepparam) or a parameters .json
# main.bicepparam reads the bot's app id from PARTNERHUB_BOT_APP_ID: set it as for the deployment.
# Offline: compiles with scripts/bicep-build.sh (Bicep from NuGet), checks with Node.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:-$repo/infra/main.bicepparam}"
[[ -f "$file" ]] || { echo "check-parameters: no such file: $file" >&2; exit 2; }
command -v node >/dev/null || { echo "check-parameters: node (20 or later) is required" >&2; exit 1; }

if [[ "$file" == *.bicepparam ]]; then
  "$repo/scripts/bicep-build.sh" "$file" >&2
  parameters="$repo/artifacts/infra/parameters.json"
else
  "$repo/scripts/bicep-build.sh" >&2
  parameters="$file"
fi
exec node "$repo/scripts/check-parameters.mjs" "$repo/artifacts/infra/main.json" "$parameters" "$file"
