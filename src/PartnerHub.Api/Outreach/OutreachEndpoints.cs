using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Outreach;

/// <summary>
/// REST: the outreach log for the tab, through the same <see cref="OutreachLog"/> as the card. A neighbourhood mother
/// logs and reads her own entries; the coordinator reads a month's counts, never an entry.
/// </summary>
public static class OutreachEndpoints
{
    private const string Tag = "Outreach";

    public static RouteGroupBuilder MapOutreachEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var outreach = api.MapGroup("/projects/{projectId}/outreach").WithTags(Tag);

        outreach.MapGet("/", ListAsync)
            .RequireProjectRole(ProjectRole.NeighbourhoodMother)
            .WithName("ListOutreach")
            .WithSummary("The neighbourhood mother's own outreach entries, newest first (take 1-50, default 20).");

        outreach.MapPost("/", LogAsync)
            .RequireProjectRole(ProjectRole.NeighbourhoodMother)
            .WithName("LogOutreach")
            .WithSummary("Logs an outreach contact. Idempotency-Key header required; a repeat answers 200 with the entry it created.")
            .WithDescription("Validation errors are keyed by field id (date, kind, women, topics, services), in the language of Accept-Language (da default, en).");

        outreach.MapGet("/{entryId}", GetAsync)
            .RequireProjectRole(ProjectRole.NeighbourhoodMother)
            .WithName("GetOutreach")
            .WithSummary("One of her own entries, its version as the ETag. 404 when absent or not hers.");

        outreach.MapGet("/months/{month}", MonthAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithName("GetOutreachMonth")
            .WithSummary("A month's outreach counts (yyyy-MM): contacts, women, active mothers, by kind, topic and service. Aggregates only.");

        outreach.MapOutreachTopics();
        return api;
    }

    private static async Task<Results<Ok<OutreachListResponse>, ValidationFailed, ForbiddenProblem>> ListAsync(
        HttpContext http, OutreachLog log, int? take, CancellationToken cancellationToken)
    {
        if (take is < 1 or > OutreachLog.MaxListSize)
        {
            return ValidationFailed.Of(new Dictionary<string, string[]> { ["take"] = [$"A whole number from 1 to {OutreachLog.MaxListSize}."] });
        }

        var entries = await log.ListOwnAsync(http.GetCaller().ToActor(), take ?? 20, cancellationToken);
        return entries is null
            ? ForbiddenProblem.Of("Only a neighbourhood mother keeps an outreach log.")
            : TypedResults.Ok(new OutreachListResponse([.. entries.Select(OutreachEntryResponse.From)]));
    }

    private static async Task<Results<Created<OutreachEntryResponse>, Ok<OutreachEntryResponse>, ValidationFailed, ForbiddenProblem>> LogAsync(
        HttpContext http,
        LogOutreachRequest body,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey,
        OutreachLog log,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.Idempotency(idempotencyKey) is not { } key)
        {
            return new ValidationFailed(RestHeaders.IdempotencyKeyRequired("log the contact twice"));
        }

        var result = await log.LogAsync(caller.ToActor(), body.FormInput(log.Today()), "rest|" + key, cancellationToken);
        if (result.Forbidden)
        {
            return ForbiddenProblem.Of("Only a neighbourhood mother keeps an outreach log.");
        }

        if (result.Entry is not { } entry)
        {
            var language = RestHeaders.Language(http.Request);
            var messages = result.Errors.ToDictionary(e => e.Key, e => new[] { catalog.Text(language, "formErrors." + e.Value) }, StringComparer.Ordinal);
            return ValidationFailed.Of(messages, "Some fields need correcting.");
        }

        var location = $"/api/projects/{caller.ProjectId}/outreach/{entry.Id}";
        http.Response.Headers.Location = location;
        var response = OutreachEntryResponse.From(entry);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created(location, response);
    }

    private static async Task<Results<Ok<OutreachEntryResponse>, NotFoundProblem>> GetAsync(
        HttpContext http, string entryId, OutreachLog log, CancellationToken cancellationToken)
    {
        var entry = await log.FindOwnAsync(http.GetCaller().ToActor(), entryId, cancellationToken);
        if (entry is null)
        {
            return NotFoundProblem.Of("Outreach entry not found");
        }

        http.Response.Headers.ETag = OutreachTopicsEndpoints.ETagOf(entry);
        return TypedResults.Ok(OutreachEntryResponse.From(entry));
    }

    private static async Task<Results<Ok<OutreachMonthResponse>, ValidationFailed, ForbiddenProblem>> MonthAsync(
        HttpContext http, string month, OutreachLog log, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || month.Length != 7)
        {
            return ValidationFailed.Of(new Dictionary<string, string[]> { ["month"] = ["A month as yyyy-MM."] });
        }

        var counts = await log.MonthAsync(http.GetCaller().ToActor(), first, cancellationToken);
        return counts is null
            ? ForbiddenProblem.Of("Only the coordinator reads the outreach counts.")
            : TypedResults.Ok(OutreachMonthResponse.From(counts));
    }
}
