using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bunit;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Dashboard.Mother;
using PartnerHub.Api.Outreach;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Outreach;

namespace PartnerHub.Api.Tests.Dashboard.Mother;

/// <summary>The neighbourhood mother's outreach log in the tab, on the real host: OutreachLog, its store and the month's counters.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class MotherOutreachTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    private DateOnly Today => host.Get<OutreachLog>().Today();

    [Fact]
    public async Task She_logs_a_contact_and_it_appears_in_her_list_and_the_months_counters()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Du har ikke logget nogen kontakter endnu.", page.Find("#outreach-empty").TextContent));
        Assert.Equal(Iso(Today), page.Find("#outreach-date").GetAttribute("value"));
        Assert.Equal("1", page.Find("#outreach-women").GetAttribute("value"));
        page.Find("#outreach-kind-Phone").Change("Phone");
        page.Find("#outreach-women-more").Click();
        page.Find("#outreach-women-more").Click();
        page.Find("#outreach-service-JobCentre").Change(true);
        page.Find("#outreach-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("telefon, 3 kvinder.", page.Find("#outreach-status").TextContent, StringComparison.Ordinal));
        var item = Assert.Single(page.FindAll("#outreach-list > li"));
        Assert.Equal("Jobcentret", item.QuerySelector("[data-field=services]")!.TextContent);
        var stored = Assert.Single((await host.Get<OutreachLog>().ListOwnAsync(project.Mother, 50, CancellationToken.None))!);
        Assert.Equal(stored.Id, item.GetAttribute("data-entry-id"));
        Assert.Equal((Today, OutreachKind.Phone, 3, project.MotherId), (stored.Date, stored.Kind, stored.Women, stored.MotherObjectId));
        Assert.Equal([OutreachService.JobCentre], stored.Services);
        var (month, _) = await host.Get<OutreachStore>().ReadMonthAsync(project.ProjectId, Today, CancellationToken.None);
        Assert.Equal((1, 3, 1), (month.Entries, month.Women, month.ByService[OutreachService.JobCentre]));

        // The next one is a fresh form with today's defaults.
        page.Find("#outreach-another").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("#outreach-women").GetAttribute("value")));
    }

    [Fact]
    public async Task Errors_are_shown_beside_their_fields_in_the_cards_words_and_nothing_is_stored()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();

        page.WaitForElement("#outreach-women").Change("0");
        page.Find("#outreach-date").Change(Iso(Today.AddDays(1)));
        page.Find("#outreach-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Skriv et helt tal fra 1 til 50.", page.Find("#outreach-women-error").TextContent));
        Assert.Equal("Datoen kan ikke ligge i fremtiden.", page.Find("#outreach-date-error").TextContent);
        Assert.Equal("true", page.Find("#outreach-women").GetAttribute("aria-invalid"));
        Assert.Equal("outreach-women-error", page.Find("#outreach-women").GetAttribute("aria-describedby"));
        Assert.NotNull(page.Find("#outreach-error-summary"));
        Assert.Empty((await host.Get<OutreachLog>().ListOwnAsync(project.Mother, 50, CancellationToken.None))!);
        Assert.Equal(0, (await host.Get<OutreachStore>().ReadMonthAsync(project.ProjectId, Today, CancellationToken.None)).Month.Entries);
    }

    [Fact]
    public async Task Pressing_log_twice_logs_one_contact()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();

        var form = page.WaitForElement("#outreach-form");
        var first = form.SubmitAsync();
        var second = form.SubmitAsync();
        await Task.WhenAll(first, second);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#outreach-list > li")));
        Assert.Single((await host.Get<OutreachLog>().ListOwnAsync(project.Mother, 50, CancellationToken.None))!);
        Assert.Equal(1, (await host.Get<OutreachStore>().ReadMonthAsync(project.ProjectId, Today, CancellationToken.None)).Month.Entries);
    }

    [Fact]
    public async Task She_never_sees_another_mothers_entries()
    {
        var project = await host.OwnProjectAsync();
        var input = new OutreachFormInput { Date = Iso(Today), Kind = nameof(OutreachKind.OpenHouse), Women = "7" };
        var others = new PartnerHub.Core.Partners.Actor(project.OtherMotherId, project.ProjectId, PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, null);
        var isras = await host.Get<OutreachLog>().LogAsync(others, input, Guid.NewGuid().ToString("N"), CancellationToken.None);
        var hers = await host.Get<OutreachLog>().LogAsync(project.Mother, input with { Kind = nameof(OutreachKind.HomeVisit), Women = "2" }, Guid.NewGuid().ToString("N"), CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);

        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal(hers.Entry!.Id, Assert.Single(page.FindAll("#outreach-list > li")).GetAttribute("data-entry-id")));
        Assert.DoesNotContain(isras.Entry!.Id, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("7 kvinder", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task She_who_chose_English_logs_in_English()
    {
        var project = await host.OwnProjectAsync();
        await host.Get<LanguageResolver>().RememberForMemberAsync(project.ProjectId, project.MotherId, Languages.English, CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();

        page.WaitForElement("#outreach-form");
        Assert.Equal("Log a contact", page.Find("#outreach-heading").TextContent);
        Assert.Equal("Your recent contacts", page.Find("#outreach-recent-heading").TextContent);
        Assert.Contains("Home visit", page.Find("#outreach-kind").TextContent, StringComparison.Ordinal);
        page.Find("#outreach-women").Change("51");
        page.Find("#outreach-form").Submit();
        page.WaitForAssertion(() => Assert.Equal("Enter a whole number from 1 to 50.", page.Find("#outreach-women-error").TextContent));

        page.Find("#outreach-women").Change("2");
        page.Find("#outreach-form").Submit();
        page.WaitForAssertion(() => Assert.Contains("home visit, 2 women.", page.Find("#outreach-status").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_coordinators_tab_has_no_outreach_form()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.CoordinatorId);

        var page = _tab.RenderPage();

        page.WaitForElement("#sessions-heading");
        Assert.Empty(page.FindComponents<MotherOutreachView>());
        Assert.Empty(page.FindAll("#outreach-form"));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
