using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Rest;

/// <summary>
/// The REST answer to a change the service did not apply: one of 400, 404, 409 or 412, each declared in the endpoint's
/// OpenAPI description by this type (<see cref="ChangeOutcomes"/> decides which).
/// </summary>
public sealed class ChangeRefusal : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private readonly ProblemResult _problem;

    internal ChangeRefusal(ProblemResult problem) => _problem = problem;

    public int? StatusCode => _problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ValidationFailed.PopulateMetadata(method, builder);
        NotFoundProblem.PopulateMetadata(method, builder);
        ConflictProblem.PopulateMetadata(method, builder);
        PreconditionFailedProblem.PopulateMetadata(method, builder);
    }
}

/// <summary>
/// One rule for how the REST API answers a change (referral transitions, onward answers, session changes), so every
/// feature answers the same outcome the same way:
/// <list type="bullet">
/// <item>applied now, or a retry of one that was applied (same person, same command, same version): the caller answers with the record;</item>
/// <item>not found or not allowed: the same 404, so a stranger learns nothing, not even that it exists;</item>
/// <item>a lost race (a stale If-Match that is not her own retry, or someone else's write between read and write): 412
/// with the current ETag; without an If-Match there was no precondition to fail, so a race then is a 409;</item>
/// <item>the state does not allow it: 409; invalid input: 400 with the errors by field.</item>
/// </list>
/// The current ETag goes in the ETag header on every answer except the 404, so the client can read again and decide.
/// </summary>
public static class ChangeOutcomes
{
    public static bool IsApplied(ChangeOutcome outcome) => outcome is ChangeOutcome.Changed or ChangeOutcome.Duplicate;

    /// <summary>Null when the change was applied (the caller answers with the record); otherwise the refusal.</summary>
    /// <param name="record">What was to change, as the problem names it: "referral", "onward referral", "session".</param>
    /// <param name="currentETag">The record's current ETag, null when there is none to tell.</param>
    /// <param name="preconditionSent">Whether the request named the version it changes (If-Match).</param>
    /// <param name="whyNotNow">For a state that does not allow the change: the 409's detail.</param>
    /// <param name="invalidInput">For invalid input: the 400 with the errors by field.</param>
    public static ChangeRefusal? Refusal(
        HttpResponse response,
        ChangeOutcome outcome,
        string record,
        string? currentETag,
        bool preconditionSent = true,
        Func<string>? whyNotNow = null,
        Func<ValidationFailed>? invalidInput = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(record);
        var hidden = outcome is ChangeOutcome.NotFound or ChangeOutcome.Forbidden || currentETag is null;
        if (!hidden)
        {
            response.Headers.ETag = currentETag;
        }

        ProblemResult? problem = outcome switch
        {
            _ when hidden => NotFound(record),
            ChangeOutcome.Changed or ChangeOutcome.Duplicate => null,
            ChangeOutcome.Stale => LostRace(record),
            ChangeOutcome.Conflict when preconditionSent => LostRace(record),
            ChangeOutcome.Conflict => ConflictProblem.Of($"The {record} was changed by someone else meanwhile; nothing was stored. Read it again and send it again."),
            ChangeOutcome.InvalidTransition => ConflictProblem.Of(whyNotNow?.Invoke() ?? $"The {record}'s state does not allow this change."),
            ChangeOutcome.InvalidInput => invalidInput?.Invoke() ?? ValidationFailed.Of(new Dictionary<string, string[]>(), "The change is not valid."),
            _ => NotFound(record),
        };
        return problem is null ? null : new ChangeRefusal(problem);
    }

    /// <summary>The 404 for a record that is absent or not the caller's to see.</summary>
    public static NotFoundProblem NotFound(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return NotFoundProblem.Of(
            char.ToUpper(record[0], CultureInfo.InvariantCulture) + record[1..] + " not found",
            $"There is no {record} with this id that you may see.");
    }

    private static PreconditionFailedProblem LostRace(string record) =>
        PreconditionFailedProblem.Of($"The {record} has changed since the ETag you sent. Read it again (the current ETag is in the ETag header) and decide again.");
}
