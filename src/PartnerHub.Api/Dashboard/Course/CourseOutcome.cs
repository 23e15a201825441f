using Microsoft.FluentUI.AspNetCore.Components;
using PartnerHub.Api.Course;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Dashboard.Course;

/// <summary>
/// How one action on the Kursus page ended, whichever service answered: the outcome, the errors by field and a
/// workflow's refusal. The page then shows the cohort as stored now with <see cref="Notice"/>, as the Sessions page does.
/// </summary>
public sealed record CourseOutcome(ChangeOutcome Outcome, IReadOnlyDictionary<string, string> Errors, BookingError? Refusal)
{
    public static CourseOutcome From(CohortResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Outcome, result.Errors, result.Refusal);
    }

    public static CourseOutcome From(BookingResultView result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A refusal for bad input is said beside the fields; the others are the workflow's own words.
        return new(result.Outcome, result.Errors, result.Refusal is BookingError.InvalidInput ? null : result.Refusal);
    }

    public bool Applied => Outcome is ChangeOutcome.Changed or ChangeOutcome.Duplicate;

    public bool LostRace => Outcome is ChangeOutcome.Stale or ChangeOutcome.Conflict;

    /// <summary>The dashboard string of the notice, and how it is shown.</summary>
    public (string Key, MessageIntent Intent) Notice(string appliedKey) => Outcome switch
    {
        ChangeOutcome.Changed or ChangeOutcome.Duplicate => (appliedKey, MessageIntent.Success),
        ChangeOutcome.Stale or ChangeOutcome.Conflict => ("course.notices.stale", MessageIntent.Warning),
        ChangeOutcome.InvalidInput => ("course.notices.invalidInput", MessageIntent.Error),
        ChangeOutcome.InvalidTransition => ("course.notices.invalidTransition", MessageIntent.Error),
        ChangeOutcome.NotFound => ("course.notices.notFound", MessageIntent.Error),
        _ => ("course.notices.forbidden", MessageIntent.Error),
    };
}
