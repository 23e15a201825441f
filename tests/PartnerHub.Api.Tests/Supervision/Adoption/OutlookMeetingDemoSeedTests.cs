using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Supervision.Adoption;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>The local demo's meeting made in Outlook: adopted through the local calendar, once, and marked on Alex's card.</summary>
public sealed class OutlookMeetingDemoSeedTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly RestHost _host = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_demo_meeting_from_Outlook_is_adopted_once_and_her_card_says_where_it_came_from()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in DemoData.Members)
        {
            await directory.UpsertMemberAsync(DemoData.Vollsmose.TenantId!, member, CancellationToken.None);
        }

        var calendar = _host.Services.GetRequiredService<ICalendarGateway>();
        Assert.IsType<LocalCalendarGateway>(calendar);
        var sessions = _host.Services.GetRequiredService<SessionStore>();
        var seed = new OutlookMeetingDemoSeed(calendar, _host.Services.GetRequiredService<OutlookAdoptionSink>(), sessions);
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(1, await seed.SeedAsync(now, CancellationToken.None));
        Assert.Equal(0, await seed.SeedAsync(now, CancellationToken.None));

        var stored = Assert.Single(await sessions.ListAsync(DemoData.Vollsmose.Id, SessionStore.ByTime, 40, CancellationToken.None), s => s.Session.FromOutlook);
        var session = stored.Session;
        Assert.Equal([DemoData.MotherAdele.ObjectId, DemoData.MotherIsaiah.ObjectId], session.Invitees.Select(i => i.ObjectId));
        Assert.Equal([OutlookMeetingDemoSeed.OutsideName], session.OutsideAttendees);
        Assert.Equal(9, (session.LocalDate.DayNumber - Core.Localization.CopenhagenTime.DateOf(now).DayNumber));

        var views = _host.Services.GetRequiredService<SessionViews>();
        var coordinatorCard = (await views.CardForAsync(Actor.From(DemoData.Coordinator), stored, "da", null, null, CancellationToken.None))!.ToJsonString();
        Assert.Contains("Oprettet i Outlook", coordinatorCard, StringComparison.Ordinal);
        Assert.Contains("Jette Hansen (Sundhedsplejen)", coordinatorCard, StringComparison.Ordinal);
        var englishCard = (await views.CardForAsync(Actor.From(DemoData.Coordinator), stored, "en", null, null, CancellationToken.None))!.ToJsonString();
        Assert.Contains("Created in Outlook", englishCard, StringComparison.Ordinal);

        // The mothers see their session card; the names of outside people are for the coordinator only.
        var mothersCard = (await views.CardForAsync(Actor.From(DemoData.MotherAdele), stored, "da", null, null, CancellationToken.None))!.ToJsonString();
        Assert.DoesNotContain("Jette", mothersCard, StringComparison.Ordinal);
        Assert.Contains(session.Title, mothersCard, StringComparison.Ordinal);
    }
}
