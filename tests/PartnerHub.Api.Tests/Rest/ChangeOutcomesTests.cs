using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>
/// The one mapping from a change's outcome to the REST answer, and the OpenAPI document that the change endpoints'
/// typed results describe (no hand-written <c>.Produces</c> left to drift).
/// </summary>
public sealed class ChangeOutcomesTests : IClassFixture<AzuriteFixture>
{
    private const string ETag = "W/\"datetime'2026-12-03T10%3A00%3A00Z'\"";

    [Theory]
    [InlineData(ChangeOutcome.Stale, true, 412)]
    [InlineData(ChangeOutcome.Conflict, true, 412)]
    [InlineData(ChangeOutcome.Conflict, false, 409)]
    [InlineData(ChangeOutcome.InvalidTransition, true, 409)]
    [InlineData(ChangeOutcome.InvalidInput, true, 400)]
    public void A_refused_change_answers_its_status_with_the_current_ETag(ChangeOutcome outcome, bool preconditionSent, int status)
    {
        var http = new DefaultHttpContext();

        var refusal = ChangeOutcomes.Refusal(http.Response, outcome, "referral", ETag, preconditionSent);

        Assert.Equal(status, refusal?.StatusCode);
        Assert.Equal(ETag, http.Response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData(ChangeOutcome.NotFound)]
    [InlineData(ChangeOutcome.Forbidden)]
    public void Not_found_and_forbidden_are_the_same_404_without_an_ETag(ChangeOutcome outcome)
    {
        var http = new DefaultHttpContext();

        var refusal = ChangeOutcomes.Refusal(http.Response, outcome, "referral", ETag);

        Assert.Equal(404, refusal?.StatusCode);
        Assert.Empty(http.Response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData(ChangeOutcome.Changed)]
    [InlineData(ChangeOutcome.Duplicate)]
    public void An_applied_change_and_its_retry_are_no_refusal(ChangeOutcome outcome)
    {
        var http = new DefaultHttpContext();

        Assert.Null(ChangeOutcomes.Refusal(http.Response, outcome, "session", ETag));
        Assert.Equal(ETag, http.Response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData(OnwardOutcome.Stale, 412)]
    [InlineData(OnwardOutcome.AlreadyAnswered, 409)]
    [InlineData(OnwardOutcome.Forbidden, 404)]
    public void An_onward_answer_follows_the_same_rule(OnwardOutcome outcome, int status)
    {
        var http = new DefaultHttpContext();

        Assert.Equal(status, ChangeOutcomes.Refusal(http.Response, outcome.ToChangeOutcome(), "onward referral", ETag)?.StatusCode);
        Assert.Null(ChangeOutcomes.Refusal(http.Response, OnwardOutcome.Duplicate.ToChangeOutcome(), "onward referral", ETag));
    }

    [Fact]
    public async Task The_openapi_document_lists_each_change_endpoints_problems_from_its_typed_results()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var paths = (await response.JsonAsync())["paths"]!;
        var expected = new (JsonNode? Operation, string Success, string[] Problems)[]
        {
            (paths["/api/projects/{projectId}/referrals/{referralId}/transitions"]?["post"], "200", ["400", "404", "409", "412", "428"]),
            (paths["/api/projects/{projectId}/onward/{onwardId}/answer"]?["post"], "200", ["400", "404", "409", "412", "428"]),
            (paths["/api/projects/{projectId}/sessions/{sessionId}/minutes"]?["put"], "202", ["400", "404", "409", "412", "413", "415"]),
        };
        foreach (var (operation, success, problems) in expected)
        {
            Assert.NotNull(operation);
            Assert.NotNull(operation["responses"]?[success]?["content"]?["application/json"]);
            foreach (var status in problems)
            {
                Assert.True(
                    operation["responses"]?[status]?["content"]?["application/problem+json"] is not null,
                    $"{operation["operationId"]}: {status} is not declared as a problem");
            }
        }
    }
}
