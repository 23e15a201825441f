using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// A correction of the woman's details: only the members sent change (<c>note: ""</c> removes the note).
/// The referral form's field ids; languages an array; values are enum names.
/// </summary>
public sealed record CorrectPersonRequest
{
    public string? FirstName { get; init; }
    public IReadOnlyList<string?>? Languages { get; init; }
    public string? Area { get; init; }
    public string? ContactChannel { get; init; }
    public string? BestTime { get; init; }
    public string? Phone { get; init; }
    public string? Note { get; init; }
    public string? ConsentGivenBy { get; init; }
    public string? ConsentMethod { get; init; }

    /// <summary>yyyy-MM-dd: on or before the day she was referred, and at most 30 days before it.</summary>
    public string? ConsentDate { get; init; }

    public string? ConsentLanguage { get; init; }
}

/// <summary>
/// REST: correcting a woman's details on her referral (GDPR Art. 16), through <see cref="ReferralService"/> like every
/// change: ETag-conditional, applied once, audited as <c>Rectify</c> on the referral. Who may correct which field is
/// Core's <see cref="ReferralCorrection"/>.
/// </summary>
public static class ReferralCorrectionEndpoint
{
    public static RouteGroupBuilder MapReferralCorrection(this RouteGroupBuilder referrals)
    {
        ArgumentNullException.ThrowIfNull(referrals);
        referrals.MapPatch("/{referralId}/person", CorrectAsync)
            .RequireProjectRole(ProjectRole.Coordinator, ProjectRole.NeighbourhoodMother)
            .WithName("CorrectReferralPerson")
            .WithSummary("Corrects the woman's details: the coordinator any of them, the assigned mother her name, languages, area and contact. If-Match header (the ETag read) required.")
            .WithDescription("Only the members sent change. 412 when the ETag is stale; 409 when her details are erased; 400 with errors by field id (notAllowed: a field the caller may not correct).");
        return referrals;
    }

    private static async Task<Results<Ok<ReferralResponse>, NoContent, ChangeRefusal, PreconditionRequiredProblem, ValidationFailed>> CorrectAsync(
        HttpContext http,
        string referralId,
        CorrectPersonRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ReferralService service,
        DirectoryStore directory,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.IfMatch(ifMatch) is not { } expectedVersion)
        {
            return ReferralChangeAnswers.IfMatchRequired();
        }

        var language = RestHeaders.Language(http.Request);
        ValidationFailed Invalid(IReadOnlyDictionary<string, string> errors) =>
            ValidationFailed.Of(ReferralRequests.Messages(catalog, language, errors), "Some fields need correcting.");

        var input = Input(body);
        if (input.IsEmpty)
        {
            return Invalid(new Dictionary<string, string> { ["body"] = ReferralForm.Errors.Required });
        }

        return await ReferralChangeAnswers.ApplyAsync(
            http, caller.ToActor(), referralId, expectedVersion, new RectifyReferral(input), service, directory,
            whyNotNow: _ => "Her details are erased: there is nothing left to correct.",
            invalidInput: result => Invalid(result.Errors ?? new Dictionary<string, string>()),
            cancellationToken);
    }

    private static ReferralCorrectionInput Input(CorrectPersonRequest body) => new()
    {
        FirstNameOrInitials = body.FirstName,
        Languages = ReferralRequests.JoinList(body.Languages),
        Area = body.Area,
        ContactChannel = body.ContactChannel,
        BestTime = body.BestTime,
        PhoneNumber = body.Phone,
        Note = body.Note,
        ConsentGivenBy = body.ConsentGivenBy,
        ConsentMethod = body.ConsentMethod,
        ConsentDate = body.ConsentDate,
        ConsentLanguage = body.ConsentLanguage,
    };
}
