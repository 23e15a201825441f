using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Tests.Dashboard.Course;

/// <summary>The Kursus page's course settings section in bUnit on the real host: the real services on Azurite, the real token check.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class CourseSettingsPanelTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task The_coordinator_saves_the_rule_the_reminders_and_a_holiday_and_a_reload_shows_them()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = OpenSettings();
        Assert.Equal("Kursusindstillinger", page.Find("#settings-heading").TextContent);
        // A project that never saved any shows the defaults.
        Assert.Equal("75", page.Find("#settings-minimum-percent").GetAttribute("value"));
        Assert.NotNull(page.Find("#settings-no-holidays"));

        page.Find("#settings-minimum-percent").Change("80");
        page.Find("#settings-excused").Change(true);
        page.Find("#settings-remind-after").Change("4");
        page.Find("#settings-escalate-after").Change("3");
        page.Find("#settings-holiday-add").Click();
        page.WaitForElement("#holiday-0-kind").Change(nameof(SchoolHolidayKind.Autumn));
        page.Find("#holiday-0-from").Change("2027-10-16");
        page.Find("#holiday-0-to").Change("2027-10-24");
        page.Find("#course-settings form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Indstillingerne er gemt.", page.Find("#settings-notice").TextContent, StringComparison.Ordinal));
        var stored = (await host.Get<CourseSettingsStore>().GetAsync(own.ProjectId, CancellationToken.None)).Settings;
        Assert.Equal(new CompletionRule(80, true), stored.Completion);
        Assert.Equal(new BookingReminderPolicy(4, 3), stored.Reminders);
        Assert.Equal([new SchoolHoliday(SchoolHolidayKind.Autumn, new DateOnly(2027, 10, 16), new DateOnly(2027, 10, 24))], stored.SchoolHolidays.Holidays);
        Assert.Empty(stored.Catalogue.Themes);

        var reloaded = OpenSettings();
        Assert.Equal("80", reloaded.Find("#settings-minimum-percent").GetAttribute("value"));
        Assert.True(reloaded.Find("#settings-excused").HasAttribute("checked"));
        Assert.Equal("4", reloaded.Find("#settings-remind-after").GetAttribute("value"));
        Assert.Equal("3", reloaded.Find("#settings-escalate-after").GetAttribute("value"));
        Assert.Equal("Efterårsferie", reloaded.Find("#holiday-0-kind option[selected]").TextContent);
        Assert.Equal("2027-10-16", reloaded.Find("#holiday-0-from").GetAttribute("value"));
        Assert.Equal("2027-10-24", reloaded.Find("#holiday-0-to").GetAttribute("value"));
        Assert.Contains("kun for hold, der oprettes herefter", reloaded.Find("#settings-holidays-hint").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_holiday_ending_before_it_starts_is_an_error_beside_its_end_date_and_nothing_is_stored()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = OpenSettings();

        page.Find("#settings-minimum-percent").Change("90");
        page.Find("#settings-holiday-add").Click();
        page.WaitForElement("#holiday-0-kind").Change(nameof(SchoolHolidayKind.Winter));
        page.Find("#holiday-0-from").Change("2027-02-20");
        page.Find("#holiday-0-to").Change("2027-02-12");
        page.Find("#course-settings form").Submit();

        // The text is the cards' (course.formErrors.invalidRange), beside the end date that the input points to.
        page.WaitForAssertion(() => Assert.Equal(
            "Perioden skal slutte efter, den begynder, og må ikke være længere end en skoleferie.",
            page.Find("#holiday-0-to ~ .ph-error").TextContent));
        var to = page.Find("#holiday-0-to");
        Assert.Equal("true", to.GetAttribute("aria-invalid"));
        Assert.Equal(page.Find("#holiday-0-to ~ .ph-error").Id, to.GetAttribute("aria-describedby"));
        Assert.Null(page.Find("#settings-minimum-percent").GetAttribute("aria-invalid"));
        Assert.Equal("2027-02-12", to.GetAttribute("value"));
        var stored = await host.Get<CourseSettingsStore>().GetAsync(own.ProjectId, CancellationToken.None);
        Assert.Null(stored.ETag);
        Assert.Equal(CourseSettings.Default.Completion, stored.Settings.Completion);
        Assert.Empty(stored.Settings.SchoolHolidays.Holidays);
    }

    [Fact]
    public async Task The_service_itself_refuses_an_invalid_range_and_writes_nothing()
    {
        var own = await host.OwnCourseAsync();
        var bad = CourseSettings.Default with
        {
            Completion = new CompletionRule(60),
            SchoolHolidays = new SchoolHolidayCalendar([new SchoolHoliday(SchoolHolidayKind.Winter, new DateOnly(2027, 2, 20), new DateOnly(2027, 2, 12))]),
        };

        var result = await host.Get<CourseService>().SaveSettingsAsync(own.Coordinator, bad, null, CancellationToken.None);

        Assert.Equal(ChangeOutcome.InvalidInput, result.Outcome);
        Assert.Equal(CourseErrors.InvalidRange, result.Errors["schoolHolidays.holidays[0]"]);
        Assert.Null((await host.Get<CourseSettingsStore>().GetAsync(own.ProjectId, CancellationToken.None)).ETag);
    }

    [Fact]
    public async Task Unreadable_numbers_and_a_missing_date_are_errors_beside_their_fields_in_her_words_and_nothing_is_stored()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = OpenSettings();

        page.Find("#settings-minimum-percent").Change("0");
        page.Find("#settings-remind-after").Change("tre");
        page.Find("#settings-holiday-add").Click();
        page.WaitForElement("#holiday-0-kind").Change(nameof(SchoolHolidayKind.Easter));
        page.Find("#holiday-0-to").Change("2027-03-29");
        page.Find("#course-settings form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Skriv en procent mellem 1 og 100.", page.Find("#settings-minimum-percent ~ .ph-error").TextContent));
        Assert.Equal("Skriv et antal dage mellem 1 og 30.", page.Find("#settings-remind-after ~ .ph-error").TextContent);
        Assert.Equal("Skal udfyldes.", page.Find("#holiday-0-from ~ .ph-error").TextContent);
        Assert.Empty(page.FindAll("#holiday-0-to ~ .ph-error"));
        Assert.Empty(page.FindAll("#settings-escalate-after ~ .ph-error"));
        Assert.Null((await host.Get<CourseSettingsStore>().GetAsync(own.ProjectId, CancellationToken.None)).ETag);
    }

    [Fact]
    public async Task A_save_from_settings_changed_meanwhile_shows_the_conflict_and_the_current_settings_and_overwrites_nothing()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = OpenSettings();

        // Meanwhile, over REST or in another tab, the rule is changed.
        var theirs = CourseSettings.Default with { Completion = new CompletionRule(60) };
        Assert.Equal(ChangeOutcome.Changed, (await host.Get<CourseService>().SaveSettingsAsync(own.Coordinator, theirs, null, CancellationToken.None)).Outcome);

        page.Find("#settings-minimum-percent").Change("90");
        page.Find("#course-settings form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede indstillingerne", page.Find("#settings-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal("60", page.Find("#settings-minimum-percent").GetAttribute("value"));
        Assert.Equal(theirs.Completion, (await host.Get<CourseSettingsStore>().GetAsync(own.ProjectId, CancellationToken.None)).Settings.Completion);

        // Shown as stored now, with its ETag: her change made again is saved.
        page.Find("#settings-minimum-percent").Change("90");
        page.Find("#course-settings form").Submit();
        page.WaitForAssertion(() => Assert.Contains("Indstillingerne er gemt.", page.Find("#settings-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal(90, (await host.Get<CourseSettingsStore>().GetAsync(own.ProjectId, CancellationToken.None)).Settings.Completion.MinimumPercent);
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("mother")]
    public void A_teacher_or_a_mother_sees_no_settings_section(string who)
    {
        _tab.Teams.Token = host.Host.TokenFor(who == "teacher" ? DemoData.TeacherLidia.ObjectId : DemoData.MotherAdele.ObjectId);
        var page = _tab.RenderPage();

        // The teacher has no tab; the mother has her own page ("Mine kvinder") and nothing of the coordinator's.
        page.WaitForElement(who == "teacher" ? "#access-heading" : "#mother-heading");
        Assert.Empty(page.FindAll("#course-settings"));
        Assert.Empty(page.FindAll("#settings-minimum-percent"));
    }

    [Fact]
    public async Task Someone_who_chose_English_gets_the_section_in_English()
    {
        var own = await host.OwnCourseAsync();
        await host.Get<LanguageResolver>().RememberForMemberAsync(own.ProjectId, own.CoordinatorId, Languages.English, CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-course").Click();
        page.WaitForElement("#course-settings");

        Assert.Equal("Course settings", page.Find("#settings-heading").TextContent);
        Assert.Equal("Minimum attendance in percent (1–100)", page.Find("label[for=settings-minimum-percent]").TextContent);
        Assert.Equal("Save settings", page.Find("#settings-save").TextContent.Trim());
        page.Find("#settings-holiday-add").Click();
        // The row is there once the click has been dispatched and rendered, which can wait behind a render on its way.
        page.WaitForAssertion(() => Assert.Equal(
            ["Choose a holiday", "Autumn holiday", "Christmas holiday", "Winter holiday", "Easter holiday", "Summer holiday"],
            page.FindAll("#holiday-0-kind option").Select(o => o.TextContent).ToArray()));
        Assert.Contains("only applies to cohorts created from now on", page.Find("#course-settings #settings-holidays-hint").TextContent, StringComparison.Ordinal);
        // Every input has its label.
        foreach (var input in page.FindAll("#course-settings input, #course-settings select"))
        {
            Assert.NotNull(page.Find($"#course-settings label[for='{input.Id}']"));
        }
    }

    private IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> OpenSettings()
    {
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-course").Click();
        page.WaitForElement("#course-settings");
        return page;
    }
}
