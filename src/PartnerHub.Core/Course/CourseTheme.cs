using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Course;

/// <summary>A text in both of PartnerHub's languages (a theme's title, a teacher role's name).</summary>
public sealed record LocalizedText(string Da, string En)
{
    public string For(string language) => language == Languages.English ? En : Da;
}

/// <summary>
/// One theme a course session can be about (the brochure's "Eksempler på temaer"), with who typically teaches it
/// (a key into <see cref="ThemeCatalogue.TeacherRoles"/>) and whether the session is an excursion to an institution.
/// </summary>
public sealed record CourseTheme(string Id, LocalizedText Title, string TeacherRole, bool IsExcursion);
