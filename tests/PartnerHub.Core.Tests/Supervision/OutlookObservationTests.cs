using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

/// <summary>Changes observed in Outlook: applied once, and the same observation again is "no change".</summary>
public class OutlookObservationTests
{
    private static readonly DateTimeOffset Later = Now.AddHours(1);

    public static TheoryData<string, string> ObservationsByState
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var observation in new[] { "Moved", "MovedIntoThePast", "Cancelled", "Response", "ResponseWithTime", "Created" })
            {
                foreach (var state in new[] { "Scheduled", "Answered", "Held", "Cancelled" })
                {
                    data.Add(observation, state);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ObservationsByState))]
    public void Every_observation_is_idempotent(string observation, string state)
    {
        var session = SessionIn(state);
        var o = Observation(observation);

        var first = SessionWorkflow.ApplyFromOutlook(session, o, Later);
        Assert.True(first.Succeeded);
        var second = SessionWorkflow.ApplyFromOutlook(first.Session!, o, Later.AddMinutes(5));

        Assert.True(second.Succeeded);
        Assert.False(second.Changed, $"{observation} on {state} changed twice");
        Assert.Equal(first.Session, second.Session);
    }

    [Fact]
    public void A_move_in_outlook_moves_the_session_and_resets_the_answers()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Answered(), new OutlookMoved(Start.AddDays(1), End.AddDays(1)), Later);

        Assert.True(result.Changed);
        Assert.Equal((Start.AddDays(1), End.AddDays(1)), (result.Session!.Start, result.Session.End));
        Assert.Equal(TimeSpan.Zero, result.Session.Start.Offset);
        Assert.All(result.Session.Invitees, i => Assert.Equal((Rsvp.None, (DateTimeOffset?)null), (i.Rsvp, i.RespondedAt)));
        Assert.Equal(new SessionEvent(SessionEventKind.MovedInOutlook, Later, ProjectRole.Coordinator), result.Session.History[^1]);
        Assert.Equal(Answered().Version + 1, result.Session.Version);
    }

    [Fact]
    public void The_echo_of_a_move_made_on_the_card_is_no_change()
    {
        var moved = SessionWorkflow.Apply(Answered(), SessionWorkflowTests.Edit(Answered(), start: Start.AddDays(1)), Coordinator, Now).Session!;

        var echo = SessionWorkflow.ApplyFromOutlook(moved, new OutlookMoved(moved.Start.ToOffset(Cest), moved.End.ToOffset(Cest)), Later);

        Assert.False(echo.Changed);
        Assert.Same(moved, echo.Session);
    }

    [Fact]
    public void Outlook_may_move_a_session_anywhere_even_into_the_past_it_is_what_the_organiser_did()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Answered(), new OutlookMoved(Now.AddDays(-1), Now.AddDays(-1).AddHours(10)), Later);
        Assert.True(result.Changed);
    }

    [Fact]
    public void A_move_with_the_end_before_the_start_is_refused()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Answered(), new OutlookMoved(End, Start), Later);
        Assert.Equal(SessionError.InvalidInput, result.Error);
    }

    [Theory]
    [InlineData("Held")]
    [InlineData("Cancelled")]
    public void Moves_and_cancellations_of_a_cancelled_or_held_session_are_ignored(string state)
    {
        var session = SessionIn(state);
        Assert.False(SessionWorkflow.ApplyFromOutlook(session, new OutlookMoved(Start.AddDays(1), End.AddDays(1)), Later).Changed);
        Assert.False(SessionWorkflow.ApplyFromOutlook(session, new OutlookCancelled(), Later).Changed);
        Assert.Equal(state, SessionWorkflow.ApplyFromOutlook(session, new OutlookCancelled(), Later).Session!.State.ToString());
    }

    [Fact]
    public void A_cancellation_in_outlook_cancels_the_session()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Answered(), new OutlookCancelled(), Later);

        Assert.Equal(SessionState.Cancelled, result.Session!.State);
        Assert.Null(result.Session.CancellationComment);
        Assert.Equal(new SessionEvent(SessionEventKind.CancelledInOutlook, Later, ProjectRole.Coordinator), result.Session.History[^1]);
    }

    [Fact]
    public void An_answer_in_outlook_is_recorded()
    {
        var at = Now.AddMinutes(10);
        var result = SessionWorkflow.ApplyFromOutlook(Scheduled(), new OutlookResponse(Hodan, Rsvp.Tentative, at), Later);

        Assert.Equal(new Invitee(Hodan, ProjectRole.NeighbourhoodMother, Rsvp.Tentative, at, null), result.Session!.InviteeOf(Hodan));
        Assert.Equal(Scheduled().History, result.Session.History);
    }

    [Fact]
    public void Without_a_time_the_answer_is_stamped_when_observed()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Scheduled(), new OutlookResponse(Hodan, Rsvp.Accepted), Later);
        Assert.Equal(Later, result.Session!.InviteeOf(Hodan)!.RespondedAt);
    }

    [Fact]
    public void Outlook_showing_no_answer_never_wipes_an_answer()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Answered(), new OutlookResponse(Amina, Rsvp.None, Later), Later);
        Assert.False(result.Changed);
        Assert.Equal(Rsvp.Accepted, result.Session!.InviteeOf(Amina)!.Rsvp);
    }

    [Fact]
    public void An_answer_from_before_a_move_on_the_card_is_stale()
    {
        var moved = SessionWorkflow.Apply(Answered(), SessionWorkflowTests.Edit(Answered(), start: Start.AddDays(1)), Coordinator, Now).Session!;

        // Amina accepted in Outlook before the move reached Outlook.
        Assert.False(SessionWorkflow.ApplyFromOutlook(moved, new OutlookResponse(Amina, Rsvp.Accepted, Now.AddMinutes(-1)), Later).Changed);
        Assert.True(SessionWorkflow.ApplyFromOutlook(moved, new OutlookResponse(Amina, Rsvp.Accepted, Now.AddMinutes(1)), Later).Changed);
    }

    [Fact]
    public void An_outlook_answer_older_than_the_one_given_on_the_card_is_stale()
    {
        // Amina accepted on the card on 5 March 12:00; Outlook still shows her earlier "tentative".
        var answered = Answered();
        Assert.False(SessionWorkflow.ApplyFromOutlook(answered, new OutlookResponse(Amina, Rsvp.Tentative, new DateTimeOffset(2026, 3, 5, 11, 0, 0, Cet)), Later).Changed);
        Assert.True(SessionWorkflow.ApplyFromOutlook(answered, new OutlookResponse(Amina, Rsvp.Declined, new DateTimeOffset(2026, 3, 6, 8, 0, 0, Cet)), Later).Changed);
    }

    [Fact]
    public void After_a_move_in_outlook_the_answers_outlook_reports_count()
    {
        var moved = SessionWorkflow.ApplyFromOutlook(Answered(), new OutlookMoved(Start.AddDays(1), End.AddDays(1)), Later).Session!;

        // Answered in Outlook (after the move there) before PartnerHub observed the move.
        var result = SessionWorkflow.ApplyFromOutlook(moved, new OutlookResponse(Amina, Rsvp.Accepted, Later.AddMinutes(-5)), Later.AddMinutes(1));
        Assert.True(result.Changed);
    }

    [Theory]
    [InlineData(Leyla)]
    [InlineData(CoordinatorId)]
    [InlineData("someone-added-in-outlook")]
    public void Answers_from_people_not_invited_are_ignored(string objectId) =>
        Assert.False(SessionWorkflow.ApplyFromOutlook(Scheduled(), new OutlookResponse(objectId, Rsvp.Accepted, Later), Later).Changed);

    [Fact]
    public void The_event_s_ids_are_linked_once()
    {
        var created = new OutlookEventCreated("AAMkAG-1", "040000008200E0-1", "https://teams.microsoft.com/l/meetup-join/x");
        var linked = SessionWorkflow.ApplyFromOutlook(Scheduled(), created, Later);

        Assert.Equal(("AAMkAG-1", "040000008200E0-1", "https://teams.microsoft.com/l/meetup-join/x"), (linked.Session!.CalendarEventId, linked.Session.CalendarICalUId, linked.Session.OnlineJoinUrl));
        Assert.Equal(Scheduled().History, linked.Session.History);
        // Linking is bookkeeping: a new version, but a change made from the one before is still current.
        Assert.Equal((Scheduled().Version + 1, Scheduled().DecidedVersion), (linked.Session.Version, linked.Session.DecidedVersion));
        Assert.True(linked.Session.IsCurrentFor(Scheduled().Version));
        Assert.Equal(SessionError.InvalidTransition, SessionWorkflow.ApplyFromOutlook(linked.Session, created with { EventId = "AAMkAG-2" }, Later).Error);
        Assert.Equal(SessionError.InvalidInput, SessionWorkflow.ApplyFromOutlook(Scheduled(), created with { ICalUId = " " }, Later).Error);
    }

    [Fact]
    public void A_session_cancelled_before_its_event_was_created_still_gets_the_ids_so_the_event_can_be_cancelled()
    {
        var result = SessionWorkflow.ApplyFromOutlook(Cancelled(), new OutlookEventCreated("AAMkAG-1", "040000008200E0-1", null), Later);
        Assert.True(result.Changed);
        Assert.Equal(SessionState.Cancelled, result.Session!.State);
    }

    [Fact]
    public void Null_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => SessionWorkflow.ApplyFromOutlook(null!, new OutlookCancelled(), Now));
        Assert.Throws<ArgumentNullException>(() => SessionWorkflow.ApplyFromOutlook(Scheduled(), null!, Now));
    }

    private static SupervisionSession SessionIn(string state) => state switch
    {
        "Scheduled" => Scheduled(),
        "Answered" => Answered(),
        "Held" => Held(),
        "Cancelled" => Cancelled(),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static OutlookObservation Observation(string name) => name switch
    {
        "Moved" => new OutlookMoved(Start.AddDays(1), End.AddDays(1)),
        "MovedIntoThePast" => new OutlookMoved(Now.AddDays(-2), Now.AddDays(-2).AddHours(1)),
        "Cancelled" => new OutlookCancelled(),
        "Response" => new OutlookResponse(Staff, Rsvp.Declined),
        "ResponseWithTime" => new OutlookResponse(Hodan, Rsvp.Accepted, Now.AddMinutes(30)),
        "Created" => new OutlookEventCreated("AAMkAG-1", "040000008200E0-1", null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
