using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Links;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// A session's .ics link signature: <see cref="LinkSigner"/> (the one signing rule) over (project id, session id,
/// recipient object id, expiry) for the purpose "partnerhub.session-ics.v1".
/// </summary>
public sealed class CalendarLinkSigner(LinkSigner signer)
{
    // Versioned, so a future change of the message can never verify against an old link.
    public const string Purpose = "partnerhub.session-ics.v1";

    public CalendarLinkSigner(ReadOnlySpan<byte> key)
        : this(new LinkSigner(key))
    {
    }

    /// <summary>base64url (no padding) of the 32-byte MAC.</summary>
    /// <exception cref="ArgumentException">An id does not pass its validator.</exception>
    public string Sign(string projectId, string sessionId, string recipientObjectId, long expiresUnixSeconds) =>
        IsSignable(projectId, sessionId, recipientObjectId)
            ? signer.Sign(Purpose, [projectId, sessionId, recipientObjectId], expiresUnixSeconds)
            : throw new ArgumentException("Only valid project, session and object ids are signed.");

    /// <summary>True only for the exact signature of these four values under this key; constant time in the MAC.</summary>
    public bool Verify(string? projectId, string? sessionId, string? recipientObjectId, long expiresUnixSeconds, string? signature) =>
        IsSignable(projectId, sessionId, recipientObjectId) && signer.Verify(Purpose, [projectId, sessionId, recipientObjectId], expiresUnixSeconds, signature);

    /// <summary>The link's query checked as <see cref="LinkSigner.IsAuthentic"/> does, ids validated first.</summary>
    public bool IsAuthentic(string projectId, string sessionId, string? recipientObjectId, string? exp, string? signature, DateTimeOffset now) =>
        IsSignable(projectId, sessionId, recipientObjectId) && signer.IsAuthentic(Purpose, [projectId, sessionId, recipientObjectId], exp, signature, now);

    /// <summary>Entra object ids (and the demo's ids): letters, digits and a few punctuation marks, never '\n'.</summary>
    public static bool IsObjectId(string? value) => GraphPayloads.IsObjectId(value);

    private static bool IsSignable(string? projectId, string? sessionId, string? recipientObjectId) =>
        Project.IsValidId(projectId) && SupervisionSession.IsValidId(sessionId) && IsObjectId(recipientObjectId);
}

/// <summary>
/// The anonymous, signed .ics link on an invitee's (or the organiser's) session and reminder cards, for people who
/// have no Outlook. It is built on <c>Graph:PublicBaseUrl</c>, the https address the app already gives Graph; without
/// one the cards carry no link. The link expires 14 days after the session, and never more than 400 days ahead.
/// </summary>
public sealed class CalendarLinks(CalendarLinkSigner signer, IOptions<GraphNotificationOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public const string PathPrefix = "/calendar";
    public static readonly TimeSpan AfterSession = TimeSpan.FromDays(14);
    public static readonly TimeSpan MaxLifetime = LinkSigner.MaxLifetime;

    /// <summary>The recipient's link, or null: cancelled, not hers, already expired, or no public base URL.</summary>
    public string? For(SupervisionSession session, string recipientObjectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.State == SessionState.Cancelled || !MayDownload(session, recipientObjectId)
            || !GraphNotificationOptions.TryBaseUrl(options.Value.PublicBaseUrl, environment.IsDevelopment(), out var baseUrl))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expires = Min(session.End + AfterSession, now + MaxLifetime);
        if (expires <= now || !CalendarLinkSigner.IsObjectId(recipientObjectId))
        {
            return null;
        }

        var exp = expires.ToUnixTimeSeconds();
        var signature = signer.Sign(session.ProjectId, session.Id, recipientObjectId, exp);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return string.Create(CultureInfo.InvariantCulture,
            $"{root}{PathPrefix}/{session.ProjectId}/{session.Id}.ics?for={Uri.EscapeDataString(recipientObjectId)}&exp={exp}&sig={signature}");
    }

    /// <summary>
    /// The link's query, checked before anything is read: ids valid, expiry in the future and not beyond the
    /// longest lifetime we issue, signature right. Which of these failed is not told to the caller.
    /// </summary>
    public bool IsAuthentic(string projectId, string sessionId, string? recipientObjectId, string? exp, string? signature) =>
        signer.IsAuthentic(projectId, sessionId, recipientObjectId, exp, signature, time.GetUtcNow());

    /// <summary>The organiser and the current invitees; someone removed from the session loses the download.</summary>
    public static bool MayDownload(SupervisionSession session, string? objectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return objectId is not null
            && (string.Equals(session.OrganizerObjectId, objectId, StringComparison.Ordinal) || session.IsInvited(objectId));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
