namespace PartnerHub.Teams.Protocol;

/// <summary>One canonical form for serviceUrls, so claim checks and the trust set compare like with like.</summary>
internal static class ServiceUrl
{
    /// <summary>
    /// lower-case scheme and host, explicit port only when not the default, path without trailing '/'.
    /// Returns null for anything that is not a plain absolute http(s) URL (user info, query and fragment are refused).
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        if ((uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            return null;
        }

        var authority = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        return $"{uri.Scheme}://{authority.ToLowerInvariant()}{uri.AbsolutePath.TrimEnd('/')}";
    }

    public static bool AreEquivalent(string? a, string? b)
    {
        var na = Normalize(a);
        return na is not null && string.Equals(na, Normalize(b), StringComparison.Ordinal);
    }
}
