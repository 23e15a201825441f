using System.Net;
using System.Text.RegularExpressions;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>
/// The tab's page links the CSS its Fluent components are laid out by. Without the library's scoped-CSS bundle a
/// message bar (the demo banner, every notice) falls back to blocks: its icon alone on a line above its text.
/// </summary>
public sealed partial class DashboardStylesheetTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_page_loads_the_message_bar_layout_that_puts_the_icon_beside_the_text()
    {
        // Development: the host serves the packages' static web assets from the build's manifest, as run-local.sh does.
        using var host = new RestHost(environment: "Development");
        using var client = host.CreateClient();
        using var page = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var css = new List<string>();
        var pending = new Queue<string>(StylesheetLink().Matches(await page.Content.ReadAsStringAsync()).Select(m => "/" + m.Groups["href"].Value.TrimStart('/')));
        while (pending.TryDequeue(out var href) && css.Count < 10)
        {
            using var response = await client.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, href + " answered " + response.StatusCode + ": " + await response.Content.ReadAsStringAsync());
            var text = await response.Content.ReadAsStringAsync();
            css.Add(text);
            foreach (Match import in CssImport().Matches(text))
            {
                pending.Enqueue("/" + import.Groups["href"].Value.TrimStart('/'));
            }
        }

        var all = string.Join("\n", css);
        // Icon in the first grid column, the message in the second, on one row.
        Assert.Matches(@"\.fluent-messagebar\[b-[a-z0-9]+\]\s*\{[^}]*display:\s*grid;[^}]*grid-template-columns:", all);
        Assert.Matches(@"\.fluent-messagebar-icon\[b-[a-z0-9]+\]\s*\{[^}]*grid-column:\s*1", all);
        Assert.Matches(@"\.fluent-messagebar-message\[b-[a-z0-9]+\]\s*\{[^}]*grid-column:\s*2", all);
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>[^\"]+)\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StylesheetLink();

    [GeneratedRegex("@import\\s+(?:url\\()?['\"](?<href>[^'\"]+)['\"]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CssImport();
}
