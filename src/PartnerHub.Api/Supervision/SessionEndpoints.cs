using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Net.Http.Headers;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>REST for sessions: the .ics download, for project members who may see the session (people without Outlook).</summary>
public static class SessionEndpoints
{
    public const string CalendarContentType = "text/calendar; charset=utf-8";

    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/projects/{projectId}/sessions/{sessionId}.ics", IcsAsync)
            .RequireProjectMember()
            .WithTags("Sessions")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .WithName("GetSessionIcs")
            .WithSummary("The session as an iCalendar file. 404 when the caller may not see it.");
        return api;
    }

    /// <summary>
    /// The anonymous, signed download behind the cards' "Add to calendar (.ics)" (<see cref="CalendarLinks"/>), outside
    /// the bearer-protected /api group: a guest or a partner without Outlook opens it in a browser. Every failure is the
    /// same 404, so a forger learns nothing about which part was wrong or whether the session exists.
    /// </summary>
    public static IEndpointRouteBuilder MapSessionCalendarDownload(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(CalendarLinks.PathPrefix + "/{projectId}/{sessionId}.ics", SignedIcsAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignedIcsAsync(
        HttpContext http,
        string projectId,
        string sessionId,
        CalendarLinks links,
        SessionStore sessions,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        // On failures too: the URL is a capability, so neither the answer nor the page may leak it onwards.
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";

        var query = http.Request.Query;
        string? recipient = query["for"], exp = query["exp"], signature = query["sig"];
        if (query["for"].Count != 1 || query["exp"].Count != 1 || query["sig"].Count != 1
            || !links.IsAuthentic(projectId, sessionId, recipient, exp, signature))
        {
            return NotFound();
        }

        var stored = await sessions.FindAsync(projectId, sessionId, cancellationToken);
        var allowed = stored is not null && CalendarLinks.MayDownload(stored.Session, recipient);
        await audit.RecordAsync(projectId, recipient!, "session.ics-link", "session", sessionId, allowed, cancellationToken);
        if (!allowed)
        {
            return NotFound();
        }

        var session = stored!.Session;
        var fileName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"session-{session.LocalDate:yyyy-MM-dd}-{session.Id}.ics");
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        return Results.Text(Ics(session), CalendarContentType);
    }

    private static IResult NotFound() =>
        RestProblems.NotFound("Calendar file not found", "This calendar link is not valid (any more).");

    private static async Task<IResult> IcsAsync(HttpContext http, string sessionId, SessionService service, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var actor = new Actor(caller.ObjectId, caller.ProjectId, caller.Role, caller.OrganisationId);
        var stored = await service.ReadAsync(actor, sessionId, cancellationToken);
        if (stored is null)
        {
            return RestProblems.NotFound("Session not found", "There is no session with this id that you may see.");
        }

        return Results.Text(Ics(stored.Session), CalendarContentType);
    }

    /// <summary>
    /// One VEVENT with the Outlook event's iCalUId when there is one (so a calendar that has the invitation treats the
    /// file as the same event) and the version as SEQUENCE (a later download replaces an earlier one). Times in UTC.
    /// </summary>
    public static string Ics(SupervisionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var item = new CalendarEvent
        {
            Uid = session.CalendarICalUId ?? $"{session.Id}@{session.ProjectId}.partnerhub",
            Summary = session.Title,
            Description = session.Agenda.Length > 0 ? session.Agenda : null,
            Location = session.IsOnline ? session.OnlineJoinUrl ?? "Teams" : session.Place,
            DtStart = new CalDateTime(session.Start.UtcDateTime),
            DtEnd = new CalDateTime(session.End.UtcDateTime),
            Sequence = session.Version,
            Status = session.State == SessionState.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        var calendar = new Calendar { Method = session.State == SessionState.Cancelled ? "CANCEL" : "PUBLISH" };
        calendar.Events.Add(item);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
