using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

public class SessionWorkflowTests
{
    // The session runs 12 March 10:00-12:00. "Ahead", "Started" and "Over" are the Scheduled session seen at different
    // times; "Held" has attendance recorded (Amina came); "Cancelled" was cancelled.
    private static readonly string[] Columns = ["Ahead", "Started", "Over", "Held", "Cancelled"];

    // The state each command leads to, or - for InvalidTransition. Every cell is a real change (Changed = true).
    private const string Machine = """
        command     Ahead     Started   Over      Held  Cancelled
        Move        Scheduled Scheduled Scheduled -     -
        Retitle     Scheduled Scheduled Scheduled -     -
        Reinvite    Scheduled Scheduled Scheduled -     -
        Cancel      Cancelled Cancelled Cancelled -     -
        Respond     Scheduled Scheduled -         -     -
        Attendance  -         Held      Held      Held  -
        Minutes     -         Scheduled Scheduled Held  -
        """;

    public static TheoryData<string, string, string> MachineCells
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            var lines = Machine.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(Columns, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(Columns.Length + 1, cells.Length);
                for (var i = 0; i < Columns.Length; i++)
                {
                    data.Add(cells[0], Columns[i], cells[i + 1]);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MachineCells))]
    public void State_machine(string command, string column, string expected)
    {
        var (session, now) = Situation(column);
        var (cmd, actor) = Command(command, session);

        var result = SessionWorkflow.Apply(session, cmd, actor, now);

        if (expected == "-")
        {
            Assert.Equal(SessionError.InvalidTransition, result.Error);
            Assert.Null(result.Session);
            Assert.False(result.Changed);
        }
        else
        {
            Assert.True(result.Succeeded, $"{command} in {column}: {result.Error}");
            Assert.True(result.Changed);
            Assert.Equal(Enum.Parse<SessionState>(expected), result.Session!.State);
            Assert.Equal(session.Version + 1, result.Session.Version);
        }
    }

    [Fact]
    public void The_table_covers_every_action_but_create_and_view()
    {
        var commands = MachineCells.Select(row => Command((string)row[0], Scheduled()).Command.Action).Distinct().Order();
        Assert.Equal(Enum.GetValues<SessionAction>().Where(a => a is not SessionAction.Create and not SessionAction.View).Order(), commands);
    }

    [Theory]
    [MemberData(nameof(MachineCells))]
    public void Nobody_from_another_project_may_do_anything(string command, string column, string expected)
    {
        _ = expected;
        var (session, now) = Situation(column);
        var (cmd, actor) = Command(command, session);
        var result = SessionWorkflow.Apply(session, cmd, actor with { ProjectId = OtherProjectId }, now);
        Assert.Equal(SessionError.Forbidden, result.Error);
    }

    [Fact]
    public void Creating_makes_a_scheduled_session_with_nobody_answered()
    {
        var session = Scheduled();

        Assert.Equal(SessionState.Scheduled, session.State);
        Assert.Equal(ProjectId, session.ProjectId);
        Assert.Equal(CoordinatorId, session.OrganizerObjectId);
        Assert.Equal(Start, session.Start);
        Assert.Equal(TimeSpan.Zero, session.Start.Offset);
        Assert.All(session.Invitees, i => Assert.Equal(Rsvp.None, i.Rsvp));
        Assert.All(session.Invitees, i => Assert.Null(i.Attended));
        Assert.Equal([new SessionEvent(SessionEventKind.Created, CreatedAt, ProjectRole.Coordinator)], session.History);
        Assert.Equal(1, session.Version);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 10, 0, 0, Cet), session.LocalStart);
        Assert.Equal(Cet, session.LocalStart.Offset);
        Assert.Equal(new DateOnly(2026, 3, 12), session.LocalDate);
    }

    [Fact]
    public void Only_a_coordinator_creates_sessions_and_ids_are_plain()
    {
        Assert.Throws<UnauthorizedAccessException>(() => SupervisionSession.Create(SessionId, MotherAmina, Form, CreatedAt));
        Assert.Throws<UnauthorizedAccessException>(() => SupervisionSession.Create(SessionId, PartnerStaff, Form, CreatedAt));
        Assert.Throws<ArgumentException>(() => SupervisionSession.Create("s|1", Coordinator, Form, CreatedAt));
        Assert.Throws<ArgumentException>(() => SupervisionSession.Create("../x", Coordinator, Form, CreatedAt));
        Assert.Throws<ArgumentException>(() => SupervisionSession.Create("s-1\n", Coordinator, Form, CreatedAt));
        Assert.Throws<ArgumentException>(() => SupervisionSession.Create(new string('s', 65), Coordinator, Form, CreatedAt));
    }

    [Fact]
    public void Sessions_compare_by_content_including_their_lists()
    {
        var a = Answered();
        var b = a with { Invitees = [.. a.Invitees], History = [.. a.History] };
        Assert.NotSame(a.Invitees, b.Invitees);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Invitees = [.. a.Invitees.Take(2)] });
        Assert.NotEqual(a, b with { Invitees = [a.Invitees[0] with { Rsvp = Rsvp.Tentative }, .. a.Invitees.Skip(1)] });
    }

    [Fact]
    public void Moving_resets_every_answer_as_outlook_does()
    {
        var result = Apply(Answered(), Edit(Answered(), start: Start.AddDays(7)), Coordinator);

        Assert.True(result.Changed);
        Assert.All(result.Session!.Invitees, i => Assert.Equal((Rsvp.None, (DateTimeOffset?)null), (i.Rsvp, i.RespondedAt)));
        Assert.Equal(Start.AddDays(7), result.Session.Start);
        Assert.Equal(Now, result.Session.RsvpResetAt);
        Assert.Equal(new SessionEvent(SessionEventKind.Edited, Now, ProjectRole.Coordinator, TimesChanged: true), result.Session.History[^1]);
    }

    [Fact]
    public void Moving_only_the_end_is_a_move_too()
    {
        var result = Apply(Answered(), Edit(Answered(), end: End.AddMinutes(30)), Coordinator);
        Assert.All(result.Session!.Invitees, i => Assert.Equal(Rsvp.None, i.Rsvp));
    }

    [Fact]
    public void Retitling_or_changing_the_place_keeps_the_answers()
    {
        var session = Answered();
        var result = Apply(session, Edit(session, title: "Erfaringsudveksling", place: "Biblioteket", agenda: "Ny dagsorden"), Coordinator);

        Assert.True(result.Changed);
        Assert.Equal(session.Invitees, result.Session!.Invitees);
        Assert.Equal(("Erfaringsudveksling", "Biblioteket", "Ny dagsorden"), (result.Session.Title, result.Session.Place, result.Session.Agenda));
        Assert.Equal(session.RsvpResetAt, result.Session.RsvpResetAt);
        Assert.False(result.Session.History[^1].TimesChanged);
    }

    [Fact]
    public void Going_online_drops_the_place()
    {
        var result = Apply(Answered(), Edit(Answered(), online: true), Coordinator);
        Assert.True(result.Session!.IsOnline);
        Assert.Null(result.Session.Place);
    }

    [Fact]
    public void Reinviting_keeps_answers_adds_new_invitees_unanswered_and_drops_removed_ones()
    {
        var session = Answered();
        var invitations = new SessionInvitation[] { new(Leyla, ProjectRole.NeighbourhoodMother), new(Amina, ProjectRole.NeighbourhoodMother) };

        var result = Apply(session, Edit(session, invitees: invitations), Coordinator);

        Assert.Equal(
            [new Invitee(Leyla, ProjectRole.NeighbourhoodMother, Rsvp.None, null, null), session.Invitees[0]],
            result.Session!.Invitees);
    }

    [Fact]
    public void An_edit_that_changes_nothing_is_no_change()
    {
        var session = Answered();
        var result = Apply(session, Edit(session), Coordinator);

        Assert.True(result.Succeeded);
        Assert.False(result.Changed);
        Assert.Same(session, result.Session);
    }

    [Fact]
    public void Text_is_trimmed_so_whitespace_alone_is_no_change()
    {
        var session = Answered();
        var result = Apply(session, Edit(session, title: $"  {session.Title} "), Coordinator);
        Assert.False(result.Changed);
    }

    public static TheoryData<string> InvalidEdits => ["past", "endBeforeStart", "zeroLength", "nineHours", "noTitle", "longTitle", "longAgenda", "noPlace", "noInvitees", "duplicate", "teacherInvited", "coordinatorInvited", "61"];

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void Invalid_edits_are_refused(string edit)
    {
        var s = Answered();
        var command = edit switch
        {
            "past" => Edit(s, start: Now.AddMinutes(-1), end: Now.AddHours(1)),
            "endBeforeStart" => Edit(s, end: Start.AddMinutes(-1)),
            "zeroLength" => Edit(s, end: Start),
            "nineHours" => Edit(s, end: Start.AddHours(8).AddMinutes(1)),
            "noTitle" => Edit(s, title: " "),
            "longTitle" => Edit(s, title: new string('t', 101)),
            "longAgenda" => Edit(s, agenda: new string('a', 1001)),
            "noPlace" => Edit(s, place: " "),
            "noInvitees" => Edit(s, invitees: []),
            "duplicate" => Edit(s, invitees: [new(Amina, ProjectRole.NeighbourhoodMother), new(Amina, ProjectRole.NeighbourhoodMother)]),
            "teacherInvited" => Edit(s, invitees: [new(TeacherId, ProjectRole.Teacher)]),
            "coordinatorInvited" => Edit(s, invitees: [new(CoordinatorId, ProjectRole.Coordinator)]),
            "61" => Edit(s, invitees: [.. Enumerable.Range(0, 61).Select(i => new SessionInvitation($"m-{i}", ProjectRole.NeighbourhoodMother))]),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };

        Assert.Equal(SessionError.InvalidInput, Apply(s, command, Coordinator).Error);
    }

    [Fact]
    public void A_session_that_has_started_may_be_retitled_but_moved_only_into_the_future()
    {
        var s = Answered();
        var during = Start.AddMinutes(30);
        Assert.True(SessionWorkflow.Apply(s, Edit(s, title: "Ny titel"), Coordinator, during).Changed);
        Assert.Equal(SessionError.InvalidInput, SessionWorkflow.Apply(s, Edit(s, end: End.AddHours(1)), Coordinator, during).Error);
        Assert.True(SessionWorkflow.Apply(s, Edit(s, start: Start.AddDays(7), end: End.AddDays(7)), Coordinator, during).Changed);
    }

    [Fact]
    public void Edit_from_a_valid_form_carries_everything_but_the_kind()
    {
        var command = RescheduleSession.From(Form with { Kind = SessionKind.CourseFollowUp, Title = "X" });
        var result = Apply(Scheduled(), command, Coordinator);
        Assert.Equal(SessionKind.Supervision, result.Session!.Kind);
        Assert.Equal("X", result.Session.Title);
    }

    [Fact]
    public void Cancelling_keeps_the_reason_for_the_outlook_cancellation()
    {
        var result = Apply(Answered(), new CancelSession("  Sygdom  "), Coordinator);
        Assert.Equal(SessionState.Cancelled, result.Session!.State);
        Assert.Equal("Sygdom", result.Session.CancellationComment);
        Assert.Equal(new SessionEvent(SessionEventKind.Cancelled, Now, ProjectRole.Coordinator), result.Session.History[^1]);
        Assert.Null(Apply(Answered(), new CancelSession(" "), Coordinator).Session!.CancellationComment);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(-1)]
    public void A_cancellation_reason_is_short_and_never_a_cpr_number(int length)
    {
        var reason = length > 0 ? new string('r', length) : "Fatima 010203-1234 er syg";
        Assert.Equal(SessionError.InvalidInput, Apply(Answered(), new CancelSession(reason), Coordinator).Error);
    }

    [Fact]
    public void The_comment_of_a_cancelled_session_is_corrected_by_the_cancelling_rule_and_nothing_else_changes()
    {
        var cancelled = Apply(Answered(), new CancelSession("Sygdom"), Coordinator).Session!;

        var corrected = Apply(cancelled, new CorrectCancellationComment("  Ny dato følger  "), Coordinator);
        var cleared = Apply(corrected.Session!, new CorrectCancellationComment(" "), Coordinator);

        Assert.Equal(cancelled with { CancellationComment = "Ny dato følger", Version = cancelled.Version + 1, DecidedVersion = cancelled.Version + 1 }, corrected.Session);
        Assert.Null(cleared.Session!.CancellationComment);
        Assert.False(Apply(cancelled, new CorrectCancellationComment("Sygdom"), Coordinator).Changed);
        Assert.Equal(SessionError.InvalidInput, Apply(cancelled, new CorrectCancellationComment(new string('r', CancellationComment.MaxLength + 1)), Coordinator).Error);
        Assert.Equal(SessionError.InvalidInput, Apply(cancelled, new CorrectCancellationComment("Fatima 010203-1234 er syg"), Coordinator).Error);
        Assert.Equal(SessionError.InvalidTransition, Apply(Answered(), new CorrectCancellationComment("x"), Coordinator).Error);
        Assert.Equal(SessionError.Forbidden, Apply(cancelled, new CorrectCancellationComment("x"), MotherLeyla).Error);
    }

    [Theory]
    [InlineData(Rsvp.Accepted)]
    [InlineData(Rsvp.Tentative)]
    [InlineData(Rsvp.Declined)]
    public void An_invitee_answers_for_herself(Rsvp rsvp)
    {
        var result = Apply(Scheduled(), new RespondToSession(rsvp), PartnerStaff);

        Assert.True(result.Changed);
        Assert.Equal(new Invitee(Staff, ProjectRole.PartnerStaff, rsvp, Now, null), result.Session!.InviteeOf(Staff));
        Assert.Equal(Scheduled().Invitees.Where(i => i.ObjectId != Staff), result.Session.Invitees.Where(i => i.ObjectId != Staff));
        Assert.Equal(Scheduled().History, result.Session.History);
    }

    [Fact]
    public void The_same_answer_again_is_no_change_and_none_is_not_an_answer()
    {
        var answered = Answered();
        Assert.False(Apply(answered, new RespondToSession(Rsvp.Accepted), MotherAmina).Changed);
        Assert.True(Apply(answered, new RespondToSession(Rsvp.Accepted), MotherAmina).Succeeded);
        Assert.Equal(SessionError.InvalidInput, Apply(answered, new RespondToSession(Rsvp.None), MotherAmina).Error);
        Assert.Equal(SessionError.InvalidInput, Apply(answered, new RespondToSession((Rsvp)42), MotherAmina).Error);
    }

    [Fact]
    public void Nobody_answers_for_someone_else()
    {
        Assert.Equal(SessionError.Forbidden, Apply(Scheduled(), new RespondToSession(Rsvp.Accepted), Coordinator).Error);
        Assert.Equal(SessionError.Forbidden, Apply(Scheduled(), new RespondToSession(Rsvp.Accepted), MotherLeyla).Error);
    }

    [Fact]
    public void Invitees_may_only_view_and_answer()
    {
        var s = Answered();
        Assert.Equal(SessionError.Forbidden, Apply(s, Edit(s, title: "Min titel"), MotherAmina).Error);
        Assert.Equal(SessionError.Forbidden, Apply(s, new CancelSession(), PartnerStaff).Error);
        Assert.Equal(SessionError.Forbidden, SessionWorkflow.Apply(s, new RecordAttendance([Amina]), MotherAmina, End).Error);
    }

    [Fact]
    public void Attendance_records_who_came_and_who_did_not()
    {
        var result = SessionWorkflow.Apply(Answered(), new RecordAttendance([Amina, Staff]), Coordinator, End.AddHours(1));

        Assert.Equal(SessionState.Held, result.Session!.State);
        Assert.Equal([true, false, true], result.Session.Invitees.Select(i => i.Attended));
        Assert.Equal(Answered().Invitees.Select(i => i.Rsvp), result.Session.Invitees.Select(i => i.Rsvp));
        Assert.Equal(new SessionEvent(SessionEventKind.AttendanceRecorded, End.AddHours(1), ProjectRole.Coordinator), result.Session.History[^1]);
    }

    [Fact]
    public void Nobody_came_is_attendance_too()
    {
        var result = SessionWorkflow.Apply(Answered(), new RecordAttendance([]), Coordinator, End);
        Assert.Equal(SessionState.Held, result.Session!.State);
        Assert.All(result.Session.Invitees, i => Assert.False(i.Attended));
    }

    [Fact]
    public void Attendance_only_for_invitees_and_the_same_attendance_again_is_no_change()
    {
        Assert.Equal(SessionError.InvalidInput, SessionWorkflow.Apply(Answered(), new RecordAttendance([Amina, Leyla]), Coordinator, End).Error);
        Assert.Equal(SessionError.InvalidInput, SessionWorkflow.Apply(Answered(), new RecordAttendance([CoordinatorId]), Coordinator, End).Error);

        var again = SessionWorkflow.Apply(Held(), new RecordAttendance([Amina]), Coordinator, End.AddDays(1));
        Assert.True(again.Succeeded);
        Assert.False(again.Changed);
    }

    [Fact]
    public void Attendance_not_before_the_session_has_started()
    {
        Assert.Equal(SessionError.InvalidTransition, SessionWorkflow.Apply(Answered(), new RecordAttendance([Amina]), Coordinator, Start.AddTicks(-1)).Error);
        Assert.True(SessionWorkflow.Apply(Answered(), new RecordAttendance([Amina]), Coordinator, Start).Changed);
    }

    [Fact]
    public void Minutes_are_a_sharepoint_link_under_the_session_s_own_file_name()
    {
        var held = Held();
        var name = SessionMinutes.MinutesFileName(held, ".pdf");
        const string url = "https://vollsmose.sharepoint.com/sites/bydelsmoedre/Referater/referat.pdf";

        var result = SessionWorkflow.Apply(held, new AddMinutes(url, name), Coordinator, End.AddDays(1));

        Assert.Equal((url, name), (result.Session!.MinutesUrl, result.Session.MinutesDocumentName));
        Assert.Equal(SessionEventKind.MinutesAdded, result.Session.History[^1].Kind);
        Assert.False(SessionWorkflow.Apply(result.Session, new AddMinutes(url, name), Coordinator, End.AddDays(2)).Changed);
    }

    [Theory]
    [InlineData("http://vollsmose.sharepoint.com/x.docx", "referat-supervision-2026-03-12-s-001.docx")]
    [InlineData("https://user:pw@vollsmose.sharepoint.com/x.docx", "referat-supervision-2026-03-12-s-001.docx")]
    [InlineData("/sites/x.docx", "referat-supervision-2026-03-12-s-001.docx")]
    [InlineData("javascript:alert(1)", "referat-supervision-2026-03-12-s-001.docx")]
    [InlineData("https://vollsmose.sharepoint.com/x", "Referat med Amina og Fatima.docx")]
    [InlineData("https://vollsmose.sharepoint.com/x", "referat-supervision-2026-03-12-s-001.exe")]
    [InlineData("https://vollsmose.sharepoint.com/x", "referat-supervision-2026-03-13-s-001.docx")]
    [InlineData("https://vollsmose.sharepoint.com/x", "referat-supervision-2026-03-12-s-002.docx")]
    public void Minutes_with_another_link_or_name_are_refused(string url, string name) =>
        Assert.Equal(SessionError.InvalidInput, SessionWorkflow.Apply(Held(), new AddMinutes(url, name), Coordinator, End.AddDays(1)).Error);

    [Fact]
    public void History_holds_roles_never_people()
    {
        var s = Answered();
        s = Apply(s, Edit(s, start: Start.AddDays(1), end: End.AddDays(1)), Coordinator).Session!;
        s = Apply(s, new RespondToSession(Rsvp.Tentative), MotherAmina).Session!;
        s = SessionWorkflow.Apply(s, new RecordAttendance([Amina]), Coordinator, End.AddDays(1)).Session!;

        var history = string.Join("\n", s.History);
        Assert.DoesNotContain(Amina, history, StringComparison.Ordinal);
        Assert.DoesNotContain(CoordinatorId, history, StringComparison.Ordinal);
        Assert.DoesNotContain(Staff, history, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => SessionWorkflow.Apply(null!, new CancelSession(), Coordinator, Now));
        Assert.Throws<ArgumentNullException>(() => SessionWorkflow.Apply(Scheduled(), null!, Coordinator, Now));
        Assert.Throws<ArgumentNullException>(() => SessionWorkflow.Apply(Scheduled(), new CancelSession(), null!, Now));
    }

    private static SessionResult Apply(SupervisionSession session, SessionCommand command, Actor actor) => SessionWorkflow.Apply(session, command, actor, Now);

    internal static RescheduleSession Edit(
        SupervisionSession s,
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        string? title = null,
        string? place = null,
        string? agenda = null,
        bool? online = null,
        IReadOnlyList<SessionInvitation>? invitees = null) => new(
        start ?? s.Start,
        end ?? (start is { } st ? st + (s.End - s.Start) : s.End),
        place ?? s.Place,
        online ?? s.IsOnline,
        title ?? s.Title,
        agenda ?? s.Agenda,
        invitees ?? [.. s.Invitees.Select(i => new SessionInvitation(i.ObjectId, i.Role))]);

    private static (SupervisionSession Session, DateTimeOffset Now) Situation(string column) => column switch
    {
        "Ahead" => (Answered(), Now),
        "Started" => (Answered(), Start.AddMinutes(30)),
        "Over" => (Answered(), End.AddHours(2)),
        "Held" => (Held(), End.AddHours(2)),
        "Cancelled" => (Cancelled(), Now),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    private static (SessionCommand Command, Actor Actor) Command(string name, SupervisionSession s) => name switch
    {
        // Moves go a week ahead, so never into the past whenever "now" is.
        "Move" => (Edit(s, start: Start.AddDays(7)), Coordinator),
        "Retitle" => (Edit(s, title: "Erfaringsudveksling"), Coordinator),
        "Reinvite" => (Edit(s, invitees: [new(Leyla, ProjectRole.NeighbourhoodMother)]), Coordinator),
        "Cancel" => (new CancelSession("Sygdom"), Coordinator),
        "Respond" => (new RespondToSession(Rsvp.Tentative), MotherAmina),
        "Attendance" => (new RecordAttendance([Amina, Hodan]), Coordinator),
        "Minutes" => (new AddMinutes("https://vollsmose.sharepoint.com/sites/b/referat.docx", SessionMinutes.MinutesFileName(s)), Coordinator),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
