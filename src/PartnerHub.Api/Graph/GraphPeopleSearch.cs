using System.Text;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using PartnerHub.Api.People;

namespace PartnerHub.Api.Graph;

/// <summary>
/// The people search against the tenant's directory: <c>GET /users?$search="displayName:…" OR "givenName:…"</c> with
/// <c>ConsistencyLevel: eventual</c> (Graph answers $search on users only as an advanced query), the fewest fields a
/// picker needs and at most ten people. The text is normalised and capped first (<see cref="PeopleSearchText"/>) and
/// escaped inside the quoted search terms; the SDK percent-encodes the whole query value.
/// </summary>
public sealed partial class GraphPeopleSearch(GraphServiceClient graph, ILogger<GraphPeopleSearch> logger) : IPeopleSearch
{
    private static readonly string[] Fields = ["id", "displayName", "givenName", "jobTitle", "department"];

    public bool IsLocal => false;

    public async Task<IReadOnlyList<PersonMatch>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        if (PeopleSearchText.Normalize(text) is not { } normalized)
        {
            return [];
        }

        var term = Escape(normalized);
        try
        {
            var found = await graph.Users.GetAsync(
                request =>
                {
                    request.QueryParameters.Search = $"\"displayName:{term}\" OR \"givenName:{term}\"";
                    request.QueryParameters.Select = Fields;
                    request.QueryParameters.Top = PeopleSearchText.MaxResults;
                    request.Headers.Add("ConsistencyLevel", "eventual");
                },
                cancellationToken);
            return [.. (found?.Value ?? [])
                .Where(user => !string.IsNullOrWhiteSpace(user.Id) && !string.IsNullOrWhiteSpace(user.DisplayName))
                .Take(PeopleSearchText.MaxResults)
                .Select(user => new PersonMatch(
                    user.Id!,
                    user.DisplayName!.Trim(),
                    PeopleSearchText.FirstNameOf(user.GivenName, user.DisplayName),
                    Detail(user.JobTitle, user.Department)))];
        }
        catch (ODataError error) when (error.ResponseStatusCode is 401 or 403)
        {
            // The permission is missing: a fault of the installation, said plainly, never a 500 or an empty list.
            LogRefused(logger, error.ResponseStatusCode);
            throw new PeopleSearchUnavailableException(error.ResponseStatusCode);
        }
    }

    /// <summary>
    /// Inside a quoted $search term a double quote and a backslash are the only characters with a meaning of their own:
    /// each is escaped with a backslash, so the text can neither end the term nor add another clause.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? Detail(string? jobTitle, string? department)
    {
        var parts = new[] { jobTitle, department }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    // The status only: never the search text (a name) nor the URL that carries it.
    [LoggerMessage(EventId = 4030, Level = LogLevel.Error, Message = "Graph refused the people search ({StatusCode}): grant the app User.ReadBasic.All or User.Read.All")]
    private static partial void LogRefused(ILogger logger, int statusCode);
}
