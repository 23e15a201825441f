using PartnerHub.Api.Demo;
using PartnerHub.Api.People;

namespace PartnerHub.Api.Tests.People;

public sealed class LocalPersonLookupTests
{
    private readonly LocalPersonLookup _lookup = new();

    [Fact]
    public async Task Any_well_formed_id_is_an_enabled_member_without_a_given_name()
    {
        var person = await _lookup.FindAsync("3F2B8C1E-5D4A-4B7E-9C21-7A0D6E4F1B92", CancellationToken.None);

        Assert.Equal(new PersonLookupResult.Found("3f2b8c1e-5d4a-4b7e-9c21-7a0d6e4f1b92", null, IsGuest: false, AccountEnabled: true), person);
    }

    [Fact]
    public async Task The_demo_cast_is_known_by_first_name()
    {
        var person = Assert.IsType<PersonLookupResult.Found>(await _lookup.FindAsync(DemoData.MotherAdele.ObjectId, CancellationToken.None));

        Assert.Equal("Adele", person.GivenName);
    }

    [Theory]
    [InlineData("adele@vollsmose.dk")]
    [InlineData("")]
    public async Task Anything_but_a_GUID_is_not_found(string objectId)
    {
        Assert.IsType<PersonLookupResult.NotFound>(await _lookup.FindAsync(objectId, CancellationToken.None));
    }
}
