using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

public class ReminderPolicyTests
{
    [Theory]
    // Winter: 18:00 CET is 17:00 UTC.
    [InlineData("2026-03-12", "10:00", "2026-03-11T17:00:00Z")]
    // The day before is the spring-forward day: 18:00 there is already summer time.
    [InlineData("2026-03-30", "10:00", "2026-03-29T16:00:00Z")]
    // The session is on the spring-forward day: the day before is still winter time.
    [InlineData("2026-03-29", "10:00", "2026-03-28T17:00:00Z")]
    [InlineData("2026-10-25", "10:00", "2026-10-24T16:00:00Z")]
    [InlineData("2026-10-26", "10:00", "2026-10-25T17:00:00Z")]
    // Shortly after midnight: the day before in Copenhagen, although it is the same UTC date.
    [InlineData("2026-03-13", "00:30", "2026-03-12T17:00:00Z")]
    public void Reminder_at_18_copenhagen_the_day_before(string date, string time, string expectedUtc)
    {
        var session = At(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ReminderPolicy.ReminderDueAt(session));
        Assert.Equal(expected, ReminderPolicy.ReminderDueAt(session, Now));
        Assert.Equal(18, CopenhagenTime.ToLocal(expected).Hour);
    }

    [Fact]
    public void Once_the_moment_has_passed_but_the_session_is_ahead_the_reminder_is_due_at_once()
    {
        var session = Scheduled();
        var eveningBefore = new DateTimeOffset(2026, 3, 11, 20, 0, 0, Cet);

        Assert.Equal(eveningBefore, ReminderPolicy.ReminderDueAt(session, eveningBefore));
        Assert.True(ReminderPolicy.IsDue(session, eveningBefore));
        Assert.False(ReminderPolicy.IsDue(session, Now));
        Assert.True(ReminderPolicy.IsDue(session, new DateTimeOffset(2026, 3, 11, 18, 0, 0, Cet)));
        Assert.False(ReminderPolicy.IsDue(session, new DateTimeOffset(2026, 3, 11, 17, 59, 59, Cet)));
    }

    [Fact]
    public void No_reminder_once_the_session_has_started()
    {
        Assert.Null(ReminderPolicy.ReminderDueAt(Scheduled(), Start));
        Assert.False(ReminderPolicy.IsDue(Scheduled(), Start.AddMinutes(1)));
    }

    [Fact]
    public void No_reminder_for_cancelled_or_held_sessions()
    {
        Assert.Null(ReminderPolicy.ReminderDueAt(Cancelled()));
        Assert.Null(ReminderPolicy.ReminderDueAt(Cancelled(), Now));
        Assert.Null(ReminderPolicy.ReminderDueAt(Held()));
        Assert.False(ReminderPolicy.IsDue(Cancelled(), new DateTimeOffset(2026, 3, 11, 20, 0, 0, Cet)));
    }

    [Fact]
    public void A_reminder_is_sent_once_per_start_and_again_after_a_move()
    {
        var sent = ReminderPolicy.MarkSent(Scheduled());
        Assert.True(sent.Changed);
        Assert.Equal(Start, sent.Session!.RemindedForStart);
        Assert.Null(ReminderPolicy.ReminderDueAt(sent.Session));
        Assert.False(ReminderPolicy.MarkSent(sent.Session).Changed);

        var moved = SessionWorkflow.ApplyFromOutlook(sent.Session, new OutlookMoved(Start.AddDays(7), End.AddDays(7)), Now).Session!;
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 18, 0, 0, Cet), ReminderPolicy.ReminderDueAt(moved));
    }

    [Fact]
    public void Everyone_but_those_who_declined_is_reminded() =>
        Assert.Equal([Amina, Staff], ReminderPolicy.Recipients(Answered()).Select(i => i.ObjectId));
}
