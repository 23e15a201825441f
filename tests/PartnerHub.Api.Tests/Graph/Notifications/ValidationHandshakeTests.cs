using System.Net;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph.Notifications;

/// <remarks>
/// One host for the class (cost): a handshake stores nothing, so the tests cannot see each other; the last keeps a
/// host of its own, as it asserts on everything stored.
/// </remarks>
public sealed class ValidationHandshakeTests(GraphNotificationHostFixture shared) : IClassFixture<AzuriteFixture>, IClassFixture<GraphNotificationHostFixture>
{
    public static TheoryData<string> Paths => new() { GraphNotificationEndpoints.NotificationsPath, GraphNotificationEndpoints.LifecyclePath };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task The_token_comes_back_exactly_as_plain_text(string path)
    {
        var host = shared.Host;
        const string token = "Validation: Testing client application reachability for subscription Request-Id: 7d1a2b3c-0000-4000-8000-000000000001";

        using var response = await host.CreateClient().PostAsync(path + "?validationToken=" + Uri.EscapeDataString(token), content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(token, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Graphs_form_encoding_is_decoded_plus_as_space(string path)
    {
        var host = shared.Host;

        // As Graph sends it: ':' percent-encoded, spaces as '+'.
        using var response = await host.CreateClient().PostAsync(path + "?validationToken=Validation%3a+Testing+client+application+reachability", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Validation: Testing client application reachability", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_token_with_markup_is_returned_as_inert_plain_text_never_html(string path)
    {
        var host = shared.Host;
        const string token = "<script>alert('x')</script>&<b>";

        using var response = await host.CreateClient().PostAsync(path + "?validationToken=" + Uri.EscapeDataString(token), content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(token, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task An_overlong_or_repeated_token_is_refused_without_echo(string path)
    {
        var host = shared.Host;
        var longToken = "<i>" + new string('a', GraphNotificationEndpoints.MaxValidationTokenLength);

        using var tooLong = await host.CreateClient().PostAsync(path + "?validationToken=" + Uri.EscapeDataString(longToken), content: null);
        using var twice = await host.CreateClient().PostAsync(path + "?validationToken=one-token&validationToken=two-token", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.DoesNotContain("<i>", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.DoesNotContain("one-token", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_handshake_answers_before_any_subscription_exists_and_stores_nothing()
    {
        using var host = new GraphNotificationHost();

        using var response = await host.CreateClient().PostAsync(GraphNotificationEndpoints.NotificationsPath + "?validationToken=abc", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await host.AllStoredValuesAsync());
    }
}
