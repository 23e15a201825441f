using System.Net;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>What the REST API is in each environment: documented only in Development, never anonymous anywhere.</summary>
public sealed class RestHostingTests : IClassFixture<AzuriteFixture>
{
    private const string Person = "8d1e0f3a-0000-4000-8000-0000000d0c00";

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    public async Task OpenApi_and_Scalar_are_served_in_Development(string path)
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync(path, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_declares_the_bearer_scheme()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var document = await response.JsonAsync();
        var scheme = document["components"]?["securitySchemes"]?[RestApi.AuthenticationScheme];
        Assert.Equal("http", (string?)scheme?["type"]);
        Assert.Equal("bearer", (string?)scheme?["scheme"]);
        Assert.NotNull(document["security"]?[0]?[RestApi.AuthenticationScheme]);
        // The bot's door and the health probe are not part of the REST contract.
        Assert.Null(document["paths"]?["/api/messages"]);
        Assert.Null(document["paths"]?["/health"]);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    public async Task OpenApi_and_Scalar_are_absent_in_Production(string path)
    {
        using var host = new RestHost(environment: "Production");

        using var response = await host.GetAsync(path, token: null);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Development_without_AzureAd_fails_closed_with_401_even_for_a_well_signed_token()
    {
        using var host = new RestHost(environment: "Development", configureEntra: false);
        await host.SeedProjectAsync("vollsmose");
        await host.GrantAsync(Person, "vollsmose", ProjectRole.Coordinator);

        using var anonymous = await host.GetAsync("/api/projects/vollsmose", token: null);
        using var signed = await host.GetAsync("/api/projects/vollsmose", host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await RestAuthenticationTests.AssertProblemAsync(signed, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", signed.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(RestAuthenticationMode.Unavailable, host.Services.GetRequiredService<RestApiSettings>().Mode);
    }

    [Fact]
    public void Production_without_AzureAd_refuses_to_start()
    {
        using var host = new RestHost(environment: "Production", configureEntra: false);

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("AzureAd__TenantId", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", null, null, RestAuthenticationMode.Unavailable)]
    [InlineData("Development", "tenant", "client", RestAuthenticationMode.Entra)]
    [InlineData("Production", "tenant", "client", RestAuthenticationMode.Entra)]
    [InlineData("Staging", "tenant", "client", RestAuthenticationMode.Entra)]
    public void Decide_accepts_complete_or_development_only_absent_settings(string environment, string? tenantId, string? clientId, RestAuthenticationMode expected) =>
        Assert.Equal(expected, RestApiHostingMode.Decide(environment, AzureAd(tenantId, clientId)));

    [Theory]
    [InlineData("Production", null, null, "AzureAd__TenantId and AzureAd__ClientId are not set")]
    [InlineData("Staging", "", " ", "AzureAd__TenantId and AzureAd__ClientId are not set")]
    [InlineData("Production", "tenant", null, "AzureAd__ClientId is not set")]
    [InlineData("Development", null, "client", "AzureAd__TenantId is not set")]
    public void Decide_refuses_missing_or_half_settings_with_what_to_set(string environment, string? tenantId, string? clientId, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RestApiHostingMode.Decide(environment, AzureAd(tenantId, clientId)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_outside_Development_is_a_500_problem_without_exception_details()
    {
        using var host = new RestHost(services: services => services.AddSingleton<ICallerDirectory>(new ThrowingDirectory(new InvalidOperationException("canary-secret-detail"))));

        using var response = await host.GetAsync("/api/projects/vollsmose", host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("canary-secret-detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(409)]
    public async Task Storage_concurrency_failure_is_a_409_problem(int storageStatus)
    {
        using var host = new RestHost(services: services => services.AddSingleton<ICallerDirectory>(
            new ThrowingDirectory(new RequestFailedException(storageStatus, "storage said no"))));

        using var response = await host.GetAsync("/api/projects/vollsmose", host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    private static IConfiguration AzureAd(string? tenantId, string? clientId) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TenantId"] = tenantId,
            ["ClientId"] = clientId,
        }).Build();

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is { } inner ? " | " + Flatten(inner) : string.Empty);

    private sealed class ThrowingDirectory(Exception error) : ICallerDirectory
    {
        public Task<IReadOnlyList<ProjectMembership>> MembershipsAsync(string tenantId, string objectId, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<ProjectMembership>>(error);
    }
}
