using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Course;

/// <summary>A correction of the cohort's name or meeting place: only the members sent change.</summary>
public sealed record CohortCorrectionRequest(string? Name, string? Place);

/// <summary>A correction of a booking's texts: only the members sent change; <c>""</c> removes one.</summary>
public sealed record BookingCorrectionRequest(string? Note, string? DeclineReason);

/// <summary>
/// REST: rectification (GDPR Art. 16) of the course's free texts through <see cref="CourseCorrectionService"/>, answered
/// as every course change is (<see cref="CourseEndpoints"/>): If-Match required (428 without, 412 with the current
/// ETag when stale), a retry answered once, RFC 7807 400s by field in the reader's language.
/// </summary>
public static class CourseCorrectionEndpoints
{
    public static RouteGroupBuilder MapCourseCorrectionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var courses = api.MapGroup("/projects/{projectId}/courses").WithTags("Course");
        courses.MapPatch("/{cohortId}/plan", CorrectPlanAsync).RequireProjectRole(ProjectRole.Coordinator).WithName("CorrectCoursePlan")
            .WithSummary("Corrects the cohort's name or meeting place (the rules of the new-cohort form). If-Match (the cohort's ETag) required.")
            .WithDescription("Only the members sent change. The plans, the teachers' booking cards and the Outlook events of confirmed bookings are updated. 412 when the ETag is stale; 400 with errors by field (name, place).");
        courses.MapPatch("/{cohortId}/bookings/{bookingId}", CorrectBookingAsync).RequireProjectRole(ProjectRole.Coordinator, ProjectRole.Teacher).WithName("CorrectTeacherBooking")
            .WithSummary("Corrects a booking's texts: the coordinator her note (\"\" removes it) and may remove a reason for declining; the booked teacher rewords her own reason. If-Match (the booking's ETag) required.")
            .WithDescription("Only the members sent change. 412 when the ETag is stale; 409 when there is no reason to correct; 400 with errors by field (note, declineReason; notAllowed: a field the caller may not correct); 404 for another teacher.");
        return api;
    }

    private static Task<Results<Ok<CohortResponse>, ChangeRefusal, PreconditionRequiredProblem>> CorrectPlanAsync(
        HttpContext http, string cohortId, CohortCorrectionRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        CourseCorrectionService corrections, CourseService courses, CardCatalog catalog, CancellationToken cancellationToken) =>
        CourseEndpoints.CohortChangeAsync(http, ifMatch, courses, catalog, cohortId,
            (actor, version) => corrections.CorrectPlanAsync(actor, cohortId, version, new CohortCorrectionInput(body.Name, body.Place), null, cancellationToken),
            cancellationToken);

    private static async Task<Results<Ok<BookingResponse>, ChangeRefusal, PreconditionRequiredProblem>> CorrectBookingAsync(
        HttpContext http, string cohortId, string bookingId, BookingCorrectionRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        CourseCorrectionService corrections, CardCatalog catalog, CancellationToken cancellationToken)
    {
        if (RestHeaders.VersionIn(ifMatch) is not { } version)
        {
            return PreconditionRequiredProblem.Of("Send the booking's ETag, as you read it, in an If-Match header ('*' and lists are not accepted).");
        }

        var actor = http.GetCaller().ToActor();
        var result = await corrections.CorrectBookingAsync(actor, cohortId, bookingId, version, new BookingCorrectionInput(body.Note, body.DeclineReason), null, cancellationToken);
        return CourseEndpoints.BookingRefusal(http, result, preconditionSent: true, catalog) is { } refusal
            ? refusal
            : TypedResults.Ok(CourseResponses.Booking(result.Current!.Booking));
    }
}
