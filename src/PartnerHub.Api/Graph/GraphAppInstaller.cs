using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace PartnerHub.Api.Graph;

/// <summary>
/// POST /users/{id}/teamwork/installedApps with <c>teamsApp@odata.bind</c> to the app's entry in the organisation's
/// app catalog (<see cref="GraphOptions.TeamsAppCatalogId"/>, not the manifest id), as application permission
/// TeamsAppInstallation.ReadWriteForUser.All. 409, 403 and 404 are answers, not failures; anything else throws.
/// </summary>
public sealed partial class GraphAppInstaller(GraphServiceClient graph, GraphOptions options, ILogger<GraphAppInstaller> logger) : IAppInstaller
{
    public async Task<AppInstallOutcome> InstallForAsync(string objectId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectId);
        var catalogId = options.TeamsAppCatalogId ?? throw new InvalidOperationException("Graph:TeamsAppCatalogId is not set.");
        var installation = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object>
            {
                // Graph's own host, whatever BaseUrl is: the bind names an entity, it is not a request.
                ["teamsApp@odata.bind"] = $"{GraphOptions.DefaultBaseUrl}/appCatalogs/teamsApps/{Uri.EscapeDataString(catalogId)}",
            },
        };
        try
        {
            await graph.Users[objectId].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: cancellationToken);
            return AppInstallOutcome.Installed;
        }
        catch (ODataError error) when (Outcome(error.ResponseStatusCode) is { } outcome)
        {
            LogAnswered(logger, error.ResponseStatusCode, error.Error?.Code ?? "-");
            return outcome;
        }
    }

    private static AppInstallOutcome? Outcome(int status) => status switch
    {
        409 => AppInstallOutcome.AlreadyInstalled,
        403 => AppInstallOutcome.BlockedByPolicy,
        404 => AppInstallOutcome.NoTeams,
        _ => null,
    };

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Graph answered {StatusCode} ({Code}) to installing PartnerHub for a person")]
    private static partial void LogAnswered(ILogger logger, int statusCode, string code);
}
