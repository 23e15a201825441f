using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// A coordinator of two projects has one Graph subscription, made for the first. What Outlook reports through it is
/// routed by keyed reads (her memberships, then the event index of each project) to the project whose session it is.
/// The real host's sink, the directory and the sessions in Azurite.
/// </summary>
public sealed class OneSubscriptionTwoProjectsTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Coordinator = "c0a1b2c3-0000-4000-8000-0000000000c1";
    private const string OtherCoordinator = "c0a1b2c3-0000-4000-8000-0000000000c2";
    private readonly RestHost _host = new();
    private readonly string _first = "p" + UniqueIds.Next(10);
    private readonly string _second = "p" + UniqueIds.Next(10);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_change_in_Outlook_reaches_the_project_whose_session_it_is_and_no_other()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedProjectAsync(_first);
        await SeedProjectAsync(_second);
        var inFirst = await SeedSessionAsync(_first, "s-infirst00001", "AAMk-first", now.AddDays(3));
        var inSecond = await SeedSessionAsync(_second, "s-insecond0001", "AAMk-second", now.AddDays(4));
        var sink = _host.Services.GetRequiredService<ICalendarChangeSink>();

        // Her subscription was made for the first project: the notification carries that project as the hint.
        var moved = inSecond.Start.AddHours(1);
        await sink.ApplyAsync(_first, Coordinator, Snapshot("AAMk-second", moved), CancellationToken.None);

        Assert.Equal(moved, (await FindAsync(_second, inSecond.Id)).Start);
        Assert.Equal(inFirst, await FindAsync(_first, inFirst.Id)); // untouched

        // Her event in the first project still arrives there.
        await sink.ApplyAsync(_first, Coordinator, Snapshot("AAMk-first", inFirst.Start, cancelled: true), CancellationToken.None);
        Assert.Equal(SessionState.Cancelled, (await FindAsync(_first, inFirst.Id)).State);
        Assert.Equal(SessionState.Scheduled, (await FindAsync(_second, inSecond.Id)).State);
    }

    [Fact]
    public async Task Another_organisers_events_and_her_own_appointments_change_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedProjectAsync(_first);
        await SeedProjectAsync(_second);
        var inSecond = await SeedSessionAsync(_second, "s-insecond0002", "AAMk-second-2", now.AddDays(4));
        var sink = _host.Services.GetRequiredService<ICalendarChangeSink>();

        // A coordinator of the first project only (her subscription's project) cannot reach the second's session,
        // even with its event id: she does not coordinate it, and she is not its organiser.
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(OtherCoordinator, _first, ProjectRole.Coordinator, null, "Bente"), CancellationToken.None);
        await sink.ApplyAsync(_first, OtherCoordinator, Snapshot("AAMk-second-2", inSecond.Start, cancelled: true), CancellationToken.None);
        await sink.ApplyAsync(_first, Coordinator, Snapshot("her-dentist", now, cancelled: true), CancellationToken.None);

        Assert.Equal(inSecond, await FindAsync(_second, inSecond.Id));
    }

    private async Task SeedProjectAsync(string projectId)
    {
        await _host.Projects.UpsertAsync(new Project(projectId, "Projekt " + projectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Coordinator, projectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
    }

    private async Task<SupervisionSession> SeedSessionAsync(string projectId, string sessionId, string eventId, DateTimeOffset start)
    {
        var template = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First(s => s.State == SessionState.Scheduled);
        var session = template with
        {
            Id = sessionId,
            ProjectId = projectId,
            OrganizerObjectId = Coordinator,
            CalendarEventId = eventId,
            CalendarICalUId = "ical-" + eventId,
            Start = start,
            End = start.AddHours(2),
            Invitees = [],
            RsvpResetAt = start.AddDays(-10),
        };
        await _host.Services.GetRequiredService<SessionStore>().CreateAsync(session, "test|" + session.Id, [], CancellationToken.None);
        return session;
    }

    private async Task<SupervisionSession> FindAsync(string projectId, string sessionId) =>
        (await _host.Services.GetRequiredService<SessionStore>().FindAsync(projectId, sessionId, CancellationToken.None))!.Session;

    private static CalendarEventSnapshot Snapshot(string eventId, DateTimeOffset start, bool cancelled = false) =>
        new(eventId, "ical-" + eventId, start, start.AddHours(2), IsCancelled: cancelled, IsDeleted: false, new Dictionary<string, AttendeeResponse>());
}
