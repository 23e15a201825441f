#!/usr/bin/env bash
# Known vulnerabilities in PartnerHub's dependencies: `dotnet list package --vulnerable --include-transitive` for the
# solution and `npm audit` (production dependencies, then all) for every npm folder. Prints a summary and exits
#   0  no high or critical finding without a reason in security/accepted-findings.json
#   1  at least one high or critical finding without an accepted, unexpired reason
#   2  an advisory source could not be asked: the result proves nothing (the summary says which)
# Needs the network (NuGet's vulnerability data, the npm registry's audit endpoint): not part of the test command.
# Usage: scripts/vulnerabilities.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ACCEPTED="$REPO_ROOT/security/accepted-findings.json"
UNREACHABLE=()

# ---- NuGet ----
log "NuGet: dotnet list package --vulnerable --include-transitive…"
dotnet list PartnerHub.sln package --vulnerable --include-transitive --format json > "$WORK/nuget.json" 2> "$WORK/nuget.err" \
  || fail "dotnet list package failed: $(cat "$WORK/nuget.err")"
# dotnet reports "no vulnerable packages" also when no source offers vulnerability data: ask each source's service
# index for its VulnerabilityInfo resource, so an empty answer is not mistaken for a clean one.
while IFS= read -r source; do
  case "$source" in
    http*://*)
      if ! curl -fsSL --max-time 30 "$source" -o "$WORK/index.json" 2>/dev/null; then
        UNREACHABLE+=("NuGet source $source: service index not reachable")
      elif ! grep -q '"VulnerabilityInfo' "$WORK/index.json"; then
        UNREACHABLE+=("NuGet source $source: offers no vulnerability data (no VulnerabilityInfo resource in its service index)")
      fi ;;
  esac
done < <(node -e 'for (const s of require(process.argv[1]).sources || []) console.log(s)' "$WORK/nuget.json")
node -e '
  const report = require(process.argv[1]);
  const out = [];
  for (const project of report.projects || [])
    for (const fw of project.frameworks || [])
      for (const p of [...(fw.topLevelPackages || []), ...(fw.transitivePackages || [])])
        for (const v of p.vulnerabilities || [])
          out.push({ ecosystem: "nuget", where: project.path.replace(process.cwd() + "/", ""), package: p.id,
            version: p.resolvedVersion, severity: (v.severity || "").toLowerCase(), advisory: v.advisoryurl });
  require("fs").writeFileSync(process.argv[2], JSON.stringify(out));
' "$WORK/nuget.json" "$WORK/findings-nuget.json"

# ---- npm ----
i=0
while IFS= read -r manifest; do
  dir="$(dirname "$manifest")"
  for mode in production all; do
    i=$((i + 1))
    flags=(--json); [ "$mode" = production ] && flags+=(--omit=dev)
    log "npm: npm audit ($mode) in ${dir#./}…"
    (cd "$dir" && npm audit "${flags[@]}" > "$WORK/npm-$i.json" 2> "$WORK/npm-$i.err") || true
    node -e '
      const fs = require("fs");
      const [file, where, mode, out] = process.argv.slice(1);
      let report; try { report = JSON.parse(fs.readFileSync(file, "utf8")); } catch { report = { error: { summary: "no JSON answer" } }; }
      if (!report.vulnerabilities) {
        const e = report.error || {};
        fs.writeFileSync(out, JSON.stringify({ unreachable: `npm audit (${mode}) in ${where}: ${report.message || e.summary || e.code || "no audit answer"}` }));
        process.exit(0);
      }
      const findings = [];
      for (const [name, v] of Object.entries(report.vulnerabilities))
        for (const via of v.via || [])
          if (typeof via === "object")
            findings.push({ ecosystem: "npm", where: `${where} (${mode})`, package: name, version: v.range,
              severity: (via.severity || v.severity || "").toLowerCase(), advisory: via.url || String(via.source) });
      fs.writeFileSync(out, JSON.stringify({ findings }));
    ' "$WORK/npm-$i.json" "${dir#./}" "$mode" "$WORK/findings-npm-$i.json"
  done
done < <(find . -name package.json -not -path '*/node_modules/*' -not -path './artifacts/*' | sort)

# ---- Summary ----
UNREACHABLE_FILE="$WORK/unreachable.txt"
printf '%s\n' "${UNREACHABLE[@]+"${UNREACHABLE[@]}"}" > "$UNREACHABLE_FILE"
node -e '
  const fs = require("fs");
  const [work, acceptedFile, unreachableFile] = process.argv.slice(1);
  const today = new Date().toISOString().slice(0, 10);
  const accepted = JSON.parse(fs.readFileSync(acceptedFile, "utf8")).findings || [];
  let findings = JSON.parse(fs.readFileSync(`${work}/findings-nuget.json`, "utf8"));
  const unreachable = fs.readFileSync(unreachableFile, "utf8").split("\n").filter(Boolean);
  for (const f of fs.readdirSync(work).filter(n => n.startsWith("findings-npm-"))) {
    const r = JSON.parse(fs.readFileSync(`${work}/${f}`, "utf8"));
    if (r.unreachable) unreachable.push(r.unreachable); else findings = findings.concat(r.findings);
  }
  const serious = findings.filter(f => f.severity === "high" || f.severity === "critical");
  const reasonFor = f => accepted.find(a => a.ecosystem === f.ecosystem && a.package === f.package && a.advisory === f.advisory);
  const open = [];
  console.log(`Findings: ${findings.length} in all, ${serious.length} high or critical.`);
  for (const f of findings) {
    const a = reasonFor(f);
    const state = !["high", "critical"].includes(f.severity) ? "" :
      !a ? "  NOT ACCEPTED" : a.reviewBy < today ? `  ACCEPTED, REVIEW OVERDUE (${a.reviewBy})` : `  accepted until ${a.reviewBy}: ${a.reason}`;
    console.log(`  [${f.severity}] ${f.ecosystem} ${f.package} ${f.version ?? ""} in ${f.where}: ${f.advisory}${state}`);
    if (["high", "critical"].includes(f.severity) && (!a || a.reviewBy < today)) open.push(f);
  }
  if (unreachable.length) {
    console.log("Could not be checked (the result above proves nothing for these):");
    for (const u of unreachable) console.log(`  ${u}`);
  }
  if (open.length) { console.log(`${open.length} high or critical finding(s) without an accepted reason: add a fix or an entry to security/accepted-findings.json.`); process.exit(1); }
  if (unreachable.length) { console.log("No high or critical finding among what could be checked; some advisory sources could not be asked."); process.exit(2); }
  console.log("No high or critical finding without an accepted reason.");
' "$WORK" "$ACCEPTED" "$UNREACHABLE_FILE"
