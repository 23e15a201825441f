// Checks a deployment's parameters before anyone deploys them:
//   node scripts/check-parameters.mjs TEMPLATE.json PARAMETERS.json [SOURCE]
// TEMPLATE is main.bicep compiled (scripts/bicep-build.sh writes artifacts/infra/main.json), PARAMETERS an ARM
// parameters file (compiled from a .bicepparam, or written by hand), SOURCE the file as committed (the .bicepparam or
// the JSON itself), which is searched for secrets. Prints one line per problem and exits 1 if there is any.
// Use scripts/check-parameters.sh, which compiles what is needed first.
import { readFileSync } from "node:fs";

const [templatePath, parametersPath, sourcePath = parametersPath] = process.argv.slice(2);
if (!templatePath || !parametersPath) {
  console.error("usage: node scripts/check-parameters.mjs TEMPLATE.json PARAMETERS.json [SOURCE]");
  process.exit(2);
}

const template = JSON.parse(readFileSync(templatePath, "utf8"));
const declared = template.parameters ?? {};
const given = JSON.parse(readFileSync(parametersPath, "utf8")).parameters ?? {};
const source = readFileSync(sourcePath, "utf8");
const problems = [];

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emptyGuid = "00000000-0000-0000-0000-000000000000";
// Parameters that hold Entra ids: a GUID, and a real one (main.bicepparam's placeholder is refused).
const guidParameters = ["botAppId", "botTenantId"];
// Optional Entra and Teams ids: empty (the feature stays off) or a real GUID.
const optionalGuidParameters = ["graphClientId", "graphTenantId", "teamsAppCatalogId"];

for (const [name, spec] of Object.entries(declared)) {
  const required = !("defaultValue" in spec);
  if (required && !(name in given)) problems.push(`${name}: required, not given`);
}

for (const [name, entry] of Object.entries(given)) {
  const spec = declared[name];
  if (!spec) {
    problems.push(`${name}: not a parameter of the template`);
    continue;
  }
  if (entry && typeof entry === "object" && "reference" in entry) {
    // A Key Vault reference: the secret stays in the vault.
    if (!/^secure/i.test(spec.type)) problems.push(`${name}: a Key Vault reference for a parameter that is not secure`);
    continue;
  }
  const value = entry?.value;
  const type = String(spec.type).toLowerCase();
  if (type === "securestring" || type === "secureobject") {
    if (value !== undefined && value !== "" && value !== null) {
      problems.push(`${name}: a secret must not be in a parameters file; leave it empty and set the Key Vault secret (docs/deploy.md)`);
    }
    continue;
  }
  const typeOk = { string: typeof value === "string", bool: typeof value === "boolean", int: Number.isInteger(value), object: value !== null && typeof value === "object" && !Array.isArray(value), array: Array.isArray(value) }[type];
  if (typeOk === false) {
    problems.push(`${name}: must be of type ${type}`);
    continue;
  }
  if (spec.allowedValues && !spec.allowedValues.includes(value)) problems.push(`${name}: "${value}" is not one of ${spec.allowedValues.join(", ")}`);
  if (typeof value === "string") {
    if (spec.minLength !== undefined && value.length < spec.minLength) problems.push(`${name}: shorter than ${spec.minLength} characters`);
    if (spec.maxLength !== undefined && value.length > spec.maxLength) problems.push(`${name}: longer than ${spec.maxLength} characters`);
  }
  if (guidParameters.includes(name) && (typeof value !== "string" || !guid.test(value) || value === emptyGuid)) {
    problems.push(`${name}: must be the app registration's GUID (Entra admin centre, App registrations, Overview), not "${value}"`);
  }
  if (optionalGuidParameters.includes(name) && value !== "" && (typeof value !== "string" || !guid.test(value) || value === emptyGuid)) {
    problems.push(`${name}: empty, or the GUID from the Entra admin centre (app registration) or Teams admin centre (app catalog), not "${value}"`);
  }
  if (name === "teamsAppCatalogId" && value !== "" && !given.graphClientId?.value) {
    problems.push(`${name}: installing PartnerHub for people needs Graph: set graphClientId as well`);
  }
  if (name === "administrationContact" && typeof value === "string" && value.length > 200) {
    problems.push(`${name}: at most 200 characters (it is shown on a card)`);
  }
  if (name === "environmentName" && !/^[a-z0-9]+$/.test(String(value))) {
    problems.push(`${name}: lowercase letters and digits only (it is part of resource names)`);
  }
  if (name === "publicBaseUrl" && value !== "") {
    let url = null;
    try { url = new URL(value); } catch { /* reported below */ }
    if (!url || url.protocol !== "https:" || url.search || url.hash || url.username || value.endsWith("/")) {
      problems.push(`${name}: an https address without path end slash, query or credentials, e.g. https://partnerhub.odense.dk`);
    }
  }
}

// What must never be committed, whatever parameter (or comment) it hides in.
const secretPatterns = [
  [/[A-Za-z0-9_\-.]{3}\dQ~[A-Za-z0-9_~.\-]{30,}/, "an Entra client secret"],
  [/AccountKey=|SharedAccessSignature=|[?&]sig=/i, "a storage key or SAS signature"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\bDefaultEndpointsProtocol=/i, "a storage connection string"],
];
for (const [pattern, what] of secretPatterns) {
  if (pattern.test(source)) problems.push(`${sourcePath}: contains what looks like ${what}; remove it and keep it in Key Vault`);
}
// In a .bicepparam, a secure parameter assigned a literal is a committed secret (readEnvironmentVariable/getSecret are fine).
for (const [name, spec] of Object.entries(declared)) {
  if (/^secure/i.test(spec.type) && new RegExp(`^\\s*param\\s+${name}\\s*=\\s*'[^']+'`, "m").test(source)) {
    problems.push(`${name}: a secret written into ${sourcePath}; leave it out and set the Key Vault secret`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`check-parameters: ${problem}`);
  process.exit(1);
}
console.log(`check-parameters: ${parametersPath} OK (${Object.keys(given).length} parameters)`);
