using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Supervision.Adoption;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.OutlookPane;

/// <summary>
/// The REST the Outlook add-in pane uses (README.md beside this file): her projects, the session behind the meeting
/// she has open, and the coordinator's two actions there (attendance, minutes as text). Same bearer tokens, problem
/// details and ETag rules as the rest of the API; the pane gets its token through nested app authentication.
/// </summary>
public static partial class OutlookPaneEndpoints
{
    private const string Tag = "Outlook add-in";
    private const string Record = "session";

    /// <summary>More ids than any session has invitees: a body beyond it is refused before anything is read.</summary>
    public const int MaxAttended = 200;

    /// <summary>Maps the pane's endpoints on the bearer-protected /api group (and on the local demo's group).</summary>
    /// <param name="named">Endpoint names (OpenAPI operation ids) must be unique in the app: only the /api copy has them.</param>
    public static RouteGroupBuilder MapOutlookPaneEndpoints(this RouteGroupBuilder api, bool named = true)
    {
        ArgumentNullException.ThrowIfNull(api);
        RouteHandlerBuilder Name(RouteHandlerBuilder endpoint, string name) => named ? endpoint.WithName(name) : endpoint;
        Name(api.MapGet("/me/projects", MyProjectsAsync).WithTags(Tag), "MyCoordinatedProjects")
            .WithSummary("The projects the caller coordinates (the add-in's project picker for a new meeting).");
        Name(api.MapGet("/me/outlook-events/{eventId}/session", SessionForEventAsync).WithTags(Tag), "SessionForOutlookEvent")
            .WithSummary("The session behind an Outlook meeting, as the caller may see it: by the organiser's event id, or by the meeting's iCalUId (query) for an attendee. 404 when there is none she may see.");
        Name(api.MapPost("/projects/{projectId}/sessions/{sessionId}/attendance", AttendanceAsync)
            .RequireProjectRole(ProjectRole.Coordinator).DisableAntiforgery().WithTags(Tag), "RecordSessionAttendance")
            .WithSummary("Record who came (body: attended object ids; every other invitee did not). If-Match with the session's ETag is required: 428 without, 412 when stale.");
        Name(api.MapPut("/projects/{projectId}/sessions/{sessionId}/minutes/text", MinutesTextAsync)
            .RequireProjectRole(ProjectRole.Coordinator).DisableAntiforgery().WithTags(Tag), "PutSessionMinutesText")
            .WithSummary("Write the session's minutes as text: 200 with the session, and the document follows in SharePoint through the outbox. If-Match required: 428 without, 412 when stale.");
        return api;
    }

    private static async Task<Results<Ok<PaneProjectsResponse>, ForbiddenProblem>> MyProjectsAsync(
        HttpContext http, ICallerDirectory callers, ProjectStore projects, CancellationToken cancellationToken)
    {
        if (http.User.EntraIdentity() is not { } identity)
        {
            return ForbiddenProblem.Of("This list is for people signed in with their own account.");
        }

        var list = new List<PaneProject>();
        foreach (var membership in await callers.MembershipsAsync(identity.TenantId, identity.ObjectId, cancellationToken))
        {
            if (membership.Role == ProjectRole.Coordinator && await projects.FindAsync(membership.ProjectId, cancellationToken) is { } project)
            {
                list.Add(new PaneProject(project.Id, project.Name));
            }
        }

        return TypedResults.Ok(new PaneProjectsResponse([.. list.OrderBy(p => p.Name, StringComparer.CurrentCulture)]));
    }

    private static async Task<Results<Ok<PaneSessionResponse>, NotFoundProblem, ValidationFailed, ForbiddenProblem>> SessionForEventAsync(
        HttpContext http, string eventId, [FromQuery] string? iCalUId, OutlookEventSessions finder, CancellationToken cancellationToken)
    {
        if (http.User.EntraIdentity() is not { } identity)
        {
            return ForbiddenProblem.Of("This view is for people signed in with their own account.");
        }

        var errors = new Dictionary<string, string[]>();
        if (!OutlookEventEndpoints.IsValidEventId(eventId))
        {
            errors["eventId"] = ["Not an Outlook event id (Graph/REST format)."];
        }

        if (iCalUId is not null && !ICalUIdPattern().IsMatch(iCalUId))
        {
            errors["iCalUId"] = ["Not an iCalendar UID."];
        }

        if (errors.Count > 0)
        {
            return ValidationFailed.Of(errors, "The meeting's ids are not valid.");
        }

        var found = await finder.FindAsync(identity.TenantId, identity.ObjectId, eventId, iCalUId, cancellationToken);
        if (found is null)
        {
            return NotFoundProblem.Of("No session for this meeting", "This meeting is not a PartnerHub session you may see.");
        }

        http.Response.Headers.ETag = SessionEndpoints.ETagOf(found.Value.Stored.Session);
        return TypedResults.Ok(found.Value.View);
    }

