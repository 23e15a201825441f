using System.Text.RegularExpressions;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>Where a meeting she marked stands: "adopted" (a session, <paramref name="SessionId"/>) or "pending" (adopted once it reaches PartnerHub with the category).</summary>
public sealed record OutlookEventResponse(string ProjectId, string EventId, string Status, string? SessionId, int? Version);

/// <summary>
/// <c>PUT /api/projects/{projectId}/outlook-events/{eventId}</c>: the coordinator marks a meeting on her own Outlook
/// calendar as a session of this project (the Outlook pane; the answer to "which project?"). Idempotent.
/// </summary>
public static partial class OutlookEventEndpoints
{
    public const int MaxEventIdLength = 512;

    /// <param name="named">False for the Outlook pane's local demo copy: endpoint names (OpenAPI operation ids) must be unique.</param>
    public static RouteGroupBuilder MapOutlookEventEndpoints(this RouteGroupBuilder api, bool named = true)
    {
        ArgumentNullException.ThrowIfNull(api);
        var endpoint = api.MapPut("/projects/{projectId}/outlook-events/{eventId}", PutAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .DisableAntiforgery()
            .WithTags("Sessions")
            .Produces<OutlookEventResponse>(StatusCodes.Status200OK)
            .Produces<OutlookEventResponse>(StatusCodes.Status202Accepted)
            .WithSummary("Mark a meeting on the caller's Outlook calendar as a supervision session of this project. Coordinators only.")
            .WithDescription("200 when the meeting already is this project's session; 202 when it is marked and will be adopted once it carries the PartnerHub category (read from Graph through the outbox); 409 when it is a session of another project or another organiser's; 400 for an event id that is not a Graph id.");
        if (named)
        {
            endpoint.WithName("PutOutlookEvent");
        }

        return api;
    }

    public static bool IsValidEventId(string? eventId) => eventId is not null && EventIdPattern().IsMatch(eventId);

    private static async Task<IResult> PutAsync(
        HttpContext http,
        string projectId,
        string eventId,
        SessionStore sessions,
        OrganizerProjects organizerProjects,
        OutlookAdoptionService adoption,
        CancellationToken cancellationToken)
    {
        if (!IsValidEventId(eventId))
        {
            return RestProblems.Validation(new Dictionary<string, string[]> { ["eventId"] = ["Not an Outlook event id."] });
        }

        var caller = http.GetCaller();
        if (await sessions.FindByEventAsync(projectId, eventId, cancellationToken) is { } here)
        {
            return string.Equals(here.Session.OrganizerObjectId, caller.ObjectId, StringComparison.Ordinal)
                ? Results.Ok(new OutlookEventResponse(projectId, eventId, "adopted", here.Session.Id, here.Session.Version))
                : RestProblems.Conflict("This meeting is another coordinator's session.");
        }

        foreach (var other in await organizerProjects.CoordinatedByAsync(projectId, caller.ObjectId, cancellationToken))
        {
            if (!string.Equals(other, projectId, StringComparison.Ordinal) && await sessions.FindByEventAsync(other, eventId, cancellationToken) is not null)
            {
                return RestProblems.Conflict("This meeting is already a session of another project.");
            }
        }

        await adoption.MarkAsync(projectId, caller.ObjectId, eventId, cancellationToken);
        return Results.Json(new OutlookEventResponse(projectId, eventId, "pending", null, null), statusCode: StatusCodes.Status202Accepted);
    }

    // Graph's event ids: base64 (or its URL-safe form) of the item id.
    [GeneratedRegex("^[A-Za-z0-9+=_-]{1,512}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EventIdPattern();
}
