// Fills the ${{NAME}} placeholders of the manifest and writes the Teams app package.
// Called by scripts/package-manifest.sh; see that file for usage.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const manifestDir = dirname(fileURLToPath(import.meta.url));
const placeholder = /\$\{\{([A-Z0-9_]+)\}\}/g;

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

const env = process.argv[2] ?? '';
// The name becomes part of paths, so nothing that could climb out of manifest/.
if (!/^[A-Za-z0-9_-]+$/.test(env)) fail(`invalid environment name '${env}' (letters, digits, - and _ only)`);

// KEY=VALUE lines; '#' comments; optional surrounding quotes. No interpolation, on purpose.
function readEnvFile(path) {
  const values = {};
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(text);
    if (!m) fail(`${path}:${i + 1}: expected KEY=VALUE`);
    let value = m[2];
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    values[m[1]] = value;
  });
  return values;
}

const envFile = join(manifestDir, 'env', `.env.${env}`);
const fileValues = existsSync(envFile) ? readEnvFile(envFile) : {};
if (!existsSync(envFile)) console.error(`note: ${envFile} not found; using the process environment only`);
// The process environment wins so CI can override the committed file without editing it.
const valueOf = (name) => {
  const v = process.env[name] ?? fileValues[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

const sources = { 'manifest.json': 'manifest.template.json', 'en.json': 'en.json' };
const templates = Object.fromEntries(
  Object.entries(sources).map(([out, src]) => [out, readFileSync(join(manifestDir, src), 'utf8')]));

const names = new Set();
for (const text of Object.values(templates)) for (const m of text.matchAll(placeholder)) names.add(m[1]);
const missing = [...names].filter((n) => valueOf(n) === undefined).sort();
if (missing.length > 0) {
  fail(`no value for ${missing.join(', ')} (set it in the environment or in ${envFile})`);
}
const host = valueOf('API_HOST');
if (host !== undefined && /[/\s]|:\/\//.test(host)) {
  fail(`API_HOST must be a bare host[:port] such as partnerhub.example.dk, not '${host}'`);
}

const guid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
for (const name of ['TEAMS_APP_ID', 'BOT_ID']) {
  const v = valueOf(name);
  if (v !== undefined && !guid.test(v)) fail(`${name} must be a GUID, not '${v}'`);
}

// Substitute inside parsed JSON strings so a value can never break the JSON structure.
function fill(node) {
  if (typeof node === 'string') return node.replace(placeholder, (_, n) => valueOf(n));
  if (Array.isArray(node)) return node.map(fill);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
  return node;
}

const outDir = join(manifestDir, 'build', env);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = [];
for (const [out, text] of Object.entries(templates)) {
  const filled = JSON.stringify(fill(JSON.parse(text)), null, 2) + '\n';
  // Belt and braces: a value must not itself smuggle in a placeholder or an unfilled token.
  const left = filled.match(/\$\{\{[^}]*\}\}/);
  if (left) fail(`placeholder ${left[0]} left in ${out}`);
  writeFileSync(join(outDir, out), filled);
  files.push(out);
}
for (const icon of ['color.png', 'outline.png']) {
  copyFileSync(join(manifestDir, icon), join(outDir, icon));
  files.push(icon);
}

const zipPath = join(manifestDir, 'build', `partnerhub-${env}.zip`);
rmSync(zipPath, { force: true });
const haveZip = (() => {
  if (process.env.PACKAGE_MANIFEST_NODE_ZIP === '1') return false; // lets the tests cover the fallback
  try { execFileSync('zip', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; }
})();
if (haveZip) {
  // -j: Teams wants every file at the archive root; -X: no extra attributes, steadier output.
  execFileSync('zip', ['-q', '-X', '-j', zipPath, ...files.map((f) => join(outDir, f))]);
} else {
  writeFileSync(zipPath, zip(files.map((f) => [f, readFileSync(join(outDir, f))])));
}
console.log(`wrote ${join('manifest', 'build', env)}/ and ${join('manifest', 'build', `partnerhub-${env}.zip`)}`);

// Minimal deflate ZIP writer (PKZIP 2.0 subset) for machines without the zip tool.
function zip(entries) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const dosDate = (1 << 5) | 1; // 1980-01-01: fixed so the archive is reproducible
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}
