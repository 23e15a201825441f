namespace PartnerHub.Core.Localization;

/// <summary>
/// Europe/Copenhagen wall-clock time, which is what every card shows and every form sends (ARCHITECTURE §2).
/// Uses the system's time zone database; where it is missing (e.g. a container image without tzdata) falls back to
/// the EU rule Denmark follows: CET (+01:00), CEST (+02:00) from the last Sunday of March 01:00 UTC to the last Sunday
/// of October 01:00 UTC.
/// </summary>
public static class CopenhagenTime
{
    public const string ZoneId = "Europe/Copenhagen";

    public static TimeZoneInfo Zone { get; } = Load();

    /// <summary>The instant as Copenhagen wall-clock time, with the offset in force then (+01:00 or +02:00).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Copenhagen calendar date at the instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// The instant at which Copenhagen clocks show <paramref name="date"/> <paramref name="time"/>. Null for a time that
    /// does not exist (skipped when clocks go forward, e.g. 02:30 on 2026-03-29). A time that occurs twice (when
    /// clocks go back, e.g. 02:30 on 2026-10-25) is its first occurrence, still in summer time.
    /// </summary>
    public static DateTimeOffset? FromLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static TimeZoneInfo Load()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return EuRuleZone();
        }
    }

    /// <summary>Denmark's zone built from the EU rule alone: the fallback for <see cref="Zone"/>, public so it can be checked against the database.</summary>
    public static TimeZoneInfo EuRuleZone()
    {
        // Transition times are local standard time for the start (02:00 CET = 01:00 UTC) and local daylight time for
        // the end (03:00 CEST = 01:00 UTC), as TimeZoneInfo expects.
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(1), "Copenhagen", "CET", "CEST", [rule]);
    }
}
