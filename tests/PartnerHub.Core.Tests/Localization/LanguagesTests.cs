using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Tests.Localization;

public class LanguagesTests
{
    [Theory]
    [InlineData(null, "da")]
    [InlineData("", "da")]
    [InlineData("da-DK", "da")]
    [InlineData("da", "da")]
    [InlineData("en-US", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("EN", "en")]
    [InlineData("ar-SA", "da")]
    [InlineData("eng", "da")]
    [InlineData("english", "da")]
    public void Locale_picks_English_only_when_it_says_English(string? locale, string expected) =>
        Assert.Equal(expected, Languages.FromLocale(locale));

    [Theory]
    [InlineData("da", true, "da")]
    [InlineData("EN", true, "en")]
    [InlineData("de", false, "da")]
    [InlineData("${strings.common.language}", false, "da")]
    [InlineData(null, false, "da")]
    public void Parse_accepts_only_the_two_languages(string? value, bool ok, string expected)
    {
        Assert.Equal(ok, Languages.TryParse(value, out var language));
        Assert.Equal(expected, language);
    }

    [Theory]
    [InlineData(null, null, "da")]
    [InlineData(null, "da", "da")]
    [InlineData(null, "en", "en")]
    [InlineData("en", "da", "en")]
    [InlineData("da", "en", "da")]
    [InlineData("EN", null, "en")]
    [InlineData("de", "en", "en")]
    [InlineData("en-US", "da", "da")]
    [InlineData(null, "fr", "da")]
    public void Her_own_choice_wins_then_the_project_then_Danish(string? personChoice, string? projectLanguage, string expected) =>
        Assert.Equal(expected, Languages.For(personChoice, projectLanguage));
}
