using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Dashboard.Sessions;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Dashboard.Sessions;

/// <summary>
/// Correcting a cancelled session's comment in the tab (GDPR Art. 16), through the same service command as
/// PATCH …/sessions/{id}/cancellation; one host for the class, a project of its own per test.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class CancellationCommentFormTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => _tab.SeedAsync();

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task The_coordinator_corrects_the_comment_and_sees_it_as_stored()
    {
        var cancelled = await CancelledSessionAsync("Møde om sommerferien", "Fatimas mor er syg");
        var page = await OpenDetailAsync(cancelled, _tab.Coordinator.ObjectId);

        Assert.Contains("Fatimas mor er syg", page.Find("#cancel-comment").TextContent, StringComparison.Ordinal);
        page.WaitForElement("#comment-correct").Click();
        Assert.Equal(CancellationComment.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), page.WaitForElement("#comment-text").GetAttribute("maxlength"));
        Assert.Equal("Beskeden, som den skal stå", page.Find("label[for=comment-text]").TextContent);
        page.Find("#comment-text").Change("Mødet flyttes til efteråret");
        page.Find("#comment-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Beskeden er rettet.", page.Find("#detail-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Mødet flyttes til efteråret", page.Find("#cancel-comment").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#comment-form"));
        Assert.Equal("Mødet flyttes til efteråret", (await StoredAsync(cancelled)).CancellationComment);
    }

    [Fact]
    public async Task A_stale_form_shows_the_comment_as_it_is_now_and_overwrites_nothing()
    {
        var cancelled = await CancelledSessionAsync("Møde om skolestart", "Aflyst på grund af sygdom");
        var page = await OpenDetailAsync(cancelled, _tab.Coordinator.ObjectId);
        page.WaitForElement("#comment-correct").Click();
        page.WaitForElement("#comment-text").Change("Min rettelse");

        // Meanwhile someone else corrects it from the version both saw.
        var other = await _tab.Sessions.ChangeAsync(_tab.Coordinator, cancelled.Session.Id, cancelled.Session.Version, new CorrectCancellationComment("Den andens rettelse"), null, null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, other.Outcome);
        page.Find("#comment-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede mødet", page.Find("#detail-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Den andens rettelse", page.Find("#cancel-comment").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#comment-form"));
        Assert.Equal("Den andens rettelse", (await StoredAsync(cancelled)).CancellationComment);
    }

    [Fact]
    public async Task An_invited_mother_is_refused_in_English_and_nothing_changes()
    {
        var cancelled = await CancelledSessionAsync("Session about the holidays", "Original message");
        var page = await OpenDetailAsync(cancelled, TabScenario.MotherId, "en");
        page.WaitForElement("#comment-correct").Click();
        page.WaitForElement("#comment-text").Change("Her own words");
        page.Find("#comment-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("You are not allowed to do that.", page.Find("#detail-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal("Original message", (await StoredAsync(cancelled)).CancellationComment);
    }

    private async Task<StoredSession> CancelledSessionAsync(string title, string comment)
    {
        var planned = await _tab.CreateSessionAsync(title);
        var change = await _tab.Sessions.ChangeAsync(_tab.Coordinator, planned.Session.Id, planned.Session.Version, new CancelSession(comment), null, null, CancellationToken.None);
        return change.Current ?? throw new InvalidOperationException("Seed cancellation refused: " + change.Outcome);
    }

    private async Task<IRenderedComponent<SessionDetailView>> OpenDetailAsync(StoredSession session, string objectId, string language = "da")
    {
        _tab.Teams.Token = host.Host.TokenFor(objectId);
        // Signed in and on this test's project, as the page's project switch would put her (the personas are in every test's project).
        var identity = _tab.Context.Services.GetRequiredService<TabIdentity>();
        await identity.SignInAsync(CancellationToken.None);
        Assert.True(identity.ChooseProject(_tab.ProjectId));
        var project = (await host.Get<ProjectStore>().FindAsync(_tab.ProjectId, CancellationToken.None))!;
        var members = await host.Get<DirectoryStore>().MembersAsync(_tab.ProjectId, null, CancellationToken.None);
        var page = _tab.Context.Render<SessionDetailView>(parameters => parameters
            .Add(view => view.SessionId, session.Session.Id)
            .Add(view => view.Project, project)
            .Add(view => view.Members, members)
            .Add(view => view.Text, new DashboardStrings().For(language)));
        page.WaitForElement("#cancel-comment");
        return page;
    }

    private async Task<SupervisionSession> StoredAsync(StoredSession session) =>
        (await _tab.Sessions.ReadAsync(_tab.Coordinator, session.Session.Id, CancellationToken.None))!.Session;
}
