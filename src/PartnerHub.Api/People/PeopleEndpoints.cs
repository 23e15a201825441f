using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.People;

/// <summary>
/// REST: <c>GET /api/people?search=…</c>, the organisation's people by name, for the tab's picker and integrations that
/// need an object id to send to the directory or administration endpoints. For those who add people to projects: a
/// coordinator of some project, or an administrator. The search text is never logged.
/// </summary>
public static class PeopleEndpoints
{
    /// <summary>A person found: the object id to send on, the name to show, and the line that tells namesakes apart.</summary>
    public sealed record PersonResponse(string ObjectId, string DisplayName, string FirstName, string? Detail);

    public static RouteGroupBuilder MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/people", SearchAsync)
            .WithName("SearchPeople")
            .WithTags("People")
            .WithSummary("Up to 10 people of the organisation whose display name or given name starts with the search text (2-64 characters). Coordinators of a project and administrators only.")
            .WithDescription("Answers objectId, displayName, firstName and detail (job title and/or department) per person; no mail addresses. 503 when the organisation's directory refuses the search (Graph permission User.ReadBasic.All not granted).");
        return api;
    }

    /// <summary>Who may search: someone who adds people to projects (a coordinator anywhere) or an administrator.</summary>
    internal static async Task<bool> MaySearchAsync(HttpContext http, ICallerDirectory callers)
    {
        if (AdministrationRegistration.IsAdministrator(http.User))
        {
            return true;
        }

        var (tenantId, objectId) = http.User.EntraIdentity()!.Value;
        var memberships = await callers.MembershipsAsync(tenantId, objectId, http.RequestAborted);
        return memberships.Any(m => m.Role == ProjectRole.Coordinator);
    }

    private static async Task<Results<Ok<PersonResponse[]>, ValidationFailed, ForbiddenProblem, ServiceUnavailableProblem>> SearchAsync(
        HttpContext http,
        [FromQuery] string? search,
        IPeopleSearch people,
        ICallerDirectory callers,
        CancellationToken cancellationToken)
    {
        if (!await MaySearchAsync(http, callers))
        {
            return ForbiddenProblem.Of("Only a project's coordinators and PartnerHub's administrators search the organisation's people.");
        }

        if (search is { Length: > PeopleSearchText.MaxLength } || PeopleSearchText.Normalize(search) is null)
        {
            return ValidationFailed.Of(new Dictionary<string, string[]>
            {
                ["search"] = [$"Between {PeopleSearchText.MinLength} and {PeopleSearchText.MaxLength} characters."],
            });
        }

        try
        {
            var found = await people.SearchAsync(search, cancellationToken);
            return TypedResults.Ok(found.Select(p => new PersonResponse(p.ObjectId, p.DisplayName, p.FirstName, p.Detail)).ToArray());
        }
        catch (PeopleSearchUnavailableException)
        {
            return ServiceUnavailableProblem.Of("The organisation's directory refused the search: PartnerHub's Graph app lacks the permission User.ReadBasic.All. An administrator grants it (docs/deploy.md).");
        }
    }
}
