using System.Text.RegularExpressions;

namespace PartnerHub.Core.Course;

/// <summary>
/// A project's changes to the default catalogue, in the data file's shape: themes it adds or rewrites (same id =
/// rewritten), default themes it hides, and the order it wants (ids listed first, in that order; the rest after, in
/// catalogue order). Stored per project later; here only its meaning.
/// </summary>
public sealed record ThemeCatalogueOverride
{
    public IReadOnlyList<CourseTheme> Themes { get; init; } = [];

    public IReadOnlyList<string> Hidden { get; init; } = [];

    public IReadOnlyList<string> Order { get; init; } = [];
}

/// <summary>Applies and validates a project's <see cref="ThemeCatalogueOverride"/>. Pure.</summary>
public static partial class ThemeCatalogueEditor
{
    public const int MaxTitleLength = 100;
    public const int MaxThemes = 60;

    public static class Fields
    {
        public const string Themes = "themes";
        public const string Hidden = "hidden";
        public const string Order = "order";

        public static string Theme(int index, string part) => $"themes[{index}].{part}";
    }

    /// <summary>The project's catalogue, or the errors by field (and no catalogue) when the override is not acceptable.</summary>
    public static (ThemeCatalogue? Catalogue, IReadOnlyDictionary<string, string> Errors) Apply(ThemeCatalogue baseline, ThemeCatalogueOverride changes)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(changes);
        var errors = Validate(baseline, changes);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var themes = baseline.Themes.Select(t => changes.Themes.FirstOrDefault(c => c.Id == t.Id) ?? t).ToList();
        themes.AddRange(changes.Themes.Where(c => baseline.Find(c.Id) is null));
        themes.RemoveAll(t => changes.Hidden.Contains(t.Id, StringComparer.Ordinal));
        var ordered = changes.Order.Select(id => themes.Find(t => t.Id == id)).OfType<CourseTheme>()
            .Concat(themes.Where(t => !changes.Order.Contains(t.Id, StringComparer.Ordinal)))
            .ToList();
        return (baseline with { Themes = ordered }, errors);
    }

    private static Dictionary<string, string> Validate(ThemeCatalogue baseline, ThemeCatalogueOverride changes)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (changes.Themes.Count > MaxThemes)
        {
            errors[Fields.Themes] = CourseErrors.TooLong;
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Themes.Count; i++)
        {
            var theme = changes.Themes[i];
            if (!IsValidId(theme.Id))
            {
                errors[Fields.Theme(i, "id")] = CourseErrors.InvalidId;
            }
            else if (!seen.Add(theme.Id))
            {
                errors[Fields.Theme(i, "id")] = CourseErrors.Duplicate;
            }

            CheckTitle(theme.Title.Da, Fields.Theme(i, "title.da"), errors);
            CheckTitle(theme.Title.En, Fields.Theme(i, "title.en"), errors);
            if (!baseline.TeacherRoles.ContainsKey(theme.TeacherRole))
            {
                errors[Fields.Theme(i, "teacherRole")] = CourseErrors.UnknownValue;
            }
        }

        var known = baseline.Themes.Select(t => t.Id).Concat(seen).ToHashSet(StringComparer.Ordinal);
        CheckIds(changes.Hidden, known, Fields.Hidden, errors);
        CheckIds(changes.Order, known, Fields.Order, errors);
        return errors;
    }

    private static void CheckTitle(string text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = CourseErrors.Required;
        }
        else if (text.Length > MaxTitleLength)
        {
            errors[field] = CourseErrors.TooLong;
        }
    }

    private static void CheckIds(IReadOnlyList<string> ids, HashSet<string> known, string field, Dictionary<string, string> errors)
    {
        if (ids.Any(id => !known.Contains(id)))
        {
            errors[field] = CourseErrors.NotFound;
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            errors[field] = CourseErrors.Duplicate;
        }
    }

    /// <summary>Theme ids go into storage keys and card data: lowercase letters, digits and hyphens, 2-40 characters.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,39}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
