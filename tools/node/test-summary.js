// Sums the .trx files dotnet test wrote into one closing line: "tests: N passed, N failed, N skipped".
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".trx")) : [];
let passed = 0, failed = 0, skipped = 0;
for (const file of files) {
  const xml = fs.readFileSync(path.join(dir, file), "utf8");
  const counters = /<Counters\b([^>]*)\/>/.exec(xml);
  if (!counters) continue;
  const get = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [0, 0])[1]);
  passed += get("passed");
  failed += get("failed") + get("error") + get("timeout") + get("aborted");
  skipped += get("notExecuted");
}
console.log(`\n${files.length} test projects`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || files.length === 0 || passed === 0 ? 1 : 0);
