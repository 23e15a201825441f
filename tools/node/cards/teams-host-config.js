// Close to Microsoft Teams' light theme, so screenshots and width checks see what a Teams user sees.
// Teams draws text in Segoe UI; where that is not installed (Linux, CI) Noto Sans stands in: it is a little wider,
// so a text that fits here fits in Teams too. DejaVu Sans is the last resort Debian always has.
"use strict";
const fontFamily = "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif";
const foreground = (main, subtle) => ({ default: main, subtle });

module.exports = {
  fontFamily,
  supportsInteractivity: true,
  fontTypes: {
    default: { fontFamily, fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 }, fontWeights: { lighter: 200, default: 400, bolder: 600 } },
    monospace: { fontFamily: "Consolas, 'Noto Sans Mono', 'DejaVu Sans Mono', monospace", fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 }, fontWeights: { lighter: 200, default: 400, bolder: 600 } },
  },
  spacing: { small: 8, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E1DFDD" },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: {
      backgroundColor: "#FFFFFF",
      foregroundColors: {
        default: foreground("#242424", "#616161"), dark: foreground("#242424", "#424242"), light: foreground("#FFFFFF", "#F5F5F5"),
        accent: foreground("#6264A7", "#8B8CC7"), good: foreground("#237B4B", "#6BB700"),
        warning: foreground("#835C00", "#C19C00"), attention: foreground("#C4314B", "#D13438"),
      },
    },
    emphasis: {
      backgroundColor: "#F5F5F5",
      foregroundColors: {
        default: foreground("#242424", "#616161"), accent: foreground("#6264A7", "#8B8CC7"), good: foreground("#237B4B", "#6BB700"),
        warning: foreground("#835C00", "#C19C00"), attention: foreground("#C4314B", "#D13438"),
      },
    },
  },
  actions: {
    maxActions: 6, spacing: "default", buttonSpacing: 8, showCard: { actionMode: "inline", inlineTopMargin: 16 },
    actionsOrientation: "horizontal", actionAlignment: "left", iconPlacement: "leftOfTitle",
  },
  factSet: { title: { weight: "bolder", wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
  textBlock: { headingLevel: 2 },
  inputs: { label: { inputSpacing: "small", requiredInputs: { weight: "bolder", suffix: " *" }, optionalInputs: { weight: "default" } } },
};
