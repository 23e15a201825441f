using PartnerHub.Api.People;

namespace PartnerHub.Api.Tests.People;

public sealed class PeopleSearchTextTests
{
    [Theory]
    [InlineData("  Fatima   Ali ", "Fatima Ali")]
    [InlineData("Fa\u0000ti\u200Bma", "Fatima")]
    [InlineData("Fa", "Fa")]
    [InlineData("F", null)]
    [InlineData(" \t ", null)]
    [InlineData(null, null)]
    public void Text_is_trimmed_collapsed_and_cleaned_and_under_two_characters_is_nothing(string? text, string? expected) =>
        Assert.Equal(expected, PeopleSearchText.Normalize(text));

    [Fact]
    public void Text_is_capped() =>
        Assert.Equal(PeopleSearchText.MaxLength, PeopleSearchText.Normalize(new string('x', 200))!.Length);

    [Theory]
    [InlineData("Fatima", "Fatima Ali", "Fatima")]
    [InlineData(null, "Fatima Ali", "Fatima")]
    [InlineData(" ", "Birgitte", "Birgitte")]
    public void The_first_name_is_the_given_name_else_the_display_names_first_word(string? givenName, string displayName, string expected) =>
        Assert.Equal(expected, PeopleSearchText.FirstNameOf(givenName, displayName));
}
