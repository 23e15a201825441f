using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Course;

/// <summary>
/// REST for the course (issue 12) through the same services as the cards, so access, audit, idempotency and outbox
/// rows are identical. Every change needs the record's ETag in If-Match (428 without, 412 with the current ETag when
/// stale); creates need an Idempotency-Key; errors are RFC 7807 with the errors by field in the reader's language.
/// </summary>
public static class CourseEndpoints
{
    private const string Tag = "Course";
    private const string CohortRecord = "cohort";
    private const string BookingRecord = "booking";
    private const string SettingsRecord = "course settings";

    /// <summary>The ETag of settings never saved: what a first save sends in If-Match.</summary>
    public const string DefaultSettingsETag = "\"default\"";

    public static RouteGroupBuilder MapCourseEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var courses = api.MapGroup("/projects/{projectId}/courses").WithTags(Tag);
        var coordinator = ProjectRole.Coordinator;
        courses.MapGet("/", ListAsync).RequireProjectMember().WithName("ListCohorts").WithSummary("The project's cohorts (coordinators; anyone else gets an empty list).");
        courses.MapPost("/", CreateAsync).RequireProjectRole(coordinator).WithName("CreateCohort")
            .WithSummary("Creates a cohort and proposes its weekly plan (public and school holidays skipped). Idempotency-Key required; a repeat answers 200 with the cohort it created.");
        courses.MapGet("/{cohortId}", GetAsync).RequireProjectMember().WithName("GetCohort")
            .WithSummary("One cohort in the caller's view (a teacher: her bookings and the group size only), its version in the ETag header.");
        courses.MapPost("/{cohortId}/plan/sessions/{sessionId}/move", MoveAsync).RequireProjectRole(coordinator).WithName("MoveCourseSession")
            .WithSummary("Moves a session to another date; its bookings move with it. If-Match required.");
        courses.MapPost("/{cohortId}/plan/sessions/{sessionId}/cancel", CancelSessionAsync).RequireProjectRole(coordinator).WithName("CancelCourseSession")
            .WithSummary("Cancels a week: it stays, marked, and its bookings are cancelled. If-Match required.");
        courses.MapPost("/{cohortId}/plan/excursions", AddExcursionAsync).RequireProjectRole(coordinator).WithName("AddCourseExcursion")
            .WithSummary("Adds an excursion (a catalogue theme) on a free date. If-Match required.");
        courses.MapPut("/{cohortId}/plan/order", ReorderAsync).RequireProjectRole(coordinator).WithName("ReorderCoursePlan")
            .WithSummary("Puts the counting sessions in a new order (every session id once). If-Match required.");
        courses.MapPost("/{cohortId}/participants", AddParticipantAsync).RequireProjectRole(coordinator).WithName("AddCourseParticipant")
            .WithSummary("Adds a woman to the cohort's list (her name; her object id if she has an account). If-Match required.");
        courses.MapPut("/{cohortId}/participants/{participantId}", RenameParticipantAsync).RequireProjectRole(coordinator).WithName("ChangeCourseParticipant")
            .WithSummary("Changes a participant's name or account. If-Match required.");
        courses.MapDelete("/{cohortId}/participants/{participantId}", RemoveParticipantAsync).RequireProjectRole(coordinator).WithName("RemoveCourseParticipant")
            .WithSummary("Takes a participant off the list; 409 once she has attendance marks. If-Match required.");
        courses.MapPut("/{cohortId}/sessions/{sessionId}/attendance", AttendanceAsync).RequireProjectRole(coordinator).WithName("RecordCourseAttendance")
            .WithSummary("Records one held session's marks (Present, Absent, Excused by participant id). If-Match (the cohort's ETag) required.");
        courses.MapPost("/{cohortId}/bookings", RequestBookingAsync).RequireProjectRole(coordinator).WithName("RequestTeacherBooking")
            .WithSummary("Asks a teacher of the project to teach a session. Idempotency-Key required; a repeat answers 200 with the booking it made.");
        courses.MapPost("/{cohortId}/bookings/{bookingId}/{action}", BookingActionAsync).RequireProjectMember().WithName("ChangeTeacherBooking")
            .WithSummary("accept, decline {reason}, propose {date, otherWeekday} (the booked teacher); accept-proposal, replace {teacherId, note}, cancel (the coordinator). If-Match (the booking's ETag) required; replace with a teacher needs an Idempotency-Key.")
            .WithDescription("412 when the ETag is stale (the current one in the ETag header); 409 when the state or a conflict rule refuses it (she is confirmed elsewhere then, the session already has a teacher).");
        courses.MapPost("/{cohortId}/certificates", IssueCertificatesAsync).RequireProjectRole(coordinator).WithName("IssueCourseCertificates")
            .WithSummary("Asks for a certificate for every participant who completed (drawn and stored in SharePoint through the outbox). If-Match required; 409 when nobody completed.");
        courses.MapPost("/{cohortId}/participants/{participantId}/neighbourhood-mother", MakeMotherAsync).RequireProjectRole(coordinator).WithName("MakeNeighbourhoodMother")
            .WithSummary("Adds a participant who completed, and has an account, to the directory as a neighbourhood mother; already a member: 200, no change.");
        api.MapGet("/projects/{projectId}/course-settings", GetSettingsAsync).RequireProjectRole(coordinator).WithTags(Tag).WithName("GetCourseSettings")
            .WithSummary("School holidays, catalogue changes, completion rule and reminder policy, the ETag in the header.").Produces<CourseSettings>();
        api.MapPut("/projects/{projectId}/course-settings", SaveSettingsAsync).RequireProjectRole(coordinator).WithTags(Tag).WithName("SaveCourseSettings")
            .WithSummary("Saves the course settings. If-Match required (\"default\" before the first save).").Accepts<CourseSettings>("application/json").Produces<CourseSettings>();
        api.MapGet("/me/bookings", MyBookingsAsync).WithTags(Tag).WithName("MyTeacherBookings")
            .WithSummary("The caller's own teacher bookings in every project she teaches in, newest first.");
        api.MapGet("/me/course", MyCourseAsync).WithTags(Tag).WithName("MyCourse")
            .WithSummary("The cohorts the caller is on as a participant, in her tenant's projects: the plan, her own attendance and standing, and her certificate's download link once issued. Nobody else's name or marks.");
        api.MapCourseCorrectionEndpoints(); // Rectification of the cohort's name and place, a booking's note and reason.
        return api;
    }

    private static async Task<Ok<CohortSummaryResponse[]>> ListAsync(HttpContext http, CourseService service, CancellationToken cancellationToken) =>
        TypedResults.Ok((await service.ListAsync(http.GetCaller().ToActor(), cancellationToken)).Select(c => CourseResponses.Summary(c.Cohort)).ToArray());

    private static async Task<Results<Created<CohortResponse>, Ok<CohortResponse>, ValidationFailed, ForbiddenProblem, ConflictProblem>> CreateAsync(
        HttpContext http, CreateCohortRequest body, [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey, CourseService service, CardCatalog catalog, CancellationToken cancellationToken)
    {
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestId)
        {
            return new ValidationFailed(RestHeaders.IdempotencyKeyRequired("create the cohort twice"));
        }

        var caller = http.GetCaller();
        var input = new CohortFormInput { Name = body.Name, StartDate = body.StartDate, Weekday = body.Weekday, StartTime = body.StartTime, EndTime = body.EndTime, Place = body.Place, Weeks = body.Weeks };
        var result = await service.CreateAsync(caller.ToActor(), input, requestId, cancellationToken);
        switch (result.Outcome)
        {
            case ChangeOutcome.Forbidden:
                return ForbiddenProblem.Of("Only the project's coordinators create cohorts.");
            case ChangeOutcome.InvalidInput:
                return ValidationFailed.Of(CourseResponses.Messages(catalog, RestHeaders.Language(http.Request), result.Errors), "Some fields need correcting.");
        }

        if (result.Current is not { } stored)
        {
            return ConflictProblem.Of("The cohort could not be created; send the request again with a new Idempotency-Key.");
        }

        var response = CourseResponses.Cohort(stored.Cohort, CourseViewKind.Coordinator, stored.Cohort.Participants.Count, [], []);
        http.Response.Headers.ETag = CourseResponses.ETagOf(stored.Cohort);
        var location = $"/api/projects/{caller.ProjectId}/courses/{stored.Cohort.Id}";
        return result.Outcome == ChangeOutcome.Duplicate ? TypedResults.Ok(response) : TypedResults.Created(location, response);
    }

    private static async Task<Results<Ok<CohortResponse>, NotFoundProblem>> GetAsync(HttpContext http, string cohortId, CourseService service, CancellationToken cancellationToken)
    {
        if (await service.ReadAsync(http.GetCaller().ToActor(), cohortId, cancellationToken) is not { } read)
        {
            return ChangeOutcomes.NotFound(CohortRecord);
        }

        http.Response.Headers.ETag = CourseResponses.ETagOf(read.Cohort);
        return TypedResults.Ok(CourseResponses.Cohort(read));
    }

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> MoveAsync(
        HttpContext http, string cohortId, string sessionId, MoveSessionRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, CoursePlanService plans, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => plans.MoveSessionAsync(actor, cohortId, version, sessionId, body.Date, null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> CancelSessionAsync(
        HttpContext http, string cohortId, string sessionId, [FromHeader(Name = "If-Match")] string? ifMatch, CoursePlanService plans, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => plans.CancelSessionAsync(actor, cohortId, version, sessionId, null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> AddExcursionAsync(
        HttpContext http, string cohortId, AddExcursionRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, CoursePlanService plans, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => plans.AddExcursionAsync(actor, cohortId, version, body.ThemeId, body.Date, null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> ReorderAsync(
        HttpContext http, string cohortId, ReorderRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, CoursePlanService plans, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => plans.ReorderAsync(actor, cohortId, version, body.Order ?? [], null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> AddParticipantAsync(
        HttpContext http, string cohortId, ParticipantRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => courses.AddParticipantAsync(actor, cohortId, version, new ParticipantInput(body.Name, body.ObjectId), null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> RenameParticipantAsync(
        HttpContext http, string cohortId, string participantId, ParticipantRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => courses.RenameParticipantAsync(actor, cohortId, version, participantId, new ParticipantInput(body.Name, body.ObjectId), null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> RemoveParticipantAsync(
        HttpContext http, string cohortId, string participantId, [FromHeader(Name = "If-Match")] string? ifMatch, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => courses.RemoveParticipantAsync(actor, cohortId, version, participantId, null, cancellationToken), cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> AttendanceAsync(
        HttpContext http, string cohortId, string sessionId, AttendanceRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, async (actor, version) =>
        {
            // The marks live beside the cohort: the version sent must be the cohort's as it is now.
            var current = await courses.ReadAsync(actor, cohortId, cancellationToken);
            if (current is not null && current.Cohort.Version != version)
            {
                return CohortResult.Of(ChangeOutcome.Conflict, current.Stored);
            }

            var marks = new Dictionary<string, AttendanceMark>(StringComparer.Ordinal);
            foreach (var (participantId, mark) in body.Marks ?? new Dictionary<string, string>())
            {
                if (!Enum.TryParse<AttendanceMark>(mark, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(mark, out _))
                {
                    return CohortResult.Invalid(current?.Stored, new Dictionary<string, string> { ["marks"] = CourseErrors.UnknownValue });
                }

                marks[participantId] = parsed;
            }

            return await courses.RecordAttendanceAsync(actor, cohortId, sessionId, marks, cancellationToken);
        }, cancellationToken);

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> IssueCertificatesAsync(
        HttpContext http, string cohortId, [FromHeader(Name = "If-Match")] string? ifMatch, CourseCompletionService completion, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CohortChangeAsync(http, ifMatch, courses, catalog, cohortId, (actor, version) => completion.IssueCertificatesAsync(actor, cohortId, version, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<CohortResponse>, ChangeRefusal>> MakeMotherAsync(
        HttpContext http, string cohortId, string participantId, CourseCompletionService completion, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var result = await completion.MakeNeighbourhoodMotherAsync(caller.ToActor(), caller.TenantId, cohortId, participantId, cancellationToken);
        return await AnswerAsync(http, result, preconditionSent: false, courses, catalog, cancellationToken);
    }

    private static async Task<Results<Created<BookingResponse>, Ok<BookingResponse>, ChangeRefusal, ValidationFailed>> RequestBookingAsync(
        HttpContext http, string cohortId, BookingRequest body, [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey, CourseBookingService bookings, CardCatalog catalog, CancellationToken cancellationToken)
    {
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestId)
        {
            return new ValidationFailed(RestHeaders.IdempotencyKeyRequired("book the teacher twice"));
        }

        var caller = http.GetCaller();
        var result = await bookings.RequestAsync(caller.ToActor(), cohortId, new BookingRequestInput(body.SessionId, body.TeacherId, body.Note), requestId, cancellationToken);
        if (result.Outcome == ChangeOutcome.InvalidInput)
        {
            return ValidationFailed.Of(CourseResponses.Messages(catalog, RestHeaders.Language(http.Request), result.Errors), "The request is not valid.");
        }

        if (BookingRefusal(http, result, preconditionSent: false, catalog) is { } refusal)
        {
            return refusal;
        }

        var booking = result.Current!.Booking;
        var response = CourseResponses.Booking(booking);
        return result.Outcome == ChangeOutcome.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/projects/{caller.ProjectId}/courses/{cohortId}/bookings/{booking.Id}", response);
    }

    private static async Task<Results<Ok<BookingResponse>, ChangeRefusal, PreconditionRequiredProblem, ValidationFailed, NotFoundProblem>> BookingActionAsync(
        HttpContext http, string cohortId, string bookingId, string action, [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey, CourseBookingService bookings, CardCatalog catalog, CancellationToken cancellationToken)
    {
        if (RestHeaders.VersionIn(ifMatch) is not { } version)
        {
            return PreconditionRequiredProblem.Of("Send the booking's ETag, as you read it, in an If-Match header ('*' and lists are not accepted).");
        }

        var actor = http.GetCaller().ToActor();
        BookingResultView result;
        switch (action)
        {
            case "accept":
                result = await bookings.AcceptAsync(actor, cohortId, bookingId, version, null, cancellationToken);
                break;
            case "decline":
                var decline = await BodyAsync<DeclineRequest>(http, cancellationToken);
                result = await bookings.DeclineAsync(actor, cohortId, bookingId, version, decline?.Reason, null, cancellationToken);
                break;
            case "propose":
                var propose = await BodyAsync<ProposeRequest>(http, cancellationToken);
                result = await bookings.ProposeAsync(actor, cohortId, bookingId, version, propose?.Date, propose?.OtherWeekday == true ? "true" : null, null, cancellationToken);
                break;
            case "accept-proposal":
                result = await bookings.AcceptProposalAsync(actor, cohortId, bookingId, version, null, cancellationToken);
                break;
            case "cancel":
                result = await bookings.CancelAsync(actor, cohortId, bookingId, version, null, cancellationToken);
                break;
            case "replace":
                var replace = await BodyAsync<ReplaceRequest>(http, cancellationToken);
                var requestId = RestHeaders.Idempotency(idempotencyKey);
                if (replace?.TeacherId is not null && requestId is null)
                {
                    return new ValidationFailed(RestHeaders.IdempotencyKeyRequired("book the new teacher twice"));
                }

                result = await bookings.ReplaceAsync(actor, cohortId, bookingId, version, replace?.TeacherId, replace?.Note, requestId ?? "-", null, cancellationToken);
                break;
            default:
                return NotFoundProblem.Of("Action not found", "The booking's actions are accept, decline, propose, accept-proposal, replace and cancel.");
        }

        if (BookingRefusal(http, result, preconditionSent: true, catalog) is { } refusal)
        {
            return refusal;
        }

        return TypedResults.Ok(CourseResponses.Booking(result.Current!.Booking));
    }

    private static async Task<Results<ContentHttpResult, ChangeRefusal>> GetSettingsAsync(HttpContext http, CourseService courses, CancellationToken cancellationToken)
    {
        var result = await courses.GetSettingsAsync(http.GetCaller().ToActor(), cancellationToken);
        return SettingsAnswer(http, result, null, null) is { } refusal ? refusal : Settings(http, result.Current!);
    }

    private static async Task<Results<ContentHttpResult, ChangeRefusal, PreconditionRequiredProblem, ValidationFailed>> SaveSettingsAsync(
        HttpContext http, [FromHeader(Name = "If-Match")] string? ifMatch, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken)
    {
        if (RestHeaders.IfMatch(ifMatch) is not { } tag)
        {
            return PreconditionRequiredProblem.Of($"Send the settings' ETag, as you read it, in an If-Match header ({DefaultSettingsETag} before the first save).");
        }

        CourseSettings? input;
        try
        {
            input = await JsonSerializer.DeserializeAsync<CourseSettings>(http.Request.Body, CourseStore.Json, cancellationToken);
        }
        catch (JsonException)
        {
            input = null;
        }

        if (input is null || input.SchoolHolidays?.Holidays is null || input.Catalogue is null || input.Completion is null || input.Reminders is null)
        {
            return ValidationFailed.Of(new Dictionary<string, string[]> { ["body"] = ["Send the settings as JSON: schoolHolidays, catalogue, completion and reminders."] });
        }

        Azure.ETag? from = tag == DefaultSettingsETag ? null : new Azure.ETag(tag);
        var result = await courses.SaveSettingsAsync(http.GetCaller().ToActor(), input, from, cancellationToken);
        var language = RestHeaders.Language(http.Request);
        return SettingsAnswer(http, result, () => ValidationFailed.Of(CourseResponses.Messages(catalog, language, result.Errors), "Some settings need correcting."), true) is { } refusal
            ? refusal
            : Settings(http, result.Current!);
    }

    private static async Task<Results<Ok<MyBookingResponse[]>, ForbiddenProblem>> MyBookingsAsync(HttpContext http, CourseBookingService bookings, CancellationToken cancellationToken)
    {
        if (http.User.EntraIdentity() is not { } identity)
        {
            return ForbiddenProblem.Of("This list is for people signed in with their own account.");
        }

        var mine = await bookings.MyBookingsAsync(identity.TenantId, identity.ObjectId, cancellationToken);
        return TypedResults.Ok(mine.Select(i => new MyBookingResponse(
            i.Booking.Booking.ProjectId, CourseResponses.Booking(i.Booking.Booking), i.Plan?.Place, i.Plan?.Find(i.Booking.Booking.SessionId)?.ThemeId)).ToArray());
    }

    private static async Task<Results<Ok<MyCohortResponse[]>, ForbiddenProblem>> MyCourseAsync(
        HttpContext http, CourseParticipantResolver participants, CourseService courses, CourseCompletionService completion, CertificateStore certificates, CertificateLinks links,
        CancellationToken cancellationToken)
    {
        if (http.User.EntraIdentity() is not { } identity)
        {
            return ForbiddenProblem.Of("This view is for people signed in with their own account.");
        }

        var mine = new List<MyCohortResponse>();
        foreach (var place in await participants.PlacesAsync(identity.TenantId, identity.ObjectId, cancellationToken))
        {
            var (projectId, cohortId) = (place.Project.Id, place.Cohort.Cohort.Id);
            var read = await courses.ReadAsParticipantAsync(projectId, identity.ObjectId, cohortId, cancellationToken);
            var standing = (await completion.OwnCompletionAsync(projectId, identity.ObjectId, cohortId, cancellationToken)).Participants.SingleOrDefault();
            if (read is null || standing is null)
            {
                continue;
            }

            var issued = await certificates.FindAsync(projectId, cohortId, place.Self.Id, cancellationToken);
            mine.Add(CourseResponses.Mine(projectId, read, standing, issued is null ? null : links.For(issued)));
        }

        return TypedResults.Ok(mine.ToArray());
    }

    /// <summary>The one path of every cohort change: If-Match to a version, the service, then the one mapping of its outcome.</summary>
    internal static async Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> CohortChangeAsync(
        HttpContext http, string? ifMatch, CourseService courses, CardCatalog catalog, string cohortId, Func<Actor, int, Task<CohortResult>> change, CancellationToken cancellationToken)
    {
        if (RestHeaders.VersionIn(ifMatch) is not { } version)
        {
            return PreconditionRequiredProblem.Of("Send the cohort's ETag, as you read it, in an If-Match header ('*' and lists are not accepted).");
        }

        var result = await change(http.GetCaller().ToActor(), version);
        return await AnswerAsync(http, result, preconditionSent: true, courses, catalog, cancellationToken) switch
        {
            { Result: Ok<CohortResponse> ok } => ok,
            { Result: ChangeRefusal refusal } => refusal,
            _ => throw new InvalidOperationException("A cohort change answers its cohort or a refusal."),
        };
    }

    private static async Task<Results<Ok<CohortResponse>, ChangeRefusal>> AnswerAsync(
        HttpContext http, CohortResult result, bool preconditionSent, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var language = RestHeaders.Language(http.Request);
        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            result.Outcome,
            CohortRecord,
            result.Current is { } current ? CourseResponses.ETagOf(current.Cohort) : null,
            preconditionSent,
            whyNotNow: () => result.Refusal is { } error ? CourseResponses.Text(catalog, language, error) : "The cohort's state does not allow this change.",
            invalidInput: () => ValidationFailed.Of(CourseResponses.Messages(catalog, language, result.Errors), "The change is not valid."));
        if (refusal is not null)
        {
            return refusal;
        }

        var read = await courses.ReadAsync(http.GetCaller().ToActor(), result.Current!.Cohort.Id, cancellationToken);
        http.Response.Headers.ETag = CourseResponses.ETagOf(read!.Cohort);
        return TypedResults.Ok(CourseResponses.Cohort(read));
    }

    internal static ChangeRefusal? BookingRefusal(HttpContext http, BookingResultView result, bool preconditionSent, CardCatalog catalog)
    {
        var language = RestHeaders.Language(http.Request);
        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            result.Outcome,
            BookingRecord,
            result.Current is { } current ? CourseResponses.ETagOf(current.Booking) : null,
            preconditionSent,
            whyNotNow: () => CourseResponses.Text(catalog, language, result.Refusal ?? BookingError.InvalidTransition),
            invalidInput: () => ValidationFailed.Of(CourseResponses.Messages(catalog, language, result.Errors), "The change is not valid."));
        if (refusal is null)
        {
            http.Response.Headers.ETag = CourseResponses.ETagOf(result.Current!.Booking);
        }

        return refusal;
    }

    private static ChangeRefusal? SettingsAnswer(HttpContext http, SettingsResult result, Func<ValidationFailed>? invalid, bool? preconditionSent) =>
        ChangeOutcomes.Refusal(http.Response, result.Outcome, SettingsRecord, result.Current is { } current ? SettingsETag(current) : null, preconditionSent ?? true, invalidInput: invalid);

    private static ContentHttpResult Settings(HttpContext http, StoredCourseSettings settings)
    {
        http.Response.Headers.ETag = SettingsETag(settings);
        return TypedResults.Content(JsonSerializer.Serialize(settings.Settings, CourseStore.Json), "application/json");
    }

    private static string SettingsETag(StoredCourseSettings settings) => settings.ETag is { } etag ? etag.ToString() : DefaultSettingsETag;

    /// <summary>An optional JSON body; a body that is not JSON of the shape reads as none (the service then says which field is missing).</summary>
    private static async Task<T?> BodyAsync<T>(HttpContext http, CancellationToken cancellationToken)
        where T : class
    {
        if (http.Request.ContentLength is 0 || !(http.Request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
