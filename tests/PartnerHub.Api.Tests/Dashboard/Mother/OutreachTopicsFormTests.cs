using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bunit;
using PartnerHub.Api.Outreach;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Outreach;

namespace PartnerHub.Api.Tests.Dashboard.Mother;

/// <summary>
/// "Ret emner" in her outreach log (GDPR Art. 16): the tab corrects an entry's topics through OutreachCorrection, as
/// GET/PATCH …/outreach/{id}/topics does; one host for the class, a project per test.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class OutreachTopicsFormTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task She_corrects_the_topics_of_her_own_entry_and_the_list_shows_them()
    {
        var (project, entry, theme) = await LoggedAsync();
        var page = Open(project, entry);

        Assert.Equal("Emner I talte om (valgfrit)", page.Find("#topics-fieldset legend").TextContent.Trim());
        page.Find($"#topics-{theme}").Change(true);
        page.Find("#topics-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Emnerne er rettet.", page.Find("#topics-notice").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#topics-form"));
        var stored = await host.Get<OutreachStore>().FindAsync(project.ProjectId, entry.Id, CancellationToken.None);
        Assert.Equal([theme], stored!.Topics);
        Assert.Equal(entry.Version + 1, stored.Version);
    }

    [Fact]
    public async Task A_stale_correction_shows_the_entry_as_it_is_now_and_overwrites_nothing()
    {
        var (project, entry, theme) = await LoggedAsync();
        var page = Open(project, entry);
        page.Find($"#topics-{theme}").Change(true);

        // Meanwhile the coordinator corrects the same entry through REST from the version both read.
        var other = await host.Get<OutreachCorrection>().CorrectAsync(project.Coordinator, entry.Id, entry.Version, theme, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, other.Outcome);
        page.Find("#topics-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Kontakten blev ændret", page.Find("#topics-notice").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#topics-form"));
        var stored = await host.Get<OutreachStore>().FindAsync(project.ProjectId, entry.Id, CancellationToken.None);
        Assert.Equal([theme], stored!.Topics);
        Assert.Equal(entry.Version + 1, stored.Version);
    }

    [Fact]
    public async Task Another_mother_is_refused_her_entry_and_nothing_changes()
    {
        var (project, entry, theme) = await LoggedAsync();
        var other = new PartnerHub.Core.Partners.Actor(project.OtherMotherId, project.ProjectId, PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, null);

        var refused = await host.Get<OutreachCorrection>().CorrectAsync(other, entry.Id, entry.Version, theme, CancellationToken.None);

        Assert.Equal(ChangeOutcome.NotFound, refused.Outcome);
        Assert.Null(refused.Current);
        var stored = await host.Get<OutreachStore>().FindAsync(project.ProjectId, entry.Id, CancellationToken.None);
        Assert.Equal(entry.Topics, stored!.Topics);
    }

    private async Task<(SharedTabHost.OwnProject Project, OutreachEntry Entry, string Theme)> LoggedAsync()
    {
        var project = await host.OwnProjectAsync();
        var today = host.Get<OutreachLog>().Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var input = new OutreachFormInput { Date = today, Kind = nameof(OutreachKind.HomeVisit), Women = "2" };
        var logged = await host.Get<OutreachLog>().LogAsync(project.Mother, input, Guid.NewGuid().ToString("N"), CancellationToken.None);
        var themes = await host.Get<OutreachLog>().TopicsAsync(project.ProjectId, CancellationToken.None);
        return (project, logged.Entry!, themes.Themes[0].Id);
    }

    private IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> Open(SharedTabHost.OwnProject project, OutreachEntry entry)
    {
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();
        page.WaitForElement($"#topics-correct-{entry.Id}").Click();
        page.WaitForElement("#topics-form");
        return page;
    }
}
