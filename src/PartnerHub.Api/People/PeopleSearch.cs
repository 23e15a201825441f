using System.Text;

namespace PartnerHub.Api.People;

/// <summary>
/// One person the organisation's directory found: what a picker shows and what it hands back. No mail address or UPN:
/// a coordinator chooses by name and the line that tells namesakes apart; the object id is for the server alone.
/// </summary>
/// <param name="ObjectId">Her Entra object id: what is stored when she is chosen.</param>
/// <param name="DisplayName">Her name as the organisation shows it ("Fatima Ali").</param>
/// <param name="FirstName">What the directory stores and colleagues see on cards: her given name, else the first word of her display name.</param>
/// <param name="Detail">Job title and/or department, to tell two people of the same name apart; null when the directory has neither.</param>
public sealed record PersonMatch(string ObjectId, string DisplayName, string FirstName, string? Detail);

/// <summary>Searching the organisation's people by name (Graph in a tenant, the demo cast locally).</summary>
public interface IPeopleSearch
{
    /// <summary>True when no organisation is searched (Graph not configured): pickers say so, as the local calendar does.</summary>
    bool IsLocal { get; }

    /// <summary>
    /// Up to <see cref="PeopleSearchText.MaxResults"/> people whose name starts with the text. Text that
    /// <see cref="PeopleSearchText.Normalize"/> refuses (under two characters) finds nobody and calls nothing.
    /// </summary>
    /// <exception cref="PeopleSearchUnavailableException">The directory refused the search (permission missing).</exception>
    Task<IReadOnlyList<PersonMatch>> SearchAsync(string? text, CancellationToken cancellationToken);
}

/// <summary>The directory refused the search (Graph 401/403: the permission is not granted): a configuration fault, not bad input.</summary>
public sealed class PeopleSearchUnavailableException(int statusCode)
    : Exception($"The organisation's directory refused the people search ({statusCode}): grant PartnerHub's Graph app User.ReadBasic.All or User.Read.All.")
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>The one rule for what a search text may be, used by every implementation and the REST endpoint.</summary>
public static class PeopleSearchText
{
    public const int MinLength = 2;

    /// <summary>Longer than any name worth typing; caps what reaches Graph.</summary>
    public const int MaxLength = 64;

    public const int MaxResults = 10;

    /// <summary>
    /// Trimmed, inner whitespace collapsed to one space, control characters dropped, cut to <see cref="MaxLength"/>;
    /// null when fewer than <see cref="MinLength"/> characters remain.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        var normalized = builder.ToString(0, Math.Min(builder.Length, MaxLength)).TrimEnd();
        return normalized.Length >= MinLength ? normalized : null;
    }

    /// <summary>The name stored for a chosen person: her given name, else her display name's first word.</summary>
    public static string FirstNameOf(string? givenName, string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        if (!string.IsNullOrWhiteSpace(givenName))
        {
            return givenName.Trim();
        }

        var trimmed = displayName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? trimmed[..space] : trimmed;
    }
}
