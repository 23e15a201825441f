using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Supervision;

/// <summary>
/// The day-before reminder: at 18:00 Copenhagen time on the day before the session, to every invitee who has not
/// declined. Sent once per start time: a moved session is reminded again.
/// </summary>
public static class ReminderPolicy
{
    public static readonly TimeOnly ReminderTime = new(18, 0);

    /// <summary>
    /// 18:00 Copenhagen time on the day before the start (UTC), or null when no reminder is owed: the session is not
    /// scheduled (cancelled or held) or was already reminded for its current start.
    /// </summary>
    public static DateTimeOffset? ReminderDueAt(SupervisionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.State != SessionState.Scheduled || session.RemindedForStart == session.Start)
        {
            return null;
        }

        // 18:00 exists on every day (DST switches happen at night), so FromLocal never returns null here.
        return CopenhagenTime.FromLocal(session.LocalDate.AddDays(-1), ReminderTime);
    }

    /// <summary>
    /// When to send the reminder as seen at <paramref name="now"/>: the day-before moment, or <paramref name="now"/>
    /// when that has passed but the session is still ahead (e.g. created the evening before); null when none is owed
    /// or the session has started.
    /// </summary>
    public static DateTimeOffset? ReminderDueAt(SupervisionSession session, DateTimeOffset now)
    {
        var due = ReminderDueAt(session);
        if (due is null || now >= session.Start)
        {
            return null;
        }

        return due > now ? due : now;
    }

    /// <summary>True when the reminder should go out now.</summary>
    public static bool IsDue(SupervisionSession session, DateTimeOffset now) => ReminderDueAt(session, now) is { } due && due <= now;

    /// <summary>Who gets the reminder: every invitee who has not declined.</summary>
    public static IReadOnlyList<Invitee> Recipients(SupervisionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.Invitees.Where(i => i.Rsvp != Rsvp.Declined)];
    }

    /// <summary>Records that the reminder for the current start was sent. Idempotent: a second call is "no change".</summary>
    public static SessionResult MarkSent(SupervisionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.RemindedForStart == session.Start
            ? SessionResult.Unchanged(session)
            : SessionResult.Ok((session with { RemindedForStart = session.Start }).NextBookkept());
    }
}
