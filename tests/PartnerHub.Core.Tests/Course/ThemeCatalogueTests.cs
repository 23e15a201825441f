using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Tests.Course;

public sealed class ThemeCatalogueTests
{
    private static readonly ThemeCatalogue Default = ThemeCatalogue.Default;

    [Fact]
    public void The_default_catalogue_holds_the_brochures_themes_in_both_languages()
    {
        Assert.Equal(13, Default.Themes.Count);
        Assert.All(Default.Themes, t =>
        {
            Assert.True(ThemeCatalogueEditor.IsValidId(t.Id), t.Id);
            Assert.False(string.IsNullOrWhiteSpace(t.Title.Da), t.Id);
            Assert.False(string.IsNullOrWhiteSpace(t.Title.En), t.Id);
            Assert.True(Default.TeacherRoles.ContainsKey(t.TeacherRole), t.TeacherRole);
        });
        Assert.Equal(Default.Themes.Count, Default.Themes.Select(t => t.Id).Distinct().Count());
        Assert.Equal(["job-centre", "social-centre", "womens-centre", "kindergarten", "school"], Default.Themes.Where(t => t.IsExcursion).Select(t => t.Id));
    }

    [Theory]
    [InlineData("child-rearing", Languages.Danish, "Dansk og arabisk børneopdragelse", "Familieterapeut")]
    [InlineData("child-rearing", Languages.English, "Danish and Arab child-rearing", "Family therapist")]
    [InlineData("health", Languages.Danish, "Sundhed, kost og motion", "Sundhedsplejerske")]
    [InlineData("health", Languages.English, "Health, diet and exercise", "Health visitor")]
    [InlineData("outreach-area", Languages.English, "Outreach in the area", "Street-level worker")]
    public void A_theme_has_its_title_and_typical_teacher_in_each_language(string id, string language, string title, string teacher)
    {
        var theme = Default.Find(id)!;

        Assert.Equal(title, theme.Title.For(language));
        Assert.Equal(teacher, Default.TeacherRoleName(theme, language));
    }

    [Fact]
    public void A_project_rewrites_hides_adds_and_reorders_themes()
    {
        var changes = new ThemeCatalogueOverride
        {
            Themes =
            [
                new CourseTheme("health", new LocalizedText("Sundhed og trivsel", "Health and well-being"), "healthVisitor", false),
                new CourseTheme("library", new LocalizedText("Besøg på biblioteket", "Visit to the library"), "host", true),
            ],
            Hidden = ["youth-alcohol-drugs", "school"],
            Order = ["library", "concept"],
        };

        var (catalogue, errors) = ThemeCatalogueEditor.Apply(Default, changes);

        Assert.Empty(errors);
        Assert.Equal(["library", "concept", "child-rearing", "health"], catalogue!.Themes.Take(4).Select(t => t.Id));
        Assert.Equal("Health and well-being", catalogue.Find("health")!.Title.En);
        Assert.Null(catalogue.Find("youth-alcohol-drugs"));
        Assert.Null(catalogue.Find("school"));
        Assert.Equal(Default.Themes.Count - 1, catalogue.Themes.Count);
        Assert.Equal(13, Default.Themes.Count);
    }

    [Fact]
    public void An_empty_override_is_the_default()
    {
        var (catalogue, errors) = ThemeCatalogueEditor.Apply(Default, new ThemeCatalogueOverride());

        Assert.Empty(errors);
        Assert.Equal(Default.Themes, catalogue!.Themes);
    }

    [Fact]
    public void A_bad_override_is_refused_field_by_field()
    {
        var changes = new ThemeCatalogueOverride
        {
            Themes =
            [
                new CourseTheme("Bad Id", new LocalizedText("x", "x"), "host", false),
                new CourseTheme("ok-id", new LocalizedText("", new string('x', 101)), "astronaut", false),
                new CourseTheme("ok-id", new LocalizedText("y", "y"), "host", false),
            ],
            Hidden = ["no-such-theme"],
            Order = ["concept", "concept"],
        };

        var (catalogue, errors) = ThemeCatalogueEditor.Apply(Default, changes);

        Assert.Null(catalogue);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["themes[0].id"] = CourseErrors.InvalidId,
                ["themes[1].title.da"] = CourseErrors.Required,
                ["themes[1].title.en"] = CourseErrors.TooLong,
                ["themes[1].teacherRole"] = CourseErrors.UnknownValue,
                ["themes[2].id"] = CourseErrors.Duplicate,
                ["hidden"] = CourseErrors.NotFound,
                ["order"] = CourseErrors.Duplicate,
            },
            errors);
    }

    [Fact]
    public void Parse_reads_the_data_files_shape()
    {
        var catalogue = ThemeCatalogue.Parse("""
            { "teacherRoles": { "host": { "da": "Vært", "en": "Host" } },
              "themes": [ { "id": "museum", "title": { "da": "Museum", "en": "Museum" }, "teacherRole": "host", "excursion": true } ] }
            """);

        Assert.Equal([new CourseTheme("museum", new LocalizedText("Museum", "Museum"), "host", true)], catalogue.Themes);
        Assert.Equal("Vært", catalogue.TeacherRoleName(catalogue.Themes[0], Languages.Danish));
    }
}
