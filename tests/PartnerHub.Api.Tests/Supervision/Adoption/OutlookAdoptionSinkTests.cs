using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Supervision.Adoption;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using static PartnerHub.Api.Tests.Supervision.Adoption.OutlookAdoptionHost;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// A meeting Alex makes in Outlook with the PartnerHub category, seen through Graph (the event read after a change
/// notification, and delta pages): adopted, followed through moves and attendee changes, ended, and applied once.
/// </summary>
public sealed class OutlookAdoptionSinkTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly OutlookAdoptionHost _outlook = new();

    public void Dispose() => _outlook.Dispose();

    [Fact]
    public async Task A_meeting_with_the_category_becomes_a_session_and_the_mothers_get_cards()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-adopt", acceptedBy: "adele@bydelsmor.dk"));

        await _outlook.NotifiedAsync("AAMk-adopt");

        var session = Assert.IsType<SupervisionSession>(await _outlook.SessionOfAsync("AAMk-adopt"));
        Assert.True(session.FromOutlook);
        Assert.Equal("Supervision i april", session.Title);
        Assert.Equal("Beboerhuset, lokale 2", session.Place);
        Assert.Equal(_outlook.Start, session.Start);
        Assert.Equal(Alex, session.OrganizerObjectId);
        Assert.Equal([Adele, Isra], session.Invitees.Select(i => i.ObjectId));
        Assert.Equal(Rsvp.Accepted, session.InviteeOf(Adele)!.Rsvp);
        Assert.Equal([Jette], session.OutsideAttendees);
        Assert.Equal(SessionEventKind.AdoptedFromOutlook, Assert.Single(session.History).Kind);

        var outbox = await _outlook.OutboxAsync();
        var cards = Assert.Single(outbox, row => row.Kind == SessionNotifications.SendCard);
        // Alex's own card and the mothers'; the health visitor is not in the directory and gets none.
        Assert.Equal([Alex, Adele, Isra], SessionNotifications.Read(cards.Payload).Recipients);
        Assert.Contains(outbox, row => row.Kind == SessionNotifications.Reminder);
        Assert.DoesNotContain(outbox, row => row.Kind == SessionNotifications.GraphCreate);
        Assert.DoesNotContain(outbox, row => row.Payload.Contains("Jette", StringComparison.Ordinal));
        // What adoption needs is asked for by name; the body is not.
        var select = GraphStub.Query(Assert.Single(_outlook.Graph.Requests("GET", $"/v1.0/users/{Alex}/events/AAMk-adopt")), "$select")!.Split(',');
        Assert.Subset(new HashSet<string>(select), new HashSet<string> { "categories", "subject", "location", "isOrganizer", "sensitivity", "type", "attendees" });
        Assert.DoesNotContain("body", select);
    }

    [Fact]
    public async Task The_same_event_seen_twice_by_notification_and_sweep_is_adopted_once()
    {
        await _outlook.SeedAsync();
        var graphEvent = _outlook.Event("AAMk-twice");
        _outlook.GivenEvent(graphEvent);

        await _outlook.NotifiedAsync("AAMk-twice");
        await _outlook.SweptAsync(graphEvent);
        await _outlook.NotifiedAsync("AAMk-twice");

        var session = await _outlook.SessionOfAsync("AAMk-twice");
        Assert.Equal(1, session!.Version);
        var outbox = await _outlook.OutboxAsync();
        Assert.Single(outbox, row => row.Kind == SessionNotifications.SendCard);
        Assert.DoesNotContain(outbox, row => row.Kind == SessionNotifications.UpdateCards);
    }

    [Fact]
    public async Task A_move_in_Outlook_moves_the_session_and_updates_the_cards()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-move", acceptedBy: "adele@bydelsmor.dk"));
        await _outlook.NotifiedAsync("AAMk-move");

        var later = _outlook.Start.AddDays(2).AddHours(3);
        _outlook.GivenEvent(_outlook.Event("AAMk-move", start: later));
        await _outlook.NotifiedAsync("AAMk-move");

        var session = await _outlook.SessionOfAsync("AAMk-move");
        Assert.Equal(later, session!.Start);
        Assert.Equal(later.AddHours(2), session.End);
        Assert.All(session.Invitees, i => Assert.Equal(Rsvp.None, i.Rsvp));
        Assert.Equal(new[] { SessionEventKind.AdoptedFromOutlook, SessionEventKind.UpdatedInOutlook }, session.History.Select(h => h.Kind));
        Assert.True(session.History[^1].TimesChanged);
        var outbox = await _outlook.OutboxAsync();
        Assert.Single(outbox, row => row.Kind == SessionNotifications.UpdateCards);
        Assert.Equal(2, outbox.Count(row => row.Kind == SessionNotifications.Reminder));
    }

    [Fact]
    public async Task An_attendee_added_in_Outlook_gets_a_card_and_one_removed_is_no_longer_invited()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-people", attendees: ["adele@bydelsmor.dk"]));
        await _outlook.NotifiedAsync("AAMk-people");

        _outlook.GivenEvent(_outlook.Event("AAMk-people", attendees: ["isra@bydelsmor.dk", "jette.hansen@sundhed.dk"]));
        await _outlook.SweptAsync(_outlook.Event("AAMk-people", attendees: ["isra@bydelsmor.dk", "jette.hansen@sundhed.dk"]));

        var session = await _outlook.SessionOfAsync("AAMk-people");
        Assert.Equal([Isra], session!.Invitees.Select(i => i.ObjectId));
        Assert.Equal([Jette], session.OutsideAttendees);
        var sent = (await _outlook.OutboxAsync()).Where(row => row.Kind == SessionNotifications.SendCard)
            .Select(row => SessionNotifications.Read(row.Payload).Recipients).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal([Alex, Adele], sent[0]);
        Assert.Equal([Isra], sent[1]);
        // Adele's card is no longer hers to answer: the session lists her nowhere.
        Assert.Empty(await _outlook.Sessions.ListAsync(_outlook.ProjectId, SessionStore.InviteeIndex(Adele), 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_mother_of_another_project_is_shown_as_outside_and_gets_no_card()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-karen", attendees: ["adele@bydelsmor.dk", "karen@bydelsmor.dk"]));

        await _outlook.NotifiedAsync("AAMk-karen");

        var session = await _outlook.SessionOfAsync("AAMk-karen");
        Assert.Equal([Adele], session!.Invitees.Select(i => i.ObjectId));
        Assert.Equal(["Karen"], session.OutsideAttendees);
        var cards = Assert.Single(await _outlook.OutboxAsync(), row => row.Kind == SessionNotifications.SendCard);
        Assert.DoesNotContain(Karen, SessionNotifications.Read(cards.Payload).Recipients!);
    }

    [Fact]
    public async Task Taking_the_category_off_ends_the_session_with_a_notice_on_the_cards()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-off"));
        await _outlook.NotifiedAsync("AAMk-off");

        _outlook.GivenEvent(_outlook.Event("AAMk-off", categories: ["Blå kategori"]));
        await _outlook.NotifiedAsync("AAMk-off");
        await _outlook.NotifiedAsync("AAMk-off");

        var session = await _outlook.SessionOfAsync("AAMk-off");
        Assert.Equal(SessionState.Cancelled, session!.State);
        Assert.Equal(SessionEventKind.EndedInOutlook, session.History[^1].Kind);
        var outbox = await _outlook.OutboxAsync();
        Assert.Single(outbox, row => row.Kind == SessionNotifications.UpdateCards);
        // The meeting stays in Outlook: PartnerHub cancels nothing there.
        Assert.DoesNotContain(outbox, row => row.Kind == SessionNotifications.GraphCancel);
    }

    [Fact]
    public async Task Deleting_the_meeting_ends_the_session()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-deleted"));
        await _outlook.NotifiedAsync("AAMk-deleted");

        await _outlook.SweptAsync(Removed("AAMk-deleted"));

        var session = await _outlook.SessionOfAsync("AAMk-deleted");
        Assert.Equal(SessionState.Cancelled, session!.State);
        Assert.Equal(SessionEventKind.CancelledInOutlook, session.History[^1].Kind);
        Assert.Single(await _outlook.OutboxAsync(), row => row.Kind == SessionNotifications.UpdateCards);
    }

    [Fact]
    public async Task A_private_appointment_with_the_category_and_no_mothers_invited_is_left_alone()
    {
        await _outlook.SeedAsync();
        var dentist = _outlook.Event("AAMk-private", attendees: [], subject: "Tandlæge", sensitivity: "private");
        _outlook.GivenEvent(dentist);

        await _outlook.NotifiedAsync("AAMk-private");
        await _outlook.SweptAsync(dentist);

        Assert.Null(await _outlook.SessionOfAsync("AAMk-private"));
        Assert.Empty(await _outlook.OutboxAsync());
    }

    [Theory]
    [InlineData("noCategory")]
    [InlineData("invitedByOthers")]
    [InlineData("recurring")]
    public async Task Meetings_that_are_not_hers_to_adopt_are_ignored(string why)
    {
        await _outlook.SeedAsync();
        var graphEvent = why switch
        {
            "noCategory" => _outlook.Event("AAMk-" + why, categories: []),
            "invitedByOthers" => _outlook.Event("AAMk-" + why, isOrganizer: false),
            _ => _outlook.Event("AAMk-" + why, type: "seriesMaster"),
        };
        _outlook.GivenEvent(graphEvent);

        await _outlook.NotifiedAsync("AAMk-" + why);

        Assert.Null(await _outlook.SessionOfAsync("AAMk-" + why));
        Assert.Empty(await _outlook.OutboxAsync());
    }

    [Fact]
    public async Task A_session_made_in_PartnerHub_is_not_ended_by_a_meeting_without_the_category()
    {
        await _outlook.SeedAsync();
        var template = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First(s => s.State == SessionState.Scheduled);
        var made = template with
        {
            Id = "s-madeinhub001",
            ProjectId = _outlook.ProjectId,
            OrganizerObjectId = Alex,
            CalendarEventId = "AAMk-hub",
            CalendarICalUId = "040000008200E00074C5B7101A82E008-AAMk-hub",
            Start = _outlook.Start,
            End = _outlook.Start.AddHours(2),
            Invitees = [],
        };
        await _outlook.Sessions.CreateAsync(made, "test|" + made.Id, [], CancellationToken.None);
        _outlook.GivenEvent(_outlook.Event("AAMk-hub", categories: []));

        await _outlook.NotifiedAsync("AAMk-hub");

        var session = await _outlook.SessionOfAsync("AAMk-hub");
        Assert.Equal(SessionState.Scheduled, session!.State);
        Assert.False(session.FromOutlook);
    }

    [Fact]
    public async Task A_coordinator_of_two_projects_is_asked_and_her_choice_adopts_it_there()
    {
        await _outlook.SeedAsync(alsoCoordinatesOther: true);
        _outlook.GivenEvent(_outlook.Event("AAMk-which"));

        await _outlook.NotifiedAsync("AAMk-which");

        Assert.Null(await _outlook.SessionOfAsync("AAMk-which"));
        Assert.Null(await _outlook.SessionOfAsync("AAMk-which", _outlook.OtherProjectId));
        var store = _outlook.Host.Services.GetRequiredService<OutlookAdoptionStore>();
        Assert.True(await store.WasAskedAsync(_outlook.ProjectId, "AAMk-which", CancellationToken.None));

        // She answers (card or Outlook pane): the mark, then the outbox row reads the event and adopts it.
        await _outlook.Host.Services.GetRequiredService<OutlookAdoptionService>().MarkAsync(_outlook.ProjectId, Alex, "AAMk-which", CancellationToken.None);
        await OutlookEventEndpointTests.DeliverAdoptRowsAsync(_outlook, _outlook.ProjectId);

        var session = await _outlook.SessionOfAsync("AAMk-which");
        Assert.NotNull(session);
        Assert.Equal([Adele, Isra], session.Invitees.Select(i => i.ObjectId));
        Assert.Null(await _outlook.SessionOfAsync("AAMk-which", _outlook.OtherProjectId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_coordinator_who_chose_twice_gets_it_in_the_project_she_chose_last(bool otherLast)
    {
        await _outlook.SeedAsync(alsoCoordinatesOther: true);
        // Adele is a mother in both projects, so either can have the meeting.
        await _outlook.Host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            RestHost.TenantId, new ProjectMember(Adele, _outlook.OtherProjectId, ProjectRole.NeighbourhoodMother, null, "Adele"), CancellationToken.None);
        _outlook.GivenEvent(_outlook.Event("AAMk-chosen-twice"));
        var adoption = _outlook.Host.Services.GetRequiredService<OutlookAdoptionService>();
        var (first, last) = otherLast ? (_outlook.ProjectId, _outlook.OtherProjectId) : (_outlook.OtherProjectId, _outlook.ProjectId);

        // First on the card, then she changes her mind in the Outlook pane, before the meeting was read.
        await adoption.MarkAsync(first, Alex, "AAMk-chosen-twice", CancellationToken.None);
        await adoption.MarkAsync(last, Alex, "AAMk-chosen-twice", CancellationToken.None);
        await _outlook.NotifiedAsync("AAMk-chosen-twice", first);

        Assert.NotNull(await _outlook.SessionOfAsync("AAMk-chosen-twice", last));
        Assert.Null(await _outlook.SessionOfAsync("AAMk-chosen-twice", first));
    }

    [Fact]
    public async Task Nothing_of_the_meeting_is_logged()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-logs", subject: "Supervision hos Adele"));

        await _outlook.NotifiedAsync("AAMk-logs");

        Assert.NotNull(await _outlook.SessionOfAsync("AAMk-logs"));
        Assert.DoesNotContain(_outlook.Host.Logs.Lines, line => line.Contains("Jette", StringComparison.Ordinal) || line.Contains("Supervision hos", StringComparison.Ordinal));
        Assert.DoesNotContain(_outlook.Graph.Logs.Lines, line => line.Contains("jette.hansen", StringComparison.Ordinal));
    }
}
