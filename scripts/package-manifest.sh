#!/usr/bin/env bash
# Builds the Teams app package for one environment:
#   scripts/package-manifest.sh ENV
# Values come from the process environment, else from manifest/env/.env.ENV.
# Output: manifest/build/ENV/ (manifest.json, en.json, icons) and manifest/build/partnerhub-ENV.zip.
# Needs only bash and Node 20 (zip is used when installed, otherwise Node writes the archive).
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 ENV   (e.g. local; reads manifest/env/.env.ENV)" >&2
  exit 2
fi
if ! command -v node >/dev/null 2>&1; then
  echo "error: node (20 or later) is required to package the manifest" >&2
  exit 1
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec node "$repo/manifest/package.mjs" "$1"
