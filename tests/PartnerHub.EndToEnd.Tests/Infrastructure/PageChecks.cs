using System.Text.Json;
using Microsoft.Playwright;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>What the tab's browser tests check on any page: axe-core's verdict, and that she gets there by keyboard alone.</summary>
public static class PageChecks
{
    /// <summary>axe-core's own rules (WCAG 2.x A/AA and best practices) on the page as it is now.</summary>
    public static async Task AssertNoAxeViolationsAsync(IPage page, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = Path.Combine(RepoPaths.NodeModules, "axe-core", "axe.min.js") });
        }

        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))");
        Assert.True(result.GetArrayLength() == 0, $"axe-core violations at {step}: {result}");
    }

    /// <summary>
    /// Presses Tab (as she would) until the element with <paramref name="id"/> has the focus; fails if the Tab order
    /// never reaches it. No clicks, no programmatic focus.
    /// </summary>
    public static async Task TabToAsync(IPage page, string id, int maxPresses = 150)
    {
        ArgumentNullException.ThrowIfNull(page);
        var visited = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement?.id");
            if (focused == id)
            {
                return;
            }

            visited.Add(string.IsNullOrEmpty(focused) ? "?" : focused);
            await page.Keyboard.PressAsync("Tab");
        }

        // The Tab order it went through, once each, says where the page lost or skipped the focus.
        Assert.Fail($"Tab never reached #{id} in {maxPresses} presses; it went through: {string.Join(", ", visited.Distinct())}");
    }

    /// <summary>Where a page's screenshot goes: artifacts/screenshots/, one per page and language.</summary>
    public static string ScreenshotPath(string fileName)
    {
        var directory = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
