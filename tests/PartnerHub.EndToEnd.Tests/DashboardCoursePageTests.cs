using Microsoft.Playwright;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PartnerHub.EndToEnd.Tests.Infrastructure.PageChecks;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The tab's Kursus page in Chromium on the local demo (the course the demo seeds in Vollsmose), operated by keyboard
/// alone, with axe-core (npm, tools/node) as the accessibility referee at every step.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DashboardCoursePageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task Coordinator_opens_the_plan_and_records_attendance_for_a_held_session_by_keyboard_only_and_the_page_passes_axe()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder", Level = 2 })).ToBeVisibleAsync();

        await TabToAsync(page, "nav-course");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kursus", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#cohort-list")).ToContainTextAsync("Hold");
        // The coordinator's course settings are on the list page, open, with the demo's school holidays: axe checks them too.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kursusindstillinger", Level = 3 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Mindste fremmøde i procent (1–100)")).ToHaveValueAsync("75");
        await Expect(page.Locator("#holiday-0-kind")).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "course-list");

        await TabToAsync(page, "cohort-open-hold-2");
        await page.Keyboard.PressAsync("Enter");
        var plan = page.Locator("#course-plan");
        await Expect(plan).ToBeVisibleAsync();
        // The demo's running cohort has every state at a glance.
        foreach (var badge in new[] { "Afholdt", "Booket", "Venter på svar", "Ny dato foreslået", "Mangler underviser" })
        {
            await Expect(plan.Locator("[data-staffing]", new() { HasText = badge }).First).ToBeVisibleAsync();
        }

        await AssertNoAxeViolationsAsync(page, "course-plan");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts, "dashboard.3-course-plan.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("kursus-da.png"), FullPage = true });

        var held = await plan.Locator("tr[data-state=Held]").First.GetAttributeAsync("data-session-id");
        await TabToAsync(page, "attendance-" + held);
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator("#attendance-panel");
        await Expect(panel).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "attendance");

        // Leyla (p02): Tab reaches her group at the mark she has; the arrow key moves it to the next one.
        var marks = new[] { "Present", "Absent", "Excused" };
        var current = 0;
        while (!await page.Locator($"#mark-p02-{marks[current]}").IsCheckedAsync())
        {
            current++;
        }

        var next = marks[(current + 1) % marks.Length];
        await TabToAsync(page, $"mark-p02-{marks[current]}");
        await page.Keyboard.PressAsync(current == marks.Length - 1 ? "ArrowUp" : "ArrowDown");
        if (current == marks.Length - 1)
        {
            next = marks[current - 1];
        }

        await Expect(page.Locator($"#mark-p02-{next}")).ToBeCheckedAsync();
        await TabToAsync(page, "attendance-save");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#cohort-notice")).ToContainTextAsync("Fremmødet er gemt.");
        await Expect(panel).ToHaveCountAsync(0);
        await AssertNoAxeViolationsAsync(page, "attendance-saved");

        // Stored: the panel opened again shows her new mark.
        await TabToAsync(page, "attendance-" + held);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator($"#mark-p02-{next}")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts, "dashboard.4-course-attendance.png"), FullPage = true });

        // The same page in English, then Danish again for the other tests (the choice is remembered for Alex).
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Course", Level = 2 })).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "course-en");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("kursus-en.png"), FullPage = true });
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kursus", Level = 2 })).ToBeVisibleAsync();
    }
}
