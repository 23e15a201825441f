using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using CultureInfo = System.Globalization.CultureInfo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision.Adoption;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Supervision;

/// <summary>The session after a minutes file was accepted: the upload to SharePoint follows through the outbox.</summary>
/// <param name="MinutesUpload">"pending" until the outbox has uploaded the file and set <paramref name="MinutesUrl"/>.</param>
public sealed record SessionMinutesResponse(string SessionId, int Version, string State, string? MinutesUrl, string? MinutesDocumentName, string MinutesUpload);

/// <summary>
/// REST for sessions: the .ics download, for project members who may see the session (people without Outlook), and
/// the coordinator's minutes file upload.
/// </summary>
public static class SessionEndpoints
{
    [AuditAction]
    public const string IcsLinkAction = "session.ics-link";

    public const string CalendarContentType = "text/calendar; charset=utf-8";
    private const string Record = "session";

    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/projects/{projectId}/sessions/{sessionId}.ics", IcsAsync)
            .RequireProjectMember()
            .WithTags("Sessions")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .WithName("GetSessionIcs")
            .WithSummary("The session as an iCalendar file. 404 when the caller may not see it.");
        api.MapPut("/projects/{projectId}/sessions/{sessionId}/minutes", AttachMinutesAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            // Bearer tokens, never cookies: there is no cross-site form post to guard against.
            .DisableAntiforgery()
            // Only this endpoint takes a body this large: the file, plus room for the multipart framing.
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(bufferBody: false, multipartBodyLengthLimit: MaxRequestBytes)
            .WithTags("Sessions")
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("PutSessionMinutesFile")
            .WithSummary("Attach the session's minutes as a file (multipart field 'file': PDF, .docx, .odt, .rtf or .txt, at most 50 MiB). Coordinators only.")
            .WithDescription("202 with the session: the upload to SharePoint follows. Optional If-Match with the session's version (ETag); 412 when it is stale, unless the same file is sent again from it (a retry: 202 once more, stored once). 409 when the session does not take minutes (cancelled or not begun), or changed meanwhile without an If-Match.");
        return api.MapOutlookEventEndpoints().MapCancellationComment();
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
        await audit.RecordAsync(projectId, recipient!, IcsLinkAction, "session", sessionId, allowed, cancellationToken);
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

    private static async Task<Results<ContentHttpResult, NotFoundProblem>> IcsAsync(HttpContext http, string sessionId, SessionService service, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var actor = caller.ToActor();
        var stored = await service.ReadAsync(actor, sessionId, cancellationToken);
        if (stored is null)
        {
            return ChangeOutcomes.NotFound(Record);
        }

        return TypedResults.Text(Ics(stored.Session), CalendarContentType);
    }

    /// <summary>The largest request body the minutes endpoint reads: the largest file plus 1 MiB of multipart framing.</summary>
    public const long MaxRequestBytes = MinutesFile.MaxBytes + (1024 * 1024);

    private static async Task<Results<Accepted<SessionMinutesResponse>, ChangeRefusal, ValidationFailed, PreconditionFailedProblem, PayloadTooLargeProblem, UnsupportedMediaTypeProblem>> AttachMinutesAsync(
        HttpContext http,
        string sessionId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        SessionService service,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var language = RestHeaders.Language(http.Request);
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            return TooLarge(catalog, language);
        }

        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new UnsupportedMediaTypeProblem(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the file as multipart/form-data in the field 'file'."));
        }

        int? expectedVersion = null;
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (RestHeaders.VersionIn(ifMatch) is not { } version)
            {
                return PreconditionFailedProblem.Of("If-Match must be the session's ETag (its version) as read.");
            }

            expectedVersion = version;
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The multipart body passed the endpoint's length limit while being read.
            return TooLarge(catalog, language);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(catalog, language);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // Declared multipart but not (no boundary, cut short): no file could be read from it, a 400, not a 500.
            return Invalid(catalog, language, MinutesFile.Errors.Required);
        }

        if (form.Files.GetFile(MinutesFile.Field) is not { } file)
        {
            return Invalid(catalog, language, MinutesFile.Errors.Required);
        }

        var actor = caller.ToActor();
        SessionChange? change;
        IReadOnlyDictionary<string, string> errors;
        await using (var content = file.OpenReadStream())
        {
            (change, errors) = await service.AttachMinutesFileAsync(actor, sessionId, expectedVersion, file.FileName, file.ContentType ?? string.Empty, file.Length, content, cancellationToken);
        }

        if (change is null)
        {
            var code = errors.TryGetValue(MinutesFile.Field, out var c) ? c : MinutesFile.Errors.Required;
            return code switch
            {
                MinutesFile.Errors.TooLarge => TooLarge(catalog, language),
                MinutesFile.Errors.UnsupportedType => new UnsupportedMediaTypeProblem(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file type", detail: Message(catalog, language, code))),
                _ => Invalid(catalog, language, code),
            };
        }

        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            change.Outcome,
            Record,
            change.Current is { } current ? ETagOf(current.Session) : null,
            preconditionSent: expectedVersion is not null,
            whyNotNow: () => $"The session's state ({change.Current?.Session.State}) or time does not take minutes: it is cancelled or has not begun.");
        if (refusal is not null)
        {
            return refusal;
        }

        var after = change.Current!.Session;
        return TypedResults.Accepted(
            $"/api/projects/{caller.ProjectId}/sessions/{after.Id}/minutes",
            new SessionMinutesResponse(after.Id, after.Version, after.State.ToString(), after.MinutesUrl, after.MinutesDocumentName, "pending"));
    }

    /// <summary>The session's ETag: its version, quoted.</summary>
    public static string ETagOf(SupervisionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return "\"" + session.Version.ToString(CultureInfo.InvariantCulture) + "\"";
    }

    private static PayloadTooLargeProblem TooLarge(CardCatalog catalog, string language) =>
        new(Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: Message(catalog, language, MinutesFile.Errors.TooLarge)));

    private static ValidationFailed Invalid(CardCatalog catalog, string language, string code) =>
        ValidationFailed.Of(new Dictionary<string, string[]> { [MinutesFile.Field] = [Message(catalog, language, code)] }, "The file is not valid.");

    private static string Message(CardCatalog catalog, string language, string code) => catalog.Text(language, "sessions.minutesFile.errors." + code);

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
