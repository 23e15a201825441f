namespace PartnerHub.Core.Course;

/// <summary>
/// The course's validation codes, keyed by field like <see cref="Supervision.SessionForm.Errors"/>: the card shows
/// each beside its field and REST returns them in problem details, both in the reader's language. The shared codes
/// are spelled as the other forms spell them, so their existing texts ("formErrors.*") apply.
/// </summary>
public static class CourseErrors
{
    public const string Required = "required";
    public const string TooLong = "tooLong";
    public const string UnknownValue = "unknownValue";
    public const string InvalidDate = "invalidDate";
    public const string InvalidTime = "invalidTime";
    public const string NonexistentTime = "nonexistentTime";
    public const string EndNotAfterStart = "endNotAfterStart";
    public const string DurationTooLong = "durationTooLong";
    public const string InPast = "inPast";
    public const string TooFarAhead = "tooFarAhead";
    public const string LooksLikeCpr = "looksLikeCpr";

    /// <summary>The start date is not on the course's weekday.</summary>
    public const string WeekdayMismatch = "weekdayMismatch";

    /// <summary>The number of weeks is not a whole number in 1..30.</summary>
    public const string WeeksOutOfRange = "weeksOutOfRange";

    /// <summary>A theme or holiday id that is not plain (lowercase letters, digits, hyphens).</summary>
    public const string InvalidId = "invalidId";

    /// <summary>The same id (or date) twice.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>No session, theme or participant by that id.</summary>
    public const string NotFound = "notFound";

    /// <summary>A Danish public holiday: no session is planned on one.</summary>
    public const string PublicHoliday = "publicHoliday";

    /// <summary>In one of the project's school holidays.</summary>
    public const string SchoolHoliday = "schoolHoliday";

    /// <summary>Another session of the course is already on that date.</summary>
    public const string DateTaken = "dateTaken";

    /// <summary>A cancelled session: it can no longer be moved, reordered or booked.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>A counter-proposal on another weekday than the course's, without saying so.</summary>
    public const string NotCourseWeekday = "notCourseWeekday";

    /// <summary>A holiday range that ends before it starts or is longer than a school holiday can be.</summary>
    public const string InvalidRange = "invalidRange";

    /// <summary>A percentage outside 1..100.</summary>
    public const string OutOfRange = "outOfRange";

    /// <summary>A number of days outside 1..30 (the reminder policy).</summary>
    public const string DaysOutOfRange = "daysOutOfRange";

    /// <summary>The list does not name each of the plan's sessions exactly once.</summary>
    public const string NotAPermutation = "notAPermutation";

    /// <summary>The cohort already has as many participants as one cohort can hold.</summary>
    public const string CohortFull = "cohortFull";

    /// <summary>A field this person may not correct (the words are someone else's).</summary>
    public const string NotAllowed = "notAllowed";
}
