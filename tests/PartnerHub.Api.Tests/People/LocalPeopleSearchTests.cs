using PartnerHub.Api.Demo;
using PartnerHub.Api.People;

namespace PartnerHub.Api.Tests.People;

public sealed class LocalPeopleSearchTests
{
    private readonly LocalPeopleSearch _search = new();

    [Fact]
    public async Task The_demo_cast_is_found_by_the_start_of_a_name_in_any_case()
    {
        var found = await _search.SearchAsync("  isR ", CancellationToken.None);

        var isra = Assert.Single(found);
        Assert.Equal(new PersonMatch(DemoData.MotherIsaiah.ObjectId, "Isra", "Isra", DemoData.Vollsmose.Name), isra);
        Assert.True(_search.IsLocal);
    }

    [Fact]
    public async Task Partner_staff_are_told_apart_by_their_organisation()
    {
        var megan = Assert.Single(await _search.SearchAsync("Megan", CancellationToken.None));

        Assert.Equal("Børnehuset Solsikken", megan.Detail);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("lex")]
    [InlineData("Nobody")]
    public async Task One_letter_the_middle_of_a_name_or_a_stranger_finds_nobody(string text) =>
        Assert.Empty(await _search.SearchAsync(text, CancellationToken.None));
}
