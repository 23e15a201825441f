using Microsoft.AspNetCore.Http.HttpResults;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// How a REST change of a referral is answered, whatever the command (a transition, a correction): without an If-Match
/// 428; then the service's outcome as a refusal (404/403, 412 with the current ETag, 409, 400 by field) or the
/// referral as she may see it now.
/// </summary>
internal static class ReferralChangeAnswers
{
    public const string Record = "referral";

    public static PreconditionRequiredProblem IfMatchRequired() =>
        PreconditionRequiredProblem.Of("Send the referral's ETag, as you read it, in an If-Match header ('*' and lists are not accepted).");

    public static async Task<Results<Ok<ReferralResponse>, NoContent, ChangeRefusal, PreconditionRequiredProblem, ValidationFailed>> ApplyAsync(
        HttpContext http,
        Actor actor,
        string referralId,
        string expectedVersion,
        ReferralCommand command,
        ReferralService service,
        DirectoryStore directory,
        Func<ChangeResult, string> whyNotNow,
        Func<ChangeResult, ValidationFailed> invalidInput,
        CancellationToken cancellationToken)
    {
        var result = await service.ChangeAsync(actor, referralId, expectedVersion, command, actingCard: null, cancellationToken);
        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            result.Outcome,
            Record,
            result.Current?.Version,
            whyNotNow: () => whyNotNow(result),
            invalidInput: () => invalidInput(result));
        if (refusal is not null)
        {
            return refusal;
        }

        var response = await ReferralResponses.ForAsync(actor, result.Current!, directory, cancellationToken);
        // Nobody loses sight of a referral by her own action today; if a rule ever allows it, answer without a body.
        return response is null ? TypedResults.NoContent() : TypedResults.Ok(response);
    }
}

