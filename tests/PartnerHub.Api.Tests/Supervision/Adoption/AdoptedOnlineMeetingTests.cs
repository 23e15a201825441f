using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Supervision.MeetingAttendance;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// A Teams meeting made in Outlook arrives with its join link, so no Graph call of PartnerHub's updates its cards
/// afterwards: the look for its attendance report is planned when its cards are sent, like any new session's.
/// </summary>
public sealed class AdoptedOnlineMeetingTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly OutlookAdoptionHost _outlook = new(readsMeetingAttendance: true);

    public void Dispose() => _outlook.Dispose();

    [Fact]
    public async Task An_adopted_Teams_meeting_gets_its_attendance_look_planned_once_when_its_cards_are_sent()
    {
        await _outlook.SeedAsync();
        var graphEvent = _outlook.Event("AAMk-online");
        graphEvent["isOnlineMeeting"] = true;
        graphEvent["onlineMeetingProvider"] = "teamsForBusiness";
        graphEvent["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_adopted%40thread.v2/0" };
        _outlook.GivenEvent(graphEvent);
        await _outlook.NotifiedAsync("AAMk-online");
        var session = await _outlook.SessionOfAsync("AAMk-online");
        Assert.False(string.IsNullOrEmpty(session!.OnlineJoinUrl));
        Assert.DoesNotContain(await _outlook.OutboxAsync(), row => row.Kind == AttendanceChecks.Kind);

        var sendCards = Assert.Single(await _outlook.OutboxAsync(), row => row.Kind == SessionNotifications.SendCard);
        var handler = _outlook.Host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == SessionNotifications.SendCard);
        var delivery = new OutboxDelivery(_outlook.ProjectId, sendCards.RowKey, sendCards.Kind, sendCards.Payload, 1, DateTimeOffset.UtcNow);
        await handler.HandleAsync(delivery, CancellationToken.None);
        await handler.HandleAsync(delivery with { Attempt = 2 }, CancellationToken.None); // a retry plans nothing more

        var look = Assert.Single(await _outlook.OutboxAsync(), row => row.Kind == AttendanceChecks.Kind);
        Assert.Contains(session.Id, look.Payload, StringComparison.Ordinal);
    }
}
