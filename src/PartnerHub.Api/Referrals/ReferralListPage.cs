namespace PartnerHub.Api.Referrals;

/// <summary>
/// One page of "my referrals" over REST: the query's limits, and the page as JSON. The continuation token itself is
/// made and checked by the service (<see cref="Storage.ContinuationTokens"/>): bound to the caller and the list.
/// </summary>
internal static class ReferralListPage
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    public const string RefusedToken = "Not a continuation token from this list. Start again without one.";

    /// <summary>The errors by query parameter (none when the query is valid) and the page size to read.</summary>
    public static (Dictionary<string, string[]> Errors, int PageSize) Check(int? pageSize, string? continuationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {MaxPageSize}."];
        }

        if (continuationToken is { Length: 0 })
        {
            errors["continuationToken"] = [RefusedToken];
        }

        return (errors, size);
    }

    public static ReferralListResponse Response(ReferralPage page) =>
        new([.. page.Items.Select(ReferralResponses.ListItem)], page.NextToken);
}
