using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerHub.Core.Course;

/// <summary>
/// The themes a project's courses are planned from, in the order the plan proposes them, and the names of the teacher
/// roles they refer to. The default comes from data/course-themes.json, embedded in this assembly; a project edits it
/// with a <see cref="ThemeCatalogueOverride"/> (<see cref="ThemeCatalogueEditor"/>).
/// </summary>
public sealed record ThemeCatalogue(IReadOnlyList<CourseTheme> Themes, IReadOnlyDictionary<string, LocalizedText> TeacherRoles)
{
    private const string ResourceName = "PartnerHub.Core.Course.course-themes.json";

    private static readonly Lazy<ThemeCatalogue> DefaultCatalogue = new(LoadDefault);

    /// <summary>The catalogue every project starts from.</summary>
    public static ThemeCatalogue Default => DefaultCatalogue.Value;

    public CourseTheme? Find(string? id) => id is null ? null : Themes.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>The name of a theme's typical teacher role in the language, or the key itself when the role is unknown.</summary>
    public string TeacherRoleName(CourseTheme theme, string language)
    {
        ArgumentNullException.ThrowIfNull(theme);
        return TeacherRoles.TryGetValue(theme.TeacherRole, out var name) ? name.For(language) : theme.TeacherRole;
    }

    /// <summary>Reads a catalogue in the data file's shape. Throws <see cref="JsonException"/> on a malformed file.</summary>
    public static ThemeCatalogue Parse(string json)
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(json, CatalogueJson.Options) ?? throw new JsonException("Empty catalogue.");
        var roles = (file.TeacherRoles ?? []).ToDictionary(r => r.Key, r => r.Value.ToText(), StringComparer.Ordinal);
        var themes = (file.Themes ?? []).Select(t => t.ToTheme()).ToList();
        return new ThemeCatalogue(themes, roles);
    }

    private static ThemeCatalogue LoadDefault()
    {
        // An embedded resource of this assembly, not a file: Core does no I/O, and the catalogue cannot go missing.
        using var stream = typeof(ThemeCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal sealed record CatalogueFile(
        [property: JsonPropertyName("teacherRoles")] Dictionary<string, TextJson>? TeacherRoles,
        [property: JsonPropertyName("themes")] List<ThemeJson>? Themes);
}

/// <summary>The JSON shapes of the catalogue file and of a project's override (one shape for both themes).</summary>
internal static class CatalogueJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = false, ReadCommentHandling = JsonCommentHandling.Skip };
}

internal sealed record TextJson([property: JsonPropertyName("da")] string? Da, [property: JsonPropertyName("en")] string? En)
{
    public LocalizedText ToText() => new(Da ?? string.Empty, En ?? string.Empty);
}

internal sealed record ThemeJson(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("title")] TextJson? Title,
    [property: JsonPropertyName("teacherRole")] string? TeacherRole,
    [property: JsonPropertyName("excursion")] bool Excursion)
{
    public CourseTheme ToTheme() => new(Id ?? string.Empty, Title?.ToText() ?? new LocalizedText(string.Empty, string.Empty), TeacherRole ?? string.Empty, Excursion);
}
