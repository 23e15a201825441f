using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using GraphCategory = Microsoft.Graph.Models.OutlookCategory;

namespace PartnerHub.Api.Graph;

/// <summary>A user's Outlook master category list (the categories she can set on a meeting).</summary>
public interface IMailboxCategoryGateway
{
    /// <summary>Makes sure the category is in her list; leaves it (and its colour) alone when it is there already.</summary>
    /// <returns>True when it was added now.</returns>
    Task<bool> EnsureAsync(string userObjectId, string displayName, string color, CancellationToken cancellationToken);
}

/// <summary>
/// Graph <c>/users/{id}/outlook/masterCategories</c> (application permission MailboxSettings.ReadWrite): read the list,
/// add the category when no entry has its name (names are case-insensitive in Outlook). A 409 from a concurrent add is done.
/// </summary>
public sealed class GraphMailboxCategoryGateway(GraphServiceClient graph) : IMailboxCategoryGateway
{
    public async Task<bool> EnsureAsync(string userObjectId, string displayName, string color, CancellationToken cancellationToken)
    {
        var list = await graph.Users[userObjectId].Outlook.MasterCategories.GetAsync(cancellationToken: cancellationToken);
        if (list?.Value?.Any(c => string.Equals(c.DisplayName?.Trim(), displayName, StringComparison.OrdinalIgnoreCase)) == true)
        {
            return false;
        }

        var category = new GraphCategory { DisplayName = displayName };
        if (Enum.TryParse<Microsoft.Graph.Models.CategoryColor>(color, ignoreCase: true, out var preset))
        {
            category.Color = preset;
        }

        try
        {
            await graph.Users[userObjectId].Outlook.MasterCategories.PostAsync(category, cancellationToken: cancellationToken);
            return true;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 409)
        {
            return false;
        }
    }
}

/// <summary>The local demo's stand-in: remembers which categories each user has, in memory.</summary>
public sealed class LocalMailboxCategoryGateway : IMailboxCategoryGateway
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _categories = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> EnsureAsync(string userObjectId, string displayName, string color, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_categories.Add(userObjectId + "\n" + displayName));
        }
    }
}
