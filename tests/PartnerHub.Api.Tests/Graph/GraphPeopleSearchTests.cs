using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnerHub.Api.Graph;
using PartnerHub.Api.People;
using PartnerHub.Api.Tests.Infrastructure;
using WireMock.RequestBuilders;

namespace PartnerHub.Api.Tests.Graph;

/// <summary>The people search against WireMock as Graph, through the real SDK pipeline.</summary>
public sealed class GraphPeopleSearchTests : IDisposable
{
    private readonly GraphStub _graph = new();
    private readonly LogSink _logs = new();
    private readonly GraphPeopleSearch _search;

    public GraphPeopleSearchTests()
    {
        var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _search = new GraphPeopleSearch(_graph.Client, loggerFactory.CreateLogger<GraphPeopleSearch>());
    }

    [Fact]
    public async Task A_search_sends_the_escaped_text_as_two_quoted_terms_with_ConsistencyLevel_eventual_and_a_minimal_select()
    {
        GivenUsers(new JsonArray(
            User("c0ffee00-0000-4000-8000-000000000001", "Fatima Ali", "Fatima", "Socialrådgiver", "Familieafdelingen"),
            User("c0ffee00-0000-4000-8000-000000000002", "Fatima Ali", null, null, "Sundhedsplejen")));

        var found = await _search.SearchAsync("  Fa\"ti \\ma  ", CancellationToken.None);

        var request = Assert.Single(_graph.Requests("GET", "/v1.0/users"));
        Assert.Equal("\"displayName:Fa\\\"ti \\\\ma\" OR \"givenName:Fa\\\"ti \\\\ma\"", GraphStub.Query(request, "$search"));
        Assert.Equal("eventual", GraphStub.Header(request, "ConsistencyLevel"));
        Assert.Equal("id,displayName,givenName,jobTitle,department", GraphStub.Query(request, "$select"));
        Assert.Equal("10", GraphStub.Query(request, "$top"));
        // The text travels percent-encoded: no raw quote or space in the URL.
        Assert.DoesNotContain('"', request.RawQuery);
        Assert.DoesNotContain(' ', request.RawQuery);
        Assert.Equal(
            [
                new PersonMatch("c0ffee00-0000-4000-8000-000000000001", "Fatima Ali", "Fatima", "Socialrådgiver · Familieafdelingen"),
                new PersonMatch("c0ffee00-0000-4000-8000-000000000002", "Fatima Ali", "Fatima", "Sundhedsplejen"),
            ],
            found);
    }

    [Fact]
    public async Task A_long_text_is_capped_before_it_reaches_Graph()
    {
        GivenUsers([]);

        await _search.SearchAsync(new string('a', 500), CancellationToken.None);

        var request = Assert.Single(_graph.Requests("GET", "/v1.0/users"));
        var expected = new string('a', PeopleSearchText.MaxLength);
        Assert.Equal($"\"displayName:{expected}\" OR \"givenName:{expected}\"", GraphStub.Query(request, "$search"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("F")]
    [InlineData("  F \t")]
    [InlineData("\u0000F\u200B")]
    public async Task Fewer_than_two_characters_find_nobody_and_call_nothing(string? text)
    {
        GivenUsers(new JsonArray(User("c0ffee00-0000-4000-8000-000000000001", "Fatima Ali", "Fatima", null, null)));

        var found = await _search.SearchAsync(text, CancellationToken.None);

        Assert.Empty(found);
        Assert.Empty(_graph.Requests());
    }

    [Fact]
    public async Task Graph_refusing_the_search_is_a_clear_failure_naming_the_permission_and_the_text_is_not_logged()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet())
            .RespondWith(GraphStub.Json(403, JsonNode.Parse("""{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}""")!));

        var failure = await Assert.ThrowsAsync<PeopleSearchUnavailableException>(() => _search.SearchAsync("Zainab", CancellationToken.None));

        Assert.Equal(403, failure.StatusCode);
        Assert.Contains("User.ReadBasic.All", failure.Message, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, line => line.Contains("refused the people search (403)", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines.Concat(_graph.Logs.Lines), line => line.Contains("Zainab", StringComparison.OrdinalIgnoreCase));
    }

    private void GivenUsers(JsonArray users) =>
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = users }));

    private static JsonObject User(string id, string displayName, string? givenName, string? jobTitle, string? department) => new()
    {
        ["id"] = id,
        ["displayName"] = displayName,
        ["givenName"] = givenName,
        ["jobTitle"] = jobTitle,
        ["department"] = department,
    };

    public void Dispose() => _graph.Dispose();
}
