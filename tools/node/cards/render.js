// Renders expanded Adaptive Card JSON files to PNG with the official adaptivecards renderer in headless
// Debian chromium (never a downloaded browser). Usage: node render.js <jsonDir> <pngDir>
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [jsonDir, pngDir] = process.argv.slice(2);
if (!jsonDir || !pngDir) {
  console.error("usage: node render.js <jsonDir> <pngDir>");
  process.exit(2);
}

const acDist = path.dirname(require.resolve("adaptivecards/dist/adaptivecards.js"));
const bundle = fs.readFileSync(path.join(acDist, "adaptivecards.js"), "utf8");
const css = fs.readFileSync(path.join(acDist, "adaptivecards.css"), "utf8");

// Close to Teams' light theme: Segoe UI stack, Teams purple accent, compact spacing.
const hostConfig = {
  fontFamily: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E1DFDD" },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: "#FFFFFF", foregroundColors: {
      default: { default: "#242424", subtle: "#616161" }, accent: { default: "#6264A7", subtle: "#8B8CC7" },
      good: { default: "#237B4B", subtle: "#6BB700" }, warning: { default: "#835C00", subtle: "#C19C00" },
      attention: { default: "#C4314B", subtle: "#D13438" } } },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
  },
  actions: { maxActions: 6, spacing: "default", buttonSpacing: 8, showCard: { actionMode: "inline" }, actionsOrientation: "horizontal", actionAlignment: "left" },
  factSet: { title: { weight: "bolder", wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
};

(async () => {
  fs.mkdirSync(pngDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 500, height: 400 }, deviceScaleFactor: 1 });
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}
      body { margin: 0; background: #F5F5F5; font-family: 'Segoe UI', system-ui, sans-serif; }
      #card { width: 450px; margin: 12px; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.15); overflow: hidden; background: #fff; }
      .ac-pushButton { border: 1px solid #D1D1D1; background: #fff; border-radius: 4px; padding: 5px 12px; font-weight: 600; color: #242424; }
      input, textarea, select { border: 1px solid #D1D1D1; border-radius: 4px; padding: 4px; font-family: inherit; }
      </style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ content: bundle });
    const files = fs.readdirSync(jsonDir).filter((f) => f.endsWith(".json")).sort();
    for (const file of files) {
      const payload = JSON.parse(fs.readFileSync(path.join(jsonDir, file), "utf8"));
      const error = await page.evaluate(({ payload, hostConfig }) => {
        const host = document.getElementById("card");
        host.innerHTML = "";
        const card = new AdaptiveCards.AdaptiveCard();
        card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
        card.parse(payload);
        const el = card.render();
        if (!el) return "render returned nothing";
        host.appendChild(el);
        return null;
      }, { payload, hostConfig });
      if (error) throw new Error(`${file}: ${error}`);
      await page.locator("#card").screenshot({ path: path.join(pngDir, file.replace(/\.json$/, ".png")) });
    }
    console.log(`render: ${files.length} cards rendered`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
