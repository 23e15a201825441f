using PartnerHub.Api.Graph;
using PartnerHub.Api.People;

namespace PartnerHub.Api.Tests.Graph;

/// <summary>The chosen person's lookup against WireMock in Graph's place, through the real SDK pipeline.</summary>
public sealed class GraphPersonLookupTests : IDisposable
{
    private const string Amina = "5e7a9c1b-3d2f-4b6a-8e1c-5f7a9b3d1e2c";
    private readonly GraphStub _graph = new();
    private readonly GraphPersonLookup _lookup;

    public GraphPersonLookupTests()
    {
        _lookup = new GraphPersonLookup(_graph.Client);
    }

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task A_member_of_the_tenant_is_found_with_her_given_name_and_only_the_four_fields_are_asked_for()
    {
        _graph.GivenPerson(Amina, "Amina", "Member", accountEnabled: true);

        var person = await _lookup.FindAsync(Amina, CancellationToken.None);

        Assert.Equal(new PersonLookupResult.Found(Amina, "Amina", IsGuest: false, AccountEnabled: true), person);
        var request = Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Amina}"));
        Assert.Equal("id,givenName,userType,accountEnabled", GraphStub.Query(request, "$select"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(request, "Authorization"));
    }

    [Fact]
    public async Task An_id_no_account_has_is_not_found()
    {
        _graph.GivenNoPerson(Amina);

        Assert.IsType<PersonLookupResult.NotFound>(await _lookup.FindAsync(Amina, CancellationToken.None));
    }

    [Fact]
    public async Task A_guest_is_found_as_a_guest()
    {
        _graph.GivenPerson(Amina, "Grace", "Guest", accountEnabled: true);

        var person = Assert.IsType<PersonLookupResult.Found>(await _lookup.FindAsync(Amina, CancellationToken.None));

        Assert.True(person.IsGuest);
        Assert.True(person.InTenant.IsGuest);
    }

    [Fact]
    public async Task A_disabled_account_is_found_as_disabled()
    {
        _graph.GivenPerson(Amina, "Amina", "Member", accountEnabled: false);

        var person = Assert.IsType<PersonLookupResult.Found>(await _lookup.FindAsync(Amina, CancellationToken.None));

        Assert.False(person.AccountEnabled);
        Assert.False(person.InTenant.AccountEnabled);
    }

    [Fact]
    public async Task An_upper_case_id_is_asked_for_in_its_canonical_form()
    {
        _graph.GivenPerson(Amina, "Amina", "Member", accountEnabled: true);

        var person = Assert.IsType<PersonLookupResult.Found>(await _lookup.FindAsync(Amina.ToUpperInvariant(), CancellationToken.None));

        Assert.Equal(Amina, person.ObjectId);
    }

    [Theory]
    [InlineData("amina@vollsmose.dk")]
    [InlineData("../me")]
    [InlineData("5e7a9c1b-3d2f-4b6a-8e1c-5f7a9b3d1e2c?$select=mail")]
    [InlineData("")]
    public async Task Anything_but_a_GUID_is_not_found_and_never_reaches_Graph(string objectId)
    {
        Assert.IsType<PersonLookupResult.NotFound>(await _lookup.FindAsync(objectId, CancellationToken.None));
        Assert.Empty(_graph.Requests());
    }

    [Fact]
    public async Task Graph_failing_otherwise_is_not_taken_for_an_unknown_person()
    {
        _graph.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/v1.0/users/{Amina}").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}"""));

        // A missing permission must not turn into "not in your organisation": it surfaces as the failure it is.
        var failure = await Assert.ThrowsAsync<PersonLookupUnavailableException>(() => _lookup.FindAsync(Amina, CancellationToken.None));
        Assert.Equal("graph403", failure.Reason);
    }
}
