using System.Text.Json;
using Microsoft.Playwright;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The Outlook add-in pane in Chromium as the local demo serves it (/addin/pane.html with the demo mailbox and the demo
/// API group), with axe-core as the accessibility referee, in Danish and English. The "mark as session" answer and the
/// existing-session view are answered by Playwright routes: the demo sessions have no Outlook event, and the endpoint
/// that adopts a meeting belongs to the adoption feature.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class OutlookPanePageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task The_pane_runs_under_its_own_CSP_and_a_new_meeting_offers_her_project_then_says_it_is_on_its_way()
    {
        // First without bypassing the page's CSP: every script must load from PartnerHub itself.
        await using var strict = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK" });
        var page = await strict.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        await page.GotoAsync(Url("addin/pane.html"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gør mødet til supervision", Level = 2 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#project")).ToHaveValueAsync("vollsmose");
        Assert.Empty(blocked);

        // Then with axe-core injected (a test tool the page's CSP would rightly refuse).
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", BypassCSP = true });
        page = await context.NewPageAsync();
        await page.RouteAsync("**/addin/demo/api/projects/vollsmose/outlook-events/*", route => route.FulfillAsync(new() { Status = 202, ContentType = "application/json", Body = "{}" }));
        await page.GotoAsync(Url("addin/pane.html"));
        await Expect(page.Locator("#mark-title")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#demo-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "da");
        await PageChecks.AssertNoAxeViolationsAsync(page, "pane-new-da");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts, "outlook-pane.1-new.da.png"), FullPage = true });

        await page.Locator("#mark-session").ClickAsync();
        await Expect(page.Locator("#pane-notice")).ToContainTextAsync("Mødet er markeret");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mødet bliver til en supervision", Level = 2 })).ToBeVisibleAsync();
        await PageChecks.AssertNoAxeViolationsAsync(page, "pane-pending-da");
    }

    [Theory]
    [InlineData("da", "Fremmøde", "Gem fremmøde")]
    [InlineData("en", "Attendance", "Save attendance")]
    public async Task An_existing_session_shows_answers_attendance_and_minutes_and_passes_axe(string language, string attendanceHeading, string saveAttendance)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = language == "en" ? "en-GB" : "da-DK", BypassCSP = true });
        var page = await context.NewPageAsync();
        var version = 3;
        await page.RouteAsync("**/addin/demo/api/me/outlook-events/e2e-meeting/session", route => route.FulfillAsync(Session(version)));
        await page.RouteAsync("**/addin/demo/api/projects/vollsmose/sessions/demo-held/attendance", async route =>
        {
            Assert.Equal("\"3\"", route.Request.Headers["if-match"]);
            version = 4;
            await route.FulfillAsync(Session(version));
        });

        await page.GotoAsync(Url($"addin/pane.html?meeting=organizer&event=e2e-meeting&lang={language}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = attendanceHeading, Level = 2 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("#invitees li")).ToHaveCountAsync(2);
        await PageChecks.AssertNoAxeViolationsAsync(page, $"pane-session-{language}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts, $"outlook-pane.2-session.{language}.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = saveAttendance }).ClickAsync();
        await Expect(page.Locator("#pane-notice")).ToBeVisibleAsync();
        await PageChecks.AssertNoAxeViolationsAsync(page, $"pane-saved-{language}");
    }

    private string Url(string path) => new Uri(fixture.Api.BaseAddress, path).ToString();

    private static RouteFulfillOptions Session(int version) => new()
    {
        Status = 200,
        ContentType = "application/json",
        Headers = new Dictionary<string, string> { ["ETag"] = $"\"{version}\"" },
        Body = JsonSerializer.Serialize(new
        {
            projectId = "vollsmose",
            sessionId = "demo-held",
            version,
            title = "Erfaringsudveksling: åbent hus i beboerhuset",
            kind = "ExperienceExchange",
            state = "Held",
            start = "2026-11-26T16:00:00+00:00",
            end = "2026-11-26T18:00:00+00:00",
            place = "Bydelsmødrenes lokale i Vollsmose",
            isOnline = false,
            viewerRole = "coordinator",
            answers = new { accepted = 1, tentative = 0, declined = 0, notAnswered = 1 },
            invitees = new object[]
            {
                new { objectId = "00000000-0000-0000-0000-000000000022", name = "Adele", role = "NeighbourhoodMother", rsvp = "Accepted", attended = (bool?)true },
                new { objectId = "00000000-0000-0000-0000-000000000023", name = "Isaiah", role = "NeighbourhoodMother", rsvp = "None", attended = (bool?)null },
            },
            minutes = new { state = "none", url = (string?)null, documentName = (string?)null },
            canRecordAttendance = true,
            canWriteMinutes = true,
        }),
    };
}
