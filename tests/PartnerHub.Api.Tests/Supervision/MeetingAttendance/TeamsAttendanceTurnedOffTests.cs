using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision.MeetingAttendance;

/// <summary>
/// With Graph but without <c>Graph:ReadsMeetingAttendance</c> (the default), PartnerHub never asks Teams for the
/// attendance report, and the coordinator's card says attendance is entered by hand once an online session has ended.
/// </summary>
public sealed class TeamsAttendanceTurnedOffTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly OnlineSessionScenario _online = new();

    public Task InitializeAsync() => _online.InitializeAsync("AAMkAD-off-1", "https://teams.microsoft.com/l/meetup-join/off");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _online.Dispose();

    [Fact]
    public async Task No_report_is_asked_for_and_the_card_asks_for_attendance_by_hand()
    {
        await _online.CreateOnlineSessionAsync(Mother.ObjectId);
        var store = _online.Host.Services.GetRequiredService<SessionStore>();
        var stored = Assert.Single(await store.ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None));

        _online.Time.SetUtcNow(stored.Session.End.AddHours(20));
        await _online.Scenario.DeliverAsync();

        Assert.DoesNotContain(_online.Graph.Requests(), r => r.AbsolutePath.Contains("/onlineMeetings", StringComparison.Ordinal));
        var after = (await store.FindAsync(ProjectId, stored.Session.Id, CancellationToken.None))!;
        Assert.Null(after.Session.TeamsAttendance);
        var card = await _online.Host.Services.GetRequiredService<SessionViews>().CardForAsync(
            new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null), after, "da", null, null, CancellationToken.None);
        Assert.Contains("så fremmødet skal registreres i hånden", Text(card!), StringComparison.Ordinal);
    }
}
