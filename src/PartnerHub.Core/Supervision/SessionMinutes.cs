using System.Globalization;

namespace PartnerHub.Core.Supervision;

/// <summary>
/// The minutes of a session as a document in the project's SharePoint library. Its file name is built from the kind,
/// the Copenhagen date and the session id only: personal data never goes into a file name or path (ARCHITECTURE §5).
/// </summary>
public static class SessionMinutes
{
    public const string DefaultExtension = ".docx";

    /// <summary>The document types minutes may be: lower case, with the dot.</summary>
    public static readonly IReadOnlyList<string> AllowedExtensions = [".docx", ".pdf", ".txt", ".md", ".odt", ".rtf"];

    /// <summary>
    /// Minutes (written or attached) belong to a session that has begun and was not cancelled: the same rule for the
    /// card, REST and the outbox, so an upload is never wasted on a session that cannot take it.
    /// </summary>
    public static bool CanAddMinutes(SupervisionSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.State != SessionState.Cancelled && now >= session.Start;
    }

    /// <summary>True for an allowed extension, with its dot, in any case (".PDF" too).</summary>
    public static bool IsAllowedExtension(string? extension) =>
        extension is not null && AllowedExtensions.Contains(extension.ToLowerInvariant());

    /// <summary>
    /// The allowed extension (lower case, with the dot) of an uploaded file's name, e.g. ".pdf" for "Referat 3. marts.PDF";
    /// null when it has none or one not allowed. Only the extension is used: the uploaded name itself is never stored.
    /// </summary>
    public static string? AllowedExtensionOf(string? uploadedFileName)
    {
        if (string.IsNullOrWhiteSpace(uploadedFileName))
        {
            return null;
        }

        var name = uploadedFileName.Trim();
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            return null;
        }

        var extension = name[dot..].ToLowerInvariant();
        return AllowedExtensions.Contains(extension) ? extension : null;
    }

    /// <summary>
    /// "referat-{kind}-{yyyy-MM-dd}-{id}{extension}", e.g. "referat-experience-exchange-2026-03-29-s-01.docx": the kind in
    /// kebab case, the session's Copenhagen date, its id. Nothing else.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is not allowed, or the session id is not a plain id.</exception>
    public static string MinutesFileName(SupervisionSession session, string extension = DefaultExtension)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!IsAllowedExtension(extension))
        {
            throw new ArgumentException($"Minutes may be {string.Join(", ", AllowedExtensions)}.", nameof(extension));
        }

        if (!SupervisionSession.IsValidId(session.Id))
        {
            throw new ArgumentException("The session id is not a plain id.", nameof(session));
        }

        var date = session.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"referat-{KindSlug(session.Kind)}-{date}-{session.Id}{extension.ToLowerInvariant()}";
    }

    /// <summary>True when <paramref name="documentName"/> is <see cref="MinutesFileName"/> of this session with an allowed extension.</summary>
    public static bool IsMinutesFileNameFor(SupervisionSession session, string? documentName)
    {
        ArgumentNullException.ThrowIfNull(session);
        return documentName is not null && SupervisionSession.IsValidId(session.Id)
            && AllowedExtensions.Any(extension => string.Equals(documentName, MinutesFileName(session, extension), StringComparison.Ordinal));
    }

    /// <summary>An absolute https URL without user info (a SharePoint web URL).</summary>
    public static bool IsValidUrl(string? url) =>
        url is { Length: > 0 and <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.UserInfo) && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The kind in kebab case: "supervision", "experience-exchange", "course-follow-up".</summary>
    public static string KindSlug(SessionKind kind) => kind switch
    {
        SessionKind.Supervision => "supervision",
        SessionKind.ExperienceExchange => "experience-exchange",
        SessionKind.CourseFollowUp => "course-follow-up",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
