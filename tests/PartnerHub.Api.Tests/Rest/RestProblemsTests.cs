using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Tests.Bot;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>
/// Every error status the REST plumbing produces is RFC 7807 <c>application/problem+json</c> with a traceId. A small
/// host with the same plumbing (AddPartnerHubRestApi, the error pages, UsePartnerHubRestApi) and endpoints that fail on purpose.
/// </summary>
public sealed class RestProblemsTests : IAsyncLifetime
{
    private WebApplication? _app;

    private HttpClient Client => _app!.GetTestClient();

    public sealed record Body(string Name);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["AzureAd:TenantId"] = RestHost.TenantId;
        builder.Configuration["AzureAd:ClientId"] = RestHost.ClientId;
        builder.Services.AddPartnerHubRestApi(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<ICallerDirectory>(new InMemoryCallerDirectory());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePartnerHubRestApi();
        app.MapGet("/fail/validation", () => RestProblems.Validation(new Dictionary<string, string[]> { ["firstName"] = ["Required."] }));
        app.MapGet("/fail/precondition", () => RestProblems.PreconditionFailed());
        app.MapGet("/fail/conflict", () => RestProblems.Conflict());
        app.MapGet("/fail/not-found", () => RestProblems.NotFound("Referral not found"));
        app.MapGet("/fail/throw", IResult () => throw new InvalidOperationException("boom"));
        app.MapPost("/fail/body", (Body body) => Results.Ok(body));
        app.MapPartnerHubRestApi().MapGet("/protected", () => Results.Ok());
        await app.StartAsync();
        _app = app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/fail/validation", HttpStatusCode.BadRequest)]
    [InlineData("/fail/precondition", HttpStatusCode.PreconditionFailed)]
    [InlineData("/fail/conflict", HttpStatusCode.Conflict)]
    [InlineData("/fail/not-found", HttpStatusCode.NotFound)]
    [InlineData("/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("/fail/throw", HttpStatusCode.InternalServerError)]
    [InlineData("/api/protected", HttpStatusCode.Unauthorized)]
    public async Task Error_status_is_a_problem_document(string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await Client.SendAsync(request);

        await RestAuthenticationTests.AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task Validation_problem_lists_errors_by_field()
    {
        using var response = await Client.GetAsync("/fail/validation");

        var problem = await response.JsonAsync();
        Assert.Equal("Required.", (string?)problem["errors"]?["firstName"]?[0]);
    }

    [Fact]
    public async Task Malformed_body_is_a_400_problem()
    {
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync("/fail/body", content);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Method_not_allowed_is_a_405_problem()
    {
        using var response = await Client.DeleteAsync("/fail/conflict");

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public void RequireProjectRole_without_roles_is_refused_at_startup() =>
        Assert.Throws<ArgumentException>(() => ((IEndpointRouteBuilder)_app!).MapGet("/x/{projectId}", () => Results.Ok()).RequireProjectRole());

    [Fact]
    public void Handler_without_the_project_filter_has_no_caller()
    {
        var http = new DefaultHttpContext();
        Assert.Throws<InvalidOperationException>(() => http.GetCaller());
    }
}
