// The node side of scripts/bench-templating.sh: times npm adaptivecards-templating on the same cards and data as the
// .NET engine. Usage: node time-expand.js <cases.json> <out.json>
// cases.json: [{ id, template, sample, strings, data }] as written by PartnerHub.Bench.Templating (data = sample + strings).
// Each case is timed twice, with the Template object built once and reused (the "parsed template reused" case):
//   expand: template.expand({ $root: data })                      (data already holds the strings)
//   render: template.expand({ $root: { ...sample, strings } })    (the merge CardCatalog.Render does, per call)
//   expandText / renderText: the same, then JSON.stringify          (the card as the JSON text a bot sends)
"use strict";
const fs = require("fs");
const ACData = require("adaptivecards-templating");

const [casesFile, outFile] = process.argv.slice(2);
if (!casesFile || !outFile) {
  console.error("usage: node time-expand.js <cases.json> <out.json>");
  process.exit(2);
}

// Warm up for about a second, size a batch to about 50 ms, then time 15 batches; report the medians (wall clock and
// process CPU per call) and the best.
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
  const cpuSamples = [];
  for (let b = 0; b < 15; b++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) {
      sink += fn() ? 1 : 0;
    }
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / perBatch);
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / perBatch);
  }
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);
  // CPU time of the whole process (GC included) per call: what a busy machine's waiting does not inflate.
  return { medianUs: samples[Math.floor(samples.length / 2)], bestUs: samples[0], cpuUs: cpuSamples[Math.floor(cpuSamples.length / 2)], perBatch, sink };
}

const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
// Every call warm before the first is timed (V8's optimising tiers, as the .NET side does for its JIT).
for (const c of cases) {
  const template = new ACData.Template(c.template);
  measure(() => template.expand({ $root: c.data }));
  measure(() => template.expand({ $root: { ...c.sample, strings: c.strings } }));
  measure(() => JSON.stringify(template.expand({ $root: c.data })));
  measure(() => JSON.stringify(template.expand({ $root: { ...c.sample, strings: c.strings } })));
}
const results = [];
for (const c of cases) {
  const template = new ACData.Template(c.template);
  const expanded = template.expand({ $root: c.data });
  const rendered = template.expand({ $root: { ...c.sample, strings: c.strings } });
  const expand = measure(() => template.expand({ $root: c.data }));
  const render = measure(() => template.expand({ $root: { ...c.sample, strings: c.strings } }));
  const expandText = measure(() => JSON.stringify(template.expand({ $root: c.data })));
  const renderText = measure(() => JSON.stringify(template.expand({ $root: { ...c.sample, strings: c.strings } })));
  results.push({
    id: c.id,
    expanded,
    sameAsRender: JSON.stringify(expanded) === JSON.stringify(rendered),
    expandUs: expand.medianUs,
    expandBestUs: expand.bestUs,
    renderUs: render.medianUs,
    renderBestUs: render.bestUs,
    expandCpuUs: expand.cpuUs,
    renderCpuUs: render.cpuUs,
    expandTextUs: expandText.medianUs,
    expandTextCpuUs: expandText.cpuUs,
    renderTextUs: renderText.medianUs,
    renderTextCpuUs: renderText.cpuUs,
  });
  console.log(`node ${c.id}: expand ${expand.medianUs.toFixed(2)} µs (CPU ${expand.cpuUs.toFixed(2)}), render ${render.medianUs.toFixed(2)} µs (CPU ${render.cpuUs.toFixed(2)}); as text: expand ${expandText.medianUs.toFixed(2)} µs (CPU ${expandText.cpuUs.toFixed(2)}), render ${renderText.medianUs.toFixed(2)} µs (CPU ${renderText.cpuUs.toFixed(2)})`);
}
fs.writeFileSync(outFile, JSON.stringify({ node: process.version, results }, null, 2));
