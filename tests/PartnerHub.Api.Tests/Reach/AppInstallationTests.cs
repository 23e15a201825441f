using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Reach;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Reach;

/// <summary>
/// Someone added to the directory gets PartnerHub installed through Graph (WireMock): 201 and 409 are success, 403 and
/// 404 put her on the coordinator's report with why (and her removal takes her off it), anything else is retried.
/// </summary>
public sealed class AppInstallationTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly Person Newcomer = new("29:newcomer", "3f2b8c1e-5d4a-4b7e-9c21-7a0d6e4f1b92", "a:chat-newcomer");
    private const string ReportTitle = "Hvem PartnerHub ikke kan nå";

    private readonly ReachHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.Scenario.SeedAsync();
        _host.GivenMember(Newcomer.ObjectId, "Nour");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_accepted_install_is_recorded_and_nobody_is_reported()
    {
        _host.GivenInstallAnswers(Newcomer.ObjectId, 201);

        await AddNewcomerAsync();
        await _host.DeliverAllAsync();

        Assert.Single(_host.InstallRequests(Newcomer.ObjectId));
        Assert.Equal(new ReachState(AppInstallOutcome.Installed, false, false), await _host.Reach.FindAsync(ProjectId, Newcomer.ObjectId, CancellationToken.None));
        Assert.Empty(Reports());
    }

    [Fact]
    public async Task Already_installed_409_is_success_and_nobody_is_reported()
    {
        _host.GivenInstallAnswers(Newcomer.ObjectId, 409);

        await AddNewcomerAsync();
        await _host.DeliverAllAsync();

        var state = await _host.Reach.FindAsync(ProjectId, Newcomer.ObjectId, CancellationToken.None);
        Assert.Equal(AppInstallOutcome.AlreadyInstalled, state.Install);
        Assert.Null(state.Reason);
        Assert.Empty(Reports());
        Assert.Empty(await _host.RowsAsync(ProjectId, OutboxKeys.Prefix));
    }

    [Fact]
    public async Task Blocked_by_policy_403_puts_her_on_the_coordinators_report_and_her_removal_takes_her_off()
    {
        _host.GivenInstallAnswers(Newcomer.ObjectId, 403);

        await AddNewcomerAsync();
        await _host.DeliverAllAsync();

        var report = Assert.Single(Reports());
        Assert.Equal("POST", report.Method);
        Assert.Contains("Nour (Bydelsmor)", Text(report.Card), StringComparison.Ordinal);
        Assert.Contains("PartnerHub er blokeret af en politik i Teams", Text(report.Card), StringComparison.Ordinal);

        var edit = Card(await _host.Scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId, ["objectId"] = Newcomer.ObjectId }));
        await _host.Scenario.ActAsync(Coordinator, DirectoryCardActions.RemoveMember, ActionData(edit, DirectoryCardActions.RemoveMember));
        await _host.DeliverAllAsync();

        var updated = Reports()[^1];
        Assert.Equal("PUT", updated.Method);
        Assert.DoesNotContain("Nour", Text(updated.Card), StringComparison.Ordinal);
        Assert.Contains("Alle i projektet kan nås nu", Text(updated.Card), StringComparison.Ordinal);
        Assert.Null((await _host.Reach.FindAsync(ProjectId, Newcomer.ObjectId, CancellationToken.None)).Install);
    }

    [Fact]
    public async Task No_Teams_404_is_reported_in_her_coordinators_language()
    {
        _host.GivenInstallAnswers(Newcomer.ObjectId, 404);
        await _host.Scenario.ChooseLanguageAsync(Coordinator, "en");

        await AddNewcomerAsync();
        await _host.DeliverAllAsync();

        var report = Assert.Single(_host.CardsIn(Coordinator.ConversationId), c => Text(c.Card).Contains("Who PartnerHub cannot reach", StringComparison.Ordinal));
        Assert.Contains("Nour (Neighbourhood mother)", Text(report.Card), StringComparison.Ordinal);
        Assert.Contains("No Teams licence, or not found", Text(report.Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_answer_is_left_to_the_outbox_to_retry_and_records_nothing()
    {
        _host.GivenInstallAnswers(Newcomer.ObjectId, 500);

        await AddNewcomerAsync();
        await _host.Scenario.DeliverAsync();

        var row = Assert.Single(await _host.RowsAsync(ProjectId, OutboxKeys.Prefix));
        Assert.Equal(DirectoryNotifications.MemberAddedKind, row.GetString(OutboxKeys.Kind));
        Assert.False(row.GetBoolean(OutboxKeys.Failed));
        Assert.Equal(1, row.GetInt32(OutboxKeys.Attempts));
        Assert.Equal(ReachState.Unknown, await _host.Reach.FindAsync(ProjectId, Newcomer.ObjectId, CancellationToken.None));
        Assert.Empty(Reports());
    }

    private List<(string Method, JsonObject Card)> Reports() =>
        _host.CardsIn(Coordinator.ConversationId).Where(c => Text(c.Card).Contains(ReportTitle, StringComparison.Ordinal)).ToList();

    private async Task AddNewcomerAsync()
    {
        var form = Card(await _host.Scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId }));
        var data = ActionData(form, DirectoryCardActions.SaveMember);
        data["objectId"] = Newcomer.ObjectId;
        data["firstName"] = "Nour";
        data["role"] = nameof(ProjectRole.NeighbourhoodMother);
        await _host.Scenario.ActAsync(Coordinator, DirectoryCardActions.SaveMember, data);
        Assert.NotNull(await _host.Bot.Services.GetRequiredService<DirectoryStore>().FindMemberAsync(ProjectId, Newcomer.ObjectId, CancellationToken.None));
    }
}
