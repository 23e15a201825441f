using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// REST: erasure on request (GDPR Art. 17) of a referred woman, of a person in the directory or of a woman on a
/// course's participant list, by the project's coordinator. If-Match names the version of the subject's own record she
/// read (the referral's ETag, the directory row's, or the cohort's); the answer says what was erased by kind and
/// number, nothing personal.
/// </summary>
public static class ErasureEndpoints
{
    private const string Tag = "Privacy";

    public static RouteGroupBuilder MapErasureEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var privacy = api.MapGroup("/projects/{projectId}/privacy").WithTags(Tag);

        privacy.MapPost("/referrals/{referralId}/erasure", EraseWomanAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithName("EraseReferredWoman")
            .WithSummary("Erases a woman's personal data on her request: her referral, its onward referrals and cards. State, dates and counts stay. If-Match: the referral's ETag.")
            .WithDescription("200 with what was erased by kind and number. A repeat of an erasure answers 200 with nothing erased. 412 when the referral changed since the ETag sent.");

        privacy.MapPost("/people/{objectId}/erasure", ErasePersonAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithName("ErasePerson")
            .WithSummary("Erases a person's personal data in the project on her request: her directory name and her place in sessions. If-Match: her directory row's ETag.")
            .WithDescription("200 with what was erased by kind and number; she stays countable. A repeat answers 200 with nothing erased. 412 when her directory row changed since the ETag sent.");

        privacy.MapPost("/courses/{cohortId}/participants/{participantId}/erasure", EraseParticipantAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithName("EraseCourseParticipant")
            .WithSummary("Erases a course participant's personal data on her request: her name on the cohort's list and her account. Her marks, completion and certificate count stay. If-Match: the cohort's ETag.")
            .WithDescription("200 with what was erased by kind and number. A repeat answers 200 with nothing erased. 412 when the cohort changed since the ETag sent.");

        return api;
    }

    private static Task<Results<Ok<ErasureResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> EraseWomanAsync(
        HttpContext http, string referralId, [FromHeader(Name = "If-Match")] string? ifMatch, SubjectErasure erasure, AuditLog audit, CancellationToken cancellationToken) =>
        EraseAsync(http, RandomIds.IsValid(referralId) ? new ReferredWoman(http.GetCaller().ProjectId, referralId) : null, ("referral", "referral"), ifMatch, erasure, audit, cancellationToken);

    private static Task<Results<Ok<ErasureResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> ErasePersonAsync(
        HttpContext http, string objectId, [FromHeader(Name = "If-Match")] string? ifMatch, SubjectErasure erasure, AuditLog audit, CancellationToken cancellationToken) =>
        EraseAsync(http, IsObjectId(objectId) ? new DirectoryPerson(http.GetCaller().ProjectId, objectId) : null, ("member", "person"), ifMatch, erasure, audit, cancellationToken);

    private static Task<Results<Ok<ErasureResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> EraseParticipantAsync(
        HttpContext http, string cohortId, string participantId, [FromHeader(Name = "If-Match")] string? ifMatch, SubjectErasure erasure, AuditLog audit, CancellationToken cancellationToken) =>
        EraseAsync(
            http,
            Cohort.IsValidId(cohortId) && Cohort.IsValidId(participantId) ? new CourseParticipantSubject(http.GetCaller().ProjectId, cohortId, participantId) : null,
            ("cohort", "course participant"),
            ifMatch,
            erasure,
            audit,
            cancellationToken);

    private static async Task<Results<Ok<ErasureResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> EraseAsync(
        HttpContext http, DataSubject? subject, (string RecordType, string Name) what, string? ifMatch, SubjectErasure erasure, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (subject is null)
        {
            // An id that cannot be ours reaches neither storage nor the audit as typed.
            await audit.RecordAsync(caller.ProjectId, caller.ObjectId, SubjectErasure.AuditAction, what.RecordType, "invalid", allowed: false, cancellationToken);
            return ChangeOutcomes.NotFound(what.Name);
        }

        if (RestHeaders.IfMatch(ifMatch) is not { } version)
        {
            return PreconditionRequiredProblem.Of($"Send the {what.Name}'s ETag, as you read it, in an If-Match header: erasure is decided on what you saw.");
        }

        var result = await erasure.EraseAsync(new ErasureRequest(subject, caller.ToActor(), caller.TenantId, version), cancellationToken);
        if (result.CurrentVersion is { } current)
        {
            http.Response.Headers.ETag = current;
        }

        return result.Outcome switch
        {
            ErasureOutcome.Erased => TypedResults.Ok(new ErasureResponse(result.Erased.Select(c => new ErasedKind(c.Kind, c.Count)).ToList())),
            ErasureOutcome.Stale => PreconditionFailedProblem.Of($"The {what.Name} has changed since the ETag you sent. Read it again (the current ETag is in the ETag header) and decide again."),
            _ => ChangeOutcomes.NotFound(what.Name),
        };
    }

    /// <summary>An Entra object id's shape (a GUID; demo ids are letters, digits and dashes): anything else is nobody's.</summary>
    private static bool IsObjectId(string objectId) =>
        objectId.Length is > 0 and <= 64 && objectId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

/// <summary>What an erasure erased, by kind and number: no names, no ids.</summary>
public sealed record ErasureResponse(IReadOnlyList<ErasedKind> Erased);

public sealed record ErasedKind(string Kind, int Count);
