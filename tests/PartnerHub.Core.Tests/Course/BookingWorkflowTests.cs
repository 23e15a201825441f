using PartnerHub.Core.Course;
using static PartnerHub.Core.Tests.Course.CourseFixtures;

namespace PartnerHub.Core.Tests.Course;

public sealed class BookingWorkflowTests
{
    private static readonly BookingAction[] Columns =
    [
        BookingAction.Accept, BookingAction.Decline, BookingAction.ProposeDate, BookingAction.AcceptProposal,
        BookingAction.Replace, BookingAction.Cancel, BookingAction.MoveWithSession,
    ];

    // The state after each action taken by the one allowed to take it; "-" = refused as an invalid transition.
    private const string Expected = """
        from            Accept    Decline  ProposeDate     AcceptProposal Replace  Cancel    MoveWithSession
        Requested       Confirmed Declined CounterProposed -              Replaced Cancelled Requested
        Confirmed       -         Declined -               -              -        Cancelled Confirmed
        Declined        -         -        -               -              Replaced -         -
        CounterProposed -         -        -               Confirmed      Replaced Cancelled Requested
        Replaced        -         -        -               -              -        -         -
        Cancelled       -         -        -               -              -        -         -
        """;

    public static TheoryData<BookingState, BookingAction, string> Transitions()
    {
        var data = new TheoryData<BookingState, BookingAction, string>();
        var lines = Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(Columns.Select(c => c.ToString()), lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < Columns.Length; i++)
            {
                data.Add(Enum.Parse<BookingState>(cells[0]), Columns[i], cells[i + 1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void State_machine(BookingState from, BookingAction action, string expected)
    {
        var booking = InState(from);
        var (actor, command) = action switch
        {
            BookingAction.Accept => (BookedTeacher, (BookingCommand)new AcceptBooking()),
            BookingAction.Decline => (BookedTeacher, new DeclineBooking("Jeg er syg den dag.")),
            BookingAction.ProposeDate => (BookedTeacher, new ProposeDate("2027-05-11", null)),
            BookingAction.AcceptProposal => (Coordinator, new AcceptProposal()),
            BookingAction.Replace => (Coordinator, new ReplaceTeacher()),
            BookingAction.Cancel => (Coordinator, new CancelBooking()),
            _ => (Coordinator, new MoveWithSession(booking.Start.AddDays(7), booking.End.AddDays(7))),
        };

        var result = BookingWorkflow.Apply(booking, actor, command, Context(), Now);

        if (expected == "-")
        {
            Assert.Equal(BookingError.InvalidTransition, result.Error);
            Assert.Null(result.Booking);
        }
        else
        {
            Assert.Null(result.Error);
            Assert.Equal(Enum.Parse<BookingState>(expected), result.Booking!.State);
            Assert.Equal(booking.Version + 1, result.Booking.Version);
        }
    }

    [Fact]
    public void A_request_carries_the_sessions_times_the_coordinators_note_and_who_asked()
    {
        var plan = Plan();
        var booking = Requested(plan);

        Assert.Equal(plan.TimesOf(plan.Find("s04")!)!.Value, (booking.Start, booking.End));
        Assert.Equal(new DateTimeOffset(2027, 1, 26, 16, 0, 0, TimeSpan.Zero), booking.Start); // 17:00 CET
        Assert.Equal((BookingState.Requested, 1, Now, 12, "Tag gerne materialer med."), (booking.State, booking.Version, booking.AwaitingSince, booking.GroupSize, booking.Note));
        Assert.Equal(Coordinator.ObjectId, booking.RequestedBy);
    }

    [Fact]
    public void A_request_is_refused_for_a_cancelled_past_or_unknown_session_and_by_anyone_but_the_coordinator()
    {
        var plan = CoursePlanEditor.Cancel(Plan(), "s04", Today).Plan!;

        Assert.Equal(CourseErrors.Cancelled, BookingWorkflow.Request(Coordinator, "b2", CohortId, "s04", TeacherId, null, 12, Context(plan), Now).Errors["sessionId"]);
        Assert.Equal(CourseErrors.NotFound, BookingWorkflow.Request(Coordinator, "b2", CohortId, "s99", TeacherId, null, 12, Context(plan), Now).Errors["sessionId"]);
        Assert.Equal(CourseErrors.InPast, BookingWorkflow.Request(Coordinator, "b2", CohortId, "s01", TeacherId, null, 12, Context(plan), new DateTimeOffset(2027, 1, 6, 9, 0, 0, TimeSpan.Zero)).Errors["sessionId"]);
        Assert.Equal(CourseErrors.TooLong, BookingWorkflow.Request(Coordinator, "b2", CohortId, "s01", TeacherId, new string('x', 501), 12, Context(plan), Now).Errors["note"]);
        Assert.Equal(BookingError.Forbidden, BookingWorkflow.Request(BookedTeacher, "b2", CohortId, "s01", TeacherId, null, 12, Context(plan), Now).Error);
    }

    [Fact]
    public void A_decline_needs_a_reason()
    {
        var result = BookingWorkflow.Apply(Requested(), BookedTeacher, new DeclineBooking("  "), Context(), Now);

        Assert.Equal(BookingError.InvalidInput, result.Error);
        Assert.Equal(CourseErrors.Required, result.Errors[BookingWorkflow.Fields.Reason]);
        Assert.Equal("Syg", InState(BookingState.Declined).DeclineReason);
    }

    [Fact]
    public void A_counter_proposal_is_limited_to_the_courses_weekday_unless_she_says_otherwise()
    {
        var wednesday = BookingWorkflow.Apply(Requested(), BookedTeacher, new ProposeDate("2027-05-12", null), Context(), Now);
        Assert.Equal(CourseErrors.NotCourseWeekday, wednesday.Errors[BookingWorkflow.Fields.Date]);

        var saidSo = BookingWorkflow.Apply(Requested(), BookedTeacher, new ProposeDate("2027-05-12", "true"), Context(), Now).Booking!;
        Assert.Equal(new CounterProposal(new DateOnly(2027, 5, 12), new DateTimeOffset(2027, 5, 12, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 5, 12, 17, 30, 0, TimeSpan.Zero), true), saidSo.Proposal);
    }

    [Theory]
    [InlineData("12-05-2027", null, CourseErrors.InvalidDate)]
    [InlineData("", null, CourseErrors.Required)]
    [InlineData("2027-05-11", "yes", CourseErrors.UnknownValue)]
    [InlineData("2026-11-24", null, CourseErrors.InPast)]
    [InlineData("2027-02-16", null, CourseErrors.SchoolHoliday)]
    [InlineData("2027-03-26", "true", CourseErrors.PublicHoliday)]
    [InlineData("2027-02-02", null, CourseErrors.DateTaken)]
    public void A_counter_proposal_must_be_a_free_future_working_day(string date, string? otherWeekday, string code)
    {
        var result = BookingWorkflow.Apply(Requested(), BookedTeacher, new ProposeDate(date, otherWeekday), Context(), Now);

        Assert.Equal(BookingError.InvalidInput, result.Error);
        Assert.Equal(code, result.Errors.Values.Single());
    }

    [Fact]
    public void Accepting_the_counter_proposal_confirms_her_at_the_proposed_time()
    {
        var proposed = InState(BookingState.CounterProposed);

        var confirmed = BookingWorkflow.Apply(proposed, Coordinator, new AcceptProposal(), Context(), Now).Booking!;

        Assert.Equal(BookingState.Confirmed, confirmed.State);
        Assert.Equal((proposed.Proposal!.Start, proposed.Proposal.End), (confirmed.Start, confirmed.End));
        Assert.Null(confirmed.Proposal);
    }

    [Fact]
    public void A_teacher_is_never_confirmed_twice_at_the_same_time_across_projects()
    {
        var requested = Requested();
        var elsewhere = requested with { Id = "b9", ProjectId = OtherProject, CohortId = "gellerup-1", SessionId = "s02", State = BookingState.Confirmed, Start = requested.Start.AddHours(2), End = requested.End.AddHours(2) };

        Assert.Equal(BookingError.TeacherDoubleBooked, BookingWorkflow.Apply(requested, BookedTeacher, new AcceptBooking(), Context(teacherConfirmed: [elsewhere]), Now).Error);

        // Back to back is no conflict; nor is a booking of hers that is not confirmed.
        var touching = elsewhere with { Start = requested.End, End = requested.End.AddHours(2) };
        Assert.Null(BookingWorkflow.Apply(requested, BookedTeacher, new AcceptBooking(), Context(teacherConfirmed: [touching]), Now).Error);
        Assert.Null(BookingWorkflow.Apply(requested, BookedTeacher, new AcceptBooking(), Context(teacherConfirmed: [elsewhere with { State = BookingState.Cancelled }]), Now).Error);
    }

    [Fact]
    public void Accepting_a_counter_proposal_checks_her_other_bookings_at_the_new_time()
    {
        var proposed = InState(BookingState.CounterProposed);
        var thatEvening = proposed with { Id = "b9", SessionId = "s05", State = BookingState.Confirmed, Start = proposed.Proposal!.Start, End = proposed.Proposal.End, Proposal = null };

        Assert.Equal(BookingError.TeacherDoubleBooked, BookingWorkflow.Apply(proposed, Coordinator, new AcceptProposal(), Context(teacherConfirmed: [thatEvening]), Now).Error);
    }

    [Fact]
    public void A_session_never_has_two_confirmed_teachers()
    {
        var colleague = Requested() with { Id = "b7", TeacherId = OtherTeacherId, State = BookingState.Confirmed };

        Assert.Equal(BookingError.SessionAlreadyStaffed, BookingWorkflow.Apply(Requested(), BookedTeacher, new AcceptBooking(), Context(sessionConfirmed: [colleague]), Now).Error);
        Assert.Equal(BookingError.SessionAlreadyStaffed, BookingWorkflow.Request(Coordinator, "b8", CohortId, "s04", TeacherId, null, 12, Context(sessionConfirmed: [colleague]), Now).Error);
        Assert.Null(BookingWorkflow.Apply(Requested(), BookedTeacher, new AcceptBooking(), Context(sessionConfirmed: [colleague with { SessionId = "s05" }]), Now).Error);
    }

    [Fact]
    public void A_confirmed_booking_moves_with_its_session_and_stays_confirmed()
    {
        var confirmed = InState(BookingState.Confirmed);

        var moved = BookingWorkflow.Apply(confirmed, Coordinator, new MoveWithSession(confirmed.Start.AddDays(2), confirmed.End.AddDays(2)), Context(), Now).Booking!;

        Assert.Equal((BookingState.Confirmed, confirmed.Start.AddDays(2)), (moved.State, moved.Start));
    }

    [Fact]
    public void A_move_onto_her_other_confirmed_booking_is_refused()
    {
        var confirmed = InState(BookingState.Confirmed);
        var other = confirmed with { Id = "b9", ProjectId = OtherProject, Start = confirmed.Start.AddDays(2), End = confirmed.End.AddDays(2) };

        Assert.Equal(BookingError.TeacherDoubleBooked, BookingWorkflow.Apply(confirmed, Coordinator, new MoveWithSession(other.Start, other.End), Context(teacherConfirmed: [other]), Now).Error);
    }

    [Fact]
    public void A_move_to_the_same_time_changes_nothing_and_a_move_drops_a_pending_proposal()
    {
        var confirmed = InState(BookingState.Confirmed);
        var same = BookingWorkflow.Apply(confirmed, Coordinator, new MoveWithSession(confirmed.Start, confirmed.End), Context(), Now);
        Assert.Equal((false, (BookingError?)null, confirmed), (same.Changed, same.Error, same.Booking));

        var proposed = InState(BookingState.CounterProposed);
        var later = Now.AddDays(1);
        var asked = BookingWorkflow.Apply(proposed, Coordinator, new MoveWithSession(proposed.Start.AddDays(7), proposed.End.AddDays(7)), Context(), later).Booking!;
        Assert.Equal((BookingState.Requested, (CounterProposal?)null, later), (asked.State, asked.Proposal, asked.AwaitingSince));
    }

    [Fact]
    public void Nobody_answers_for_the_teacher_and_the_teacher_does_not_accept_her_own_proposal()
    {
        Assert.Equal(BookingError.Forbidden, BookingWorkflow.Apply(Requested(), Coordinator, new AcceptBooking(), Context(), Now).Error);
        Assert.Equal(BookingError.Forbidden, BookingWorkflow.Apply(Requested(), OtherTeacher, new AcceptBooking(), Context(), Now).Error);
        Assert.Equal(BookingError.Forbidden, BookingWorkflow.Apply(InState(BookingState.CounterProposed), BookedTeacher, new AcceptProposal(), Context(), Now).Error);
    }
}
