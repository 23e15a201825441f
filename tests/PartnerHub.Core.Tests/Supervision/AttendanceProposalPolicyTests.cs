using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

/// <summary>The Teams meeting's attendance report turned into a proposal, and when PartnerHub looks for it.</summary>
public sealed class AttendanceProposalPolicyTests
{
    private static readonly DateTimeOffset AfterEnd = End.AddMinutes(20);

    private static SupervisionSession Online() => Scheduled() with { IsOnline = true, Place = null, OnlineJoinUrl = "https://teams.microsoft.com/l/meetup-join/x" };

    private static MeetingAttendee Attendee(string? id, int seconds, string role = "Attendee") => new(id, role, seconds);

    [Fact]
    public void An_invitee_in_the_meeting_for_a_minute_or_more_is_proposed_present()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee(Amina, 60), Attendee(Hodan, 3600)], AfterEnd);

        Assert.Equal(TeamsAttendanceStatus.Proposed, proposal.Status);
        Assert.Equal([Amina, Hodan], proposal.Present);
        Assert.Equal(0, proposal.OthersJoined);
        Assert.Equal(Online().End, proposal.ForEnd);
    }

    [Fact]
    public void Less_than_a_minute_does_not_count()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee(Amina, 59)], AfterEnd);

        Assert.Empty(proposal.Present);
        Assert.Equal(0, proposal.OthersJoined);
    }

    [Fact]
    public void Two_records_of_one_mother_are_summed_and_counted_once()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee(Amina, 40), Attendee(Amina.ToUpperInvariant(), 40)], AfterEnd);

        Assert.Equal([Amina], proposal.Present);
        Assert.Equal(0, proposal.OthersJoined);
    }

    [Fact]
    public void A_phone_dial_in_without_an_identity_is_another_participant_not_a_mother()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee(null, 1800), Attendee(" ", 900), Attendee(Amina, 600)], AfterEnd);

        Assert.Equal([Amina], proposal.Present);
        Assert.Equal(2, proposal.OthersJoined);
    }

    [Fact]
    public void Someone_not_invited_is_counted_among_the_others()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee("someone-else", 600), Attendee("someone-else", 600)], AfterEnd);

        Assert.Empty(proposal.Present);
        Assert.Equal(1, proposal.OthersJoined);
    }

    [Fact]
    public void The_organiser_is_neither_an_invitee_nor_an_other()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee(CoordinatorId, 7200), Attendee("co-host", 7200, "Organizer")], AfterEnd);

        Assert.Empty(proposal.Present);
        Assert.Equal(0, proposal.OthersJoined);
    }

    [Fact]
    public void The_proposal_keeps_the_invitees_order_and_their_stored_ids()
    {
        var proposal = AttendanceProposalPolicy.Propose(Online(), [Attendee(Staff.ToUpperInvariant(), 600), Attendee(Amina, 600)], AfterEnd);

        Assert.Equal([Amina, Staff], proposal.Present);
    }

    [Fact]
    public void Keeping_a_proposal_changes_the_session_once()
    {
        var session = Online();
        var proposal = AttendanceProposalPolicy.Propose(session, [Attendee(Amina, 600)], AfterEnd);

        var first = AttendanceProposalPolicy.Keep(session, proposal);
        var again = AttendanceProposalPolicy.Keep(first.Session!, proposal with { CheckedAt = AfterEnd.AddHours(1) });

        Assert.True(first.Changed);
        Assert.Equal(session.Version + 1, first.Session!.Version);
        Assert.Equal(proposal, first.Session.TeamsAttendance);
        Assert.False(again.Changed);
        Assert.Equal(first.Session, again.Session);
    }

    [Fact]
    public void No_report_never_replaces_a_proposal_for_the_same_end()
    {
        var session = Online();
        var proposed = AttendanceProposalPolicy.Keep(session, AttendanceProposalPolicy.Propose(session, [Attendee(Amina, 600)], AfterEnd)).Session!;

        var result = AttendanceProposalPolicy.Keep(proposed, AttendanceProposalPolicy.Without(proposed, TeamsAttendanceStatus.NoReport, AfterEnd.AddHours(8)));

        Assert.False(result.Changed);
        Assert.Equal(TeamsAttendanceStatus.Proposed, result.Session!.TeamsAttendance!.Status);
    }

    [Fact]
    public void Not_permitted_is_kept_so_the_card_can_say_attendance_is_entered_by_hand()
    {
        var session = Online();

        var result = AttendanceProposalPolicy.Keep(session, AttendanceProposalPolicy.Without(session, TeamsAttendanceStatus.NotPermitted, AfterEnd));

        Assert.True(result.Changed);
        Assert.Equal(TeamsAttendanceStatus.NotPermitted, result.Session!.TeamsAttendance!.Status);
        Assert.Empty(result.Session.TeamsAttendance.Present);
    }

    [Fact]
    public void A_check_for_a_session_moved_since_is_not_kept()
    {
        var session = Online();
        var proposal = AttendanceProposalPolicy.Propose(session, [Attendee(Amina, 600)], AfterEnd);
        var moved = session with { Start = session.Start.AddDays(1), End = session.End.AddDays(1) };

        Assert.False(AttendanceProposalPolicy.Keep(moved, proposal).Changed);
        Assert.False(AttendanceProposalPolicy.IsWanted(moved, session.End));
        Assert.True(AttendanceProposalPolicy.IsWanted(moved, moved.End));
    }

    [Fact]
    public void Sessions_in_a_room_cancelled_or_held_are_not_checked()
    {
        Assert.False(AttendanceProposalPolicy.IsWanted(Scheduled(), End));
        Assert.False(AttendanceProposalPolicy.IsWanted(Cancelled() with { IsOnline = true }, End));
        Assert.False(AttendanceProposalPolicy.IsWanted(Held() with { IsOnline = true }, End));
        Assert.True(AttendanceProposalPolicy.IsWanted(Online(), End));
    }

    [Fact]
    public void A_proposal_cannot_be_made_without_records()
    {
        Assert.Throws<ArgumentException>(() => AttendanceProposalPolicy.Without(Online(), TeamsAttendanceStatus.Proposed, AfterEnd));
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(7, 960)]
    public void Checks_start_a_quarter_after_the_end_and_double(int attempt, int minutesAfterEnd)
    {
        var due = AttendanceProposalPolicy.CheckDueAt(End, attempt, TimeSpan.FromMinutes(15), 7, TimeSpan.FromDays(1));

        Assert.Equal(End.AddMinutes(minutesAfterEnd), due);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void There_is_no_check_before_the_first_or_after_the_last(int attempt)
    {
        Assert.Null(AttendanceProposalPolicy.CheckDueAt(End, attempt, TimeSpan.FromMinutes(15), 7, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void No_check_falls_outside_the_report_window()
    {
        Assert.Null(AttendanceProposalPolicy.CheckDueAt(End, 7, TimeSpan.FromMinutes(15), 7, TimeSpan.FromHours(8)));
        Assert.NotNull(AttendanceProposalPolicy.CheckDueAt(End, 6, TimeSpan.FromMinutes(15), 7, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Sessions_with_the_same_proposal_are_equal_and_different_ones_are_not()
    {
        var session = Online();
        var proposal = AttendanceProposalPolicy.Propose(session, [Attendee(Amina, 600)], AfterEnd);

        Assert.Equal(session with { TeamsAttendance = proposal }, session with { TeamsAttendance = proposal with { Present = [Amina] } });
        Assert.NotEqual(session with { TeamsAttendance = proposal }, session with { TeamsAttendance = proposal with { Present = [Hodan] } });
        Assert.NotEqual(session, session with { TeamsAttendance = proposal });
    }
}
