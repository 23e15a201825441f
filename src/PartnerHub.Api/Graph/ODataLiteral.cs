namespace PartnerHub.Api.Graph;

/// <summary>
/// OData string literals for $filter. A value is never spliced into a filter as it stands: a quote in it would end the
/// literal early and let the rest be read as filter syntax. OData escapes a single quote by doubling it; URL encoding is
/// left to the SDK, which encodes the whole query value.
/// </summary>
public static class ODataLiteral
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
