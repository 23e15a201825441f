// Referee for PartnerHub's C# Adaptive Card templating engine.
// Usage: node referee.js <inputDir> <outputDir>
// Each <inputDir>/<name>.json is { "template": {...}, "data": {...} }. For each one this writes
// <outputDir>/<name>.json = { ok, expanded | error, warnings, parseEvents, validationEvents (each with its element's sourceId) }.
// One node process for the whole batch: jsdom and the bundles load once.
"use strict";
const fs = require("fs");
const path = require("path");

const [inputDir, outputDir] = process.argv.slice(2);
if (!inputDir || !outputDir) {
  console.error("usage: node referee.js <inputDir> <outputDir>");
  process.exit(2);
}

// adaptivecards' lib/ build is ESM-ish and breaks in node; the dist bundle wants a DOM.
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
global.window = dom.window;
global.document = dom.window.document;
global.HTMLElement = dom.window.HTMLElement;
global.navigator = dom.window.navigator;
const AC = require("adaptivecards/dist/adaptivecards.js");
const ACData = require("adaptivecards-templating");

const enumName = (enumObj, value) => (enumObj && enumObj[value] !== undefined ? enumObj[value] : value);

function validateCard(expanded) {
  const parseEvents = [];
  const validationEvents = [];
  if (expanded === null || typeof expanded !== "object" || Array.isArray(expanded)) {
    parseEvents.push({ event: "NotAnObject", message: "expanded template is not a JSON object" });
    return { parseEvents, validationEvents };
  }
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  try {
    card.parse(expanded, context);
  } catch (e) {
    parseEvents.push({ event: "Exception", message: String(e && e.message ? e.message : e) });
  }
  for (let i = 0; i < context.eventCount; i++) {
    const ev = context.getEventAt(i);
    parseEvents.push({ phase: enumName(AC.ValidationPhase, ev.phase), event: enumName(AC.ValidationEvent, ev.event), message: ev.message });
  }
  try {
    const results = card.validateProperties();
    for (const ev of results.validationEvents) {
      // sourceId: the element the event is about, so a check can accept a warning on exactly one input.
      const sourceId = ev.source && typeof ev.source.id === "string" ? ev.source.id : null;
      validationEvents.push({ phase: enumName(AC.ValidationPhase, ev.phase), event: enumName(AC.ValidationEvent, ev.event), message: ev.message, sourceId });
    }
  } catch (e) {
    validationEvents.push({ event: "Exception", message: String(e && e.message ? e.message : e) });
  }
  return { parseEvents, validationEvents };
}

fs.mkdirSync(outputDir, { recursive: true });
const files = fs.readdirSync(inputDir).filter((f) => f.endsWith(".json")).sort();
for (const file of files) {
  const input = JSON.parse(fs.readFileSync(path.join(inputDir, file), "utf8"));
  let result;
  try {
    const template = new ACData.Template(input.template);
    const expanded = template.expand({ $root: input.data });
    // undefined is not JSON; keep it distinguishable from null.
    result = { ok: true, expanded: expanded === undefined ? null : expanded, undefinedResult: expanded === undefined, warnings: template.getLastTemplateExpansionWarnings() };
    Object.assign(result, validateCard(expanded));
  } catch (e) {
    result = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  fs.writeFileSync(path.join(outputDir, file), JSON.stringify(result, null, 2));
}
console.log(`referee: ${files.length} inputs expanded`);
