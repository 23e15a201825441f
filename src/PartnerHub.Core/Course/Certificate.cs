using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Course;

/// <summary>
/// What a neighbourhood mother's certificate ("bydelsmødre-bevis") says, in one language, every text ready to print:
/// her name, the project, the course period (Copenhagen date format, <see cref="CopenhagenDates"/>), the themes
/// covered and the coordinator who signs it.
/// </summary>
public sealed record CertificateContent(
    string Language,
    string ParticipantName,
    string ProjectName,
    string Period,
    IReadOnlyList<string> Themes,
    string CoordinatorName)
{
    public bool Equals(CertificateContent? other) =>
        other is not null && Language == other.Language && ParticipantName == other.ParticipantName && ProjectName == other.ProjectName
        && Period == other.Period && Themes.SequenceEqual(other.Themes) && CoordinatorName == other.CoordinatorName;

    public override int GetHashCode() => HashCode.Combine(ParticipantName, ProjectName, Period);
}

/// <summary>Builds a certificate's content. Pure.</summary>
public static class Certificate
{
    /// <summary>
    /// The certificate of a participant who completed, or null when she did not (<see cref="Completion"/>). Themes
    /// covered: the held sessions' themes in date order, each once; open sessions and cancelled weeks are left out.
    /// </summary>
    public static CertificateContent? For(
        CourseParticipant participant,
        string projectName,
        string coordinatorName,
        CoursePlan plan,
        ThemeCatalogue catalogue,
        AttendanceRegister register,
        CompletionRule rule,
        DateOnly asOf,
        string language)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!Completion.Of(participant, plan, register, rule, asOf).Completed)
        {
            return null;
        }

        var held = plan.Counting.Where(s => s.Date <= asOf).OrderBy(s => s.Date).ToList();
        var themes = held.Select(s => catalogue.Find(s.ThemeId)?.Title.For(language)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var period = CopenhagenDates.Date(held[0].Date, language) + " – " + CopenhagenDates.Date(held[^1].Date, language);
        return new CertificateContent(language, participant.Name, projectName, period, themes, coordinatorName);
    }
}
