// The node side of scripts/bench-templating.sh: times npm adaptivecards-templating on the same cards and data as the
// .NET engine. Usage: node time-expand.js <cases.json> <out.json>
// cases.json: [{ id, template, sample, strings, data }] as written by PartnerHub.Bench.Templating (data = sample + strings).
// Each case is timed twice, with the Template object built once and reused (the "parsed template reused" case):
//   expand: template.expand({ $root: data })                      (data already holds the strings)
//   render: template.expand({ $root: { ...sample, strings } })    (the merge CardCatalog.Render does, per call)
"use strict";
const fs = require("fs");
const ACData = require("adaptivecards-templating");

const [casesFile, outFile] = process.argv.slice(2);
if (!casesFile || !outFile) {
  console.error("usage: node time-expand.js <cases.json> <out.json>");
  process.exit(2);
}

// Warm up for about a second, size a batch to about 50 ms, then time 15 batches; report the median and the best.
function measure(fn) {
  let sink = 0;
  const warmEnd = process.hrtime.bigint() + 1_000_000_000n;
  let calls = 0;
  while (process.hrtime.bigint() < warmEnd) {
    sink += fn() ? 1 : 0;
    calls++;
  }
  const perBatch = Math.max(1, Math.round(calls / 20));
  const samples = [];
  for (let b = 0; b < 15; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) {
      sink += fn() ? 1 : 0;
    }
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / perBatch);
  }
  samples.sort((a, b) => a - b);
  return { medianUs: samples[Math.floor(samples.length / 2)], bestUs: samples[0], perBatch, sink };
}

const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
const results = [];
for (const c of cases) {
  const template = new ACData.Template(c.template);
  const expanded = template.expand({ $root: c.data });
  const rendered = template.expand({ $root: { ...c.sample, strings: c.strings } });
  const expand = measure(() => template.expand({ $root: c.data }));
  const render = measure(() => template.expand({ $root: { ...c.sample, strings: c.strings } }));
  results.push({
    id: c.id,
    expanded,
    sameAsRender: JSON.stringify(expanded) === JSON.stringify(rendered),
    expandUs: expand.medianUs,
    expandBestUs: expand.bestUs,
    renderUs: render.medianUs,
    renderBestUs: render.bestUs,
  });
  console.log(`node ${c.id}: expand ${expand.medianUs.toFixed(2)} µs, render ${render.medianUs.toFixed(2)} µs`);
}
fs.writeFileSync(outFile, JSON.stringify({ node: process.version, results }, null, 2));
