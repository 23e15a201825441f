using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Rest;

/// <summary>
/// Request headers every REST feature reads the same way: <c>If-Match</c> for optimistic concurrency,
/// <c>Idempotency-Key</c> for safely retried creates, <c>Accept-Language</c> for messages people read.
/// </summary>
public static class RestHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 64;

    /// <summary>428: the change needs an <c>If-Match</c> ETag so it can never silently overwrite someone else's.</summary>
    public static IResult PreconditionRequired(string? detail = null) =>
        Results.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "Precondition required",
            detail: detail ?? "Send the ETag you read in an If-Match header.");

    /// <summary>
    /// The one entity tag in <c>If-Match</c>, exactly as sent (ETags are opaque: compared as strings, weak or strong,
    /// because storage ETags are weak and RFC strong comparison would never match them). Null when the header is
    /// missing, empty, <c>*</c> or a list: none of those says which version the client saw.
    /// </summary>
    /// <param name="header">The header as bound with <c>[FromHeader(Name = "If-Match")]</c> (several values arrive comma-joined).</param>
    public static string? IfMatch(string? header)
    {
        var tag = header?.Trim();
        return string.IsNullOrEmpty(tag) || tag == "*" || tag.Contains(',', StringComparison.Ordinal) ? null : tag;
    }

    /// <summary>
    /// The record version in <c>If-Match</c>, for records whose ETag is their version number (sessions, cohorts):
    /// <c>"3"</c> or <c>W/"3"</c>. Null when there is no single tag or it is not a positive whole number.
    /// </summary>
    public static int? VersionIn(string? ifMatch)
    {
        var tag = IfMatch(ifMatch);
        if (tag is null)
        {
            return null;
        }

        tag = (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag).Trim('"');
        return int.TryParse(tag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0 ? version : null;
    }

    /// <summary>400: a create without a usable <c>Idempotency-Key</c>; <paramref name="whatTwice"/> says what a retry would repeat.</summary>
    public static IResult IdempotencyKeyRequired(string whatTwice) =>
        RestProblems.Validation(
            new Dictionary<string, string[]> { [IdempotencyKey] = [$"Required: 1-{MaxIdempotencyKeyLength} visible ASCII characters, the same for every retry of this request."] },
            $"Send an Idempotency-Key header so a retried request cannot {whatTwice}.");

    /// <summary>
    /// A client-chosen key for a retried create: 1-64 visible ASCII characters (a GUID fits). Null when missing or unusable.
    /// </summary>
    public static string? Idempotency(string? header) =>
        header?.Trim() is { Length: > 0 and <= MaxIdempotencyKeyLength } key && key.All(c => c is > ' ' and < '\u007f') ? key : null;

    /// <summary>"da" or "en": the supported language the client ranks highest in <c>Accept-Language</c>; Danish when none is.</summary>
    public static string Language(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranked = request.GetTypedHeaders().AcceptLanguage
            .Where(value => value.Quality is not 0)
            .OrderByDescending(value => value.Quality ?? 1); // stable: equal qualities keep the client's order
        foreach (var value in ranked)
        {
            var tag = value.Value.Value ?? string.Empty;
            if (tag.Equals(Languages.English, StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            {
                return Languages.English;
            }

            if (tag.Equals(Languages.Danish, StringComparison.OrdinalIgnoreCase) || tag.StartsWith("da-", StringComparison.OrdinalIgnoreCase))
            {
                return Languages.Danish;
            }
        }

        return Languages.Danish;
    }
}
