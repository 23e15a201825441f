#!/usr/bin/env bash
# A CycloneDX software bill of materials for what PartnerHub ships: the NuGet packages of the src projects (test
# projects left out) and the npm packages of each npm folder, written to artifacts/sbom/. Needs NuGet (restore) only.
# Not part of the test command. Usage: scripts/sbom.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT="$ARTIFACTS_DIR/sbom"
mkdir -p "$OUT"
cd "$REPO_ROOT"

log "Restoring the pinned CycloneDX tool (.config/dotnet-tools.json)…"
dotnet tool restore >&2

# One BOM for the solution without its test projects: what runs in production.
log "Building the .NET SBOM…"
dotnet tool run dotnet-CycloneDX PartnerHub.sln \
  --exclude-test-projects \
  --output "$OUT" --filename partnerhub-dotnet.cdx.json --output-format Json \
  --set-name PartnerHub --set-version "$(git rev-parse --short HEAD 2>/dev/null || echo 0.0.0)" >&2

# The npm folders are build and test tools (card rendering, Azurite, the Playground), not shipped code; listed
# as inventory all the same, from their lock files (no network): name, version, whether dev-only.
log "Listing npm folders…"
while IFS= read -r manifest; do
  dir="$(dirname "$manifest")"
  lock="$dir/package-lock.json"
  name="$(echo "${dir#./}" | tr '/' '-')"
  if [ ! -f "$lock" ]; then
    log "  $dir: no package-lock.json, skipped"
    continue
  fi
  node -e '
    const lock = require(process.argv[1]);
    const components = Object.entries(lock.packages || {})
      .filter(([path]) => path.startsWith("node_modules/"))
      .map(([path, p]) => {
        const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
        return { type: "library", name, version: p.version,
          purl: `pkg:npm/${name.replace("@", "%40")}@${p.version}`,
          scope: p.dev ? "excluded" : "required" };
      });
    const bom = { bomFormat: "CycloneDX", specVersion: "1.6", version: 1,
      metadata: { component: { type: "application", name: process.argv[2] } }, components };
    require("fs").writeFileSync(process.argv[3], JSON.stringify(bom, null, 2));
    console.error(`  ${process.argv[2]}: ${components.length} packages`);
  ' "$(realpath "$lock")" "$name" "$OUT/npm-$name.cdx.json"
done < <(find . -name package.json -not -path '*/node_modules/*' -not -path './artifacts/*' | sort)

log "SBOM written to ${OUT#$REPO_ROOT/}/:"
ls -1 "$OUT" >&2
