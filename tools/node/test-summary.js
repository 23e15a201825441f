// Reads the .trx files dotnet test wrote and prints, for the console: every failed test in full (name, message,
// stack trace, captured output), any run-level error (a crashed test host), a line for each test project that left
// no results, one line per project with its counts and time, and one closing line over all projects:
// "tests: N passed, N failed, N skipped".
// Usage: node test-summary.js <resultsDir> [<consoleLog>] [<expectedProject> ...]
"use strict";
const fs = require("fs");
const path = require("path");

const [dir, consoleLog, ...expected] = process.argv.slice(2);

const decode = (text) => text
  .replace(/&#x([0-9a-fA-F]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const attr = (tag, name) => { const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag); return m ? decode(m[1]) : ""; };
const element = (xml, name) => { const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml); return m ? decode(m[1]).trimEnd() : ""; };
const indent = (text) => text.split(/\r?\n/).map((line) => `    ${line}`).join("\n");

const files = dir && fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".trx")).sort() : [];
let passed = 0, failed = 0, skipped = 0;
const projects = new Set();
const perProject = [];
const blocks = [];
for (const file of files) {
  const xml = fs.readFileSync(path.join(dir, file), "utf8");
  const codeBase = /<TestMethod\b[^>]*\bcodeBase="([^"]*)"/.exec(xml);
  const project = codeBase ? path.basename(decode(codeBase[1])).replace(/\.dll$/i, "") : file;
  projects.add(project);
  const counters = /<Counters\b([^>]*)\/>/.exec(xml);
  if (counters) {
    const get = (name) => Number(attr(counters[1], name) || 0);
    const counts = { passed: get("passed"), failed: get("failed") + get("error") + get("timeout") + get("aborted"), skipped: get("notExecuted") };
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    const times = /<Times\b([^>]*)\/>/.exec(xml);
    const seconds = times ? Math.round((Date.parse(attr(times[1], "finish")) - Date.parse(attr(times[1], "start"))) / 1000) : NaN;
    const took = Number.isFinite(seconds) ? ` in ${Math.floor(seconds / 60)} min ${seconds % 60} s` : "";
    perProject.push(`${project}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${took}`);
  }
  for (const m of xml.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    const outcome = attr(m[1], "outcome");
    if (!/^(Failed|Error|Timeout|Aborted)$/.test(outcome)) continue;
    const body = m[2] || "";
    const parts = [`FAILED ${attr(m[1], "testName")} (${project}, ${attr(m[1], "duration")})`];
    for (const [label, name] of [["Message", "Message"], ["Stack trace", "StackTrace"], ["Output", "StdOut"], ["Error output", "StdErr"]]) {
      const text = element(body, name);
      if (text) parts.push(`  ${label}:\n${indent(text)}`);
    }
    blocks.push(parts.join("\n"));
  }
  // A crashed or aborted test host shows up here, not as a test result. xUnit also echoes each failed test
  // here ("[FAIL]"), which the block above already shows in full.
  for (const m of xml.matchAll(/<RunInfo\b([^>]*)>([\s\S]*?)<\/RunInfo>/g)) {
    const text = element(m[2], "Text");
    if (attr(m[1], "outcome") === "Error" && !/^\[xUnit\.net [\d:.]+\]\s+\S.*\[FAIL\]$/.test(text.trim())) {
      blocks.push(`RUN ERROR in ${project}:\n${indent(text)}`);
    }
  }
}

const missing = expected.filter((p) => !projects.has(p));
for (const project of missing) {
  blocks.push(`NO RESULTS from ${project}: its tests did not run or its test host crashed.`);
}
if ((missing.length > 0 || files.length === 0) && consoleLog && fs.existsSync(consoleLog)) {
  const tail = fs.readFileSync(consoleLog, "utf8").split(/\r?\n/).slice(-40).join("\n");
  blocks.push(`Last lines of ${consoleLog}:\n${indent(tail)}`);
}

if (blocks.length > 0) console.log(`\n${blocks.join("\n\n")}`);
if (consoleLog) console.log(`\nFull log: ${consoleLog}; results: ${dir}/*.trx`);
console.log("");
for (const line of perProject) console.log(line);
console.log(`${projects.size} test projects${expected.length > 0 ? ` of ${expected.length}` : ""}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || blocks.length > 0 || files.length === 0 || passed === 0 ? 1 : 0);
