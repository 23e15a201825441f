using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// Where a course error's text is in <c>cards/strings.*.json</c>: the codes every form shares read the common
/// <c>formErrors.*</c> texts; the course's own (and the shared time codes, worded for a lesson, not a meeting) read
/// <c>course.formErrors.*</c>; a booking refused by the workflow reads <c>course.bookingErrors.*</c>.
/// </summary>
public static class CourseErrorTexts
{
    private static readonly HashSet<string> Shared = new(StringComparer.Ordinal)
    {
        CourseErrors.Required, CourseErrors.TooLong, CourseErrors.UnknownValue, CourseErrors.InvalidDate, CourseErrors.LooksLikeCpr, CourseErrors.NotAllowed,
    };

    public static string PathOf(string code) => Shared.Contains(code) ? "formErrors." + code : "course.formErrors." + code;

    public static string PathOf(BookingError error) =>
        "course.bookingErrors." + char.ToLowerInvariant(error.ToString()[0]) + error.ToString()[1..];
}
