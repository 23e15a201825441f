// Renders expanded Adaptive Card JSON files with the official adaptivecards renderer in headless Debian chromium
// (never a downloaded browser), at Teams' narrow widths, screenshots them, and reports what a person would see
// cut off or as a missing-glyph box.
// Usage: node render.js <reportFile> <jsonDir> <pngDir> [<jsonDir> <pngDir> ...]
// The report is a JSON array of findings, one per problem: { card, width, kind, what, text, detail }.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const hostConfig = require("./teams-host-config");

const [reportFile, ...pairs] = process.argv.slice(2);
if (!reportFile || pairs.length === 0 || pairs.length % 2 !== 0) {
  console.error("usage: node render.js <reportFile> <jsonDir> <pngDir> [<jsonDir> <pngDir> ...]");
  process.exit(2);
}

// Teams shows a bot's card about 450 px wide on the desktop and about 320 px on a phone.
const WIDTHS = [{ name: "desktop", px: 450 }, { name: "mobile", px: 320 }];

const acDist = path.dirname(require.resolve("adaptivecards/dist/adaptivecards.js"));
const bundle = fs.readFileSync(path.join(acDist, "adaptivecards.js"), "utf8");
const css = fs.readFileSync(path.join(acDist, "adaptivecards.css"), "utf8");
const teamsCss = fs.readFileSync(path.join(__dirname, "teams.css"), "utf8");

// Runs in the page: every button title and TextBlock whose text is wider than its box (ellipsised or clipped),
// and every glyph from the Unicode private use area (icon-font code points: a box when the font is absent).
function inspect() {
  const findings = [];
  const clipped = (el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
  for (const button of document.querySelectorAll("#card .ac-pushButton")) {
    const parts = [button, ...button.querySelectorAll("*")];
    const part = parts.find(clipped);
    if (part) {
      findings.push({ kind: "overflow", what: "button", text: button.textContent, detail: `${part.scrollWidth}px of text in ${part.clientWidth}px` });
    }
  }
  for (const block of document.querySelectorAll("#card .ac-textBlock")) {
    const parts = [block, ...block.querySelectorAll("*")];
    const part = parts.find(clipped);
    if (part) {
      findings.push({ kind: "overflow", what: "text", text: block.textContent, detail: `${part.scrollWidth}px of text in ${part.clientWidth}px` });
    }
    // maxLines clamps a wrapping block: lines past it are cut off.
    if (block.clientHeight > 0 && block.scrollHeight > block.clientHeight + 1) {
      findings.push({ kind: "overflow", what: "text", text: block.textContent, detail: `${block.scrollHeight}px of lines in ${block.clientHeight}px` });
    }
  }
  const privateUse = /[\uE000-\uF8FF]/;
  const codePoints = (s) => Array.from(s.match(/[\uE000-\uF8FF]/g)).map((c) => "U+" + c.codePointAt(0).toString(16).toUpperCase()).join(" ");
  for (const el of document.querySelectorAll("#card *")) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== "none" && privateUse.test(content)) {
        findings.push({ kind: "tofu", what: `${el.className}${pseudo}`, text: el.textContent, detail: `icon-font code point ${codePoints(content)}` });
      }
    }
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && privateUse.test(node.textContent)) {
        findings.push({ kind: "tofu", what: el.className, text: node.textContent, detail: `icon-font code point ${codePoints(node.textContent)} in text` });
      }
    }
  }
  return findings;
}

// Runs in the page: shows the card, then every Action.ShowCard's card in turn, and inspects each state.
function renderAndInspect({ payload, hostConfig }) {
  const host = document.getElementById("card");
  host.innerHTML = "";
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  card.parse(payload);
  const el = card.render();
  if (!el) return { error: "render returned nothing" };
  host.appendChild(el);
  const findings = inspect();
  const expandable = Array.from(host.querySelectorAll(".ac-pushButton.expandable"));
  for (const button of expandable) {
    button.click();
    findings.push(...inspect());
    button.click();
  }
  // The card's own elements are inspected again with each show-card open: report each problem once.
  const seen = new Set();
  return { findings: findings.filter((f) => { const key = JSON.stringify(f); return !seen.has(key) && seen.add(key); }) };
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.PARTNERHUB_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const report = [];
  let count = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 480, height: 400 }, deviceScaleFactor: 1 });
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}\n${teamsCss}</style></head>
      <body><div id="card"></div></body></html>`);
    await page.addScriptTag({ content: bundle });
    await page.addScriptTag({ content: `${inspect.toString()}\nwindow.renderAndInspect = ${renderAndInspect.toString()};` });
    await page.evaluate(() => document.fonts.ready);
    for (let i = 0; i < pairs.length; i += 2) {
      const [jsonDir, pngDir] = [pairs[i], pairs[i + 1]];
      fs.mkdirSync(path.join(pngDir, "mobile"), { recursive: true });
      const files = fs.readdirSync(jsonDir).filter((f) => f.endsWith(".json")).sort();
      for (const file of files) {
        const payload = JSON.parse(fs.readFileSync(path.join(jsonDir, file), "utf8"));
        const name = file.replace(/\.json$/, "");
        for (const width of WIDTHS) {
          await page.evaluate((px) => { document.getElementById("card").style.width = `${px}px`; }, width.px);
          const result = await page.evaluate((args) => window.renderAndInspect(args), { payload, hostConfig });
          if (result.error) throw new Error(`${file}: ${result.error}`);
          for (const finding of result.findings) report.push({ card: name, width: width.px, ...finding });
          const png = width.name === "desktop" ? path.join(pngDir, `${name}.png`) : path.join(pngDir, "mobile", `${name}.png`);
          await page.locator("#card").screenshot({ path: png });
        }
        count++;
      }
    }
  } finally {
    await browser.close();
  }
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
  console.log(`render: ${count} cards rendered at ${WIDTHS.map((w) => `${w.px}px`).join(" and ")}, ${report.length} findings`);
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
