using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// The card catalogue (Teams) and the domain (Core) each read a language from a Teams locale, because Teams may not
/// reference Core. Here, where both meet, they must agree on every kind of locale Teams sends.
/// </summary>
public sealed class LanguageRuleTests
{
    [Theory]
    [InlineData(null, "da")]
    [InlineData("", "da")]
    [InlineData("da", "da")]
    [InlineData("da-DK", "da")]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("en-US", "en")]
    [InlineData("en-gb", "en")]
    [InlineData("eng", "da")]
    [InlineData("ar-SA", "da")]
    [InlineData("so", "da")]
    [InlineData("tr-TR", "da")]
    public void Cards_and_domain_pick_the_same_language(string? locale, string expected)
    {
        Assert.Equal(expected, Languages.FromLocale(locale));
        Assert.Equal(expected, CardCatalog.ResolveLanguage(locale));
    }
}
