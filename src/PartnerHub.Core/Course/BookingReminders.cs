namespace PartnerHub.Core.Course;

/// <summary>What an unanswered booking is owed now.</summary>
public enum BookingNudge
{
    None,

    /// <summary>A reminder card to the teacher.</summary>
    RemindTeacher,

    /// <summary>A card to the coordinator: still no answer after the reminder.</summary>
    EscalateToCoordinator,
}

/// <summary>
/// Unanswered after <see cref="RemindAfterDays"/> days: a reminder to the teacher; after <see cref="EscalateAfterDays"/>
/// more: a card to the coordinator. Configurable per project. Only a request awaits the teacher; a counter-proposal
/// awaits the coordinator, who sees it on her course view. Each nudge is sent once per question: a moved session asks
/// afresh (<see cref="TeacherBooking.AwaitingSince"/> restarts).
/// </summary>
public sealed record BookingReminderPolicy(int RemindAfterDays = 3, int EscalateAfterDays = 2)
{
    public static readonly BookingReminderPolicy Default = new();

    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RemindAfterDays is < 1 or > 30)
        {
            errors["remindAfterDays"] = CourseErrors.DaysOutOfRange;
        }

        if (EscalateAfterDays is < 1 or > 30)
        {
            errors["escalateAfterDays"] = CourseErrors.DaysOutOfRange;
        }

        return errors;
    }

    public BookingNudge Due(TeacherBooking booking, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.State != BookingState.Requested || now >= booking.Start)
        {
            return BookingNudge.None;
        }

        if (booking.RemindedAt is null)
        {
            return now >= booking.AwaitingSince.AddDays(RemindAfterDays) ? BookingNudge.RemindTeacher : BookingNudge.None;
        }

        return booking.EscalatedAt is null && now >= booking.RemindedAt.Value.AddDays(EscalateAfterDays) ? BookingNudge.EscalateToCoordinator : BookingNudge.None;
    }

    /// <summary>Records that the nudge went out. Idempotent: the same nudge twice is "no change".</summary>
    public static BookingResult MarkSent(TeacherBooking booking, BookingNudge nudge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return nudge switch
        {
            BookingNudge.RemindTeacher when booking.RemindedAt is null => BookingResult.Bookkept(booking with { RemindedAt = now }),
            BookingNudge.EscalateToCoordinator when booking.EscalatedAt is null => BookingResult.Bookkept(booking with { EscalatedAt = now }),
            _ => BookingResult.Unchanged(booking),
        };
    }
}