    private static async Task<Results<Ok<PaneSessionResponse>, ChangeRefusal, ValidationFailed, PreconditionRequiredProblem, PreconditionFailedProblem>> AttendanceAsync(
        HttpContext http, string sessionId, [FromHeader(Name = "If-Match")] string? ifMatch, PaneAttendanceRequest? body,
        SessionService service, OutlookEventSessions finder, CancellationToken cancellationToken)
    {
        if (Version(ifMatch) is not { } version)
        {
            return WithoutVersion(ifMatch);
        }

        var attended = body?.Attended;
        if (attended is null || attended.Count > MaxAttended || attended.Any(string.IsNullOrWhiteSpace))
        {
            return ValidationFailed.Of(new Dictionary<string, string[]> { ["attended"] = [$"A list of at most {MaxAttended} invitees' object ids (empty when nobody came)."] }, "The attendance is not valid.");
        }

        var actor = http.GetCaller().ToActor();
        var change = await service.ChangeAsync(actor, sessionId, version, new RecordAttendance([.. attended.Distinct(StringComparer.Ordinal)]), null, null, cancellationToken);
        return await AnswerAsync(http, actor, change, finder, "Attendance is recorded once the session has begun, and never for a cancelled one.", "attended", "Only invitees of the session can have come.", cancellationToken);
    }

    private static async Task<Results<Ok<PaneSessionResponse>, ChangeRefusal, ValidationFailed, PreconditionRequiredProblem, PreconditionFailedProblem>> MinutesTextAsync(
        HttpContext http, string sessionId, [FromHeader(Name = "If-Match")] string? ifMatch, PaneMinutesTextRequest? body,
        SessionService service, OutlookEventSessions finder, CancellationToken cancellationToken)
    {
        if (Version(ifMatch) is not { } version)
        {
            return WithoutVersion(ifMatch);
        }

        var text = body?.Text;
        if (string.IsNullOrWhiteSpace(text) || text.Length > SessionService.MaxMinutesLength || SessionForm.LooksLikeCpr(text))
        {
            return ValidationFailed.Of(
                new Dictionary<string, string[]> { ["text"] = [$"1-{SessionService.MaxMinutesLength} characters, and no CPR numbers."] },
                "The minutes are not valid.");
        }

        var actor = http.GetCaller().ToActor();
        // The same request the card sends: the outbox uploads the text and then links the document to the session.
        var change = await service.ChangeAsync(actor, sessionId, version, new AddMinutes("https://pending.invalid/", "pending"), text, null, cancellationToken);
        return await AnswerAsync(http, actor, change, finder, "Minutes are written once the session has begun, and never for a cancelled one.", "text", "The minutes are not valid.", cancellationToken);
    }

    private static async Task<Results<Ok<PaneSessionResponse>, ChangeRefusal, ValidationFailed, PreconditionRequiredProblem, PreconditionFailedProblem>> AnswerAsync(
        HttpContext http, Actor actor, SessionChange change, OutlookEventSessions finder, string whyNotNow, string field, string invalid, CancellationToken cancellationToken)
    {
        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            change.Outcome,
            Record,
            change.Current is { } current ? SessionEndpoints.ETagOf(current.Session) : null,
            preconditionSent: true,
            whyNotNow: () => whyNotNow,
            invalidInput: () => ValidationFailed.Of(new Dictionary<string, string[]> { [field] = [invalid] }, invalid));
        if (refusal is not null)
        {
            return refusal;
        }

        var after = change.Current!.Session;
        http.Response.Headers.ETag = SessionEndpoints.ETagOf(after);
        return TypedResults.Ok(await finder.ViewAsync(actor, after, cancellationToken));
    }

    private static int? Version(string? ifMatch) => RestHeaders.VersionIn(ifMatch);

    // Changes from the pane always name the version they were made on: none is 428, one that is not a version 412.
    private static Results<Ok<PaneSessionResponse>, ChangeRefusal, ValidationFailed, PreconditionRequiredProblem, PreconditionFailedProblem> WithoutVersion(string? ifMatch) =>
        ifMatch is null
            ? PreconditionRequiredProblem.Of("Send If-Match with the session's ETag as read.")
            : PreconditionFailedProblem.Of("If-Match must be the session's ETag (its version) as read.");

    /// <summary>iCalendar UIDs as Outlook makes them (hex) or other calendars do: visible ASCII, at most 1024 characters.</summary>
    [GeneratedRegex("^[\\x21-\\x7E]{1,1024}$")]
    private static partial Regex ICalUIdPattern();
}
