using PublicHoliday;

namespace PartnerHub.Core.Course;

/// <summary>
/// The one rule for "is this a Danish public holiday": what NuGet PublicHoliday's <see cref="DenmarkPublicHoliday"/>
/// says. Checked by tests for the years a course can span, including Store Bededag (a holiday until 2023, abolished
/// from 2024), which version 4.0.0 gets right, so no correction is needed here. The package also counts 1 May and
/// Grundlovsdag (5 June); most municipal workplaces close or close early on both, so a course skips them too.
/// </summary>
public static class DanishHolidays
{
    private static readonly DenmarkPublicHoliday Calendar = new();

    public static bool IsPublicHoliday(DateOnly date) => Calendar.IsPublicHoliday(date.ToDateTime(TimeOnly.MinValue));
}
