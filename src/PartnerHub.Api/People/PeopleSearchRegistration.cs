using Microsoft.Graph;
using PartnerHub.Api.Graph;

namespace PartnerHub.Api.People;

public static class PeopleSearchRegistration
{
    /// <summary>
    /// The people search behind the tab's picker and <c>GET /api/people</c>: the tenant's directory through Graph when
    /// Graph is configured (<see cref="GraphOptions.IsConfigured"/>, after <c>AddPartnerHubGraph</c>), the demo cast otherwise.
    /// </summary>
    public static IServiceCollection AddPeopleSearch(this IServiceCollection services)
    {
        services.AddSingleton<IPeopleSearch>(provider => provider.GetRequiredService<GraphOptions>().IsConfigured
            ? new GraphPeopleSearch(provider.GetRequiredService<GraphServiceClient>(), provider.GetRequiredService<ILogger<GraphPeopleSearch>>())
            : new LocalPeopleSearch());
        return services;
    }
}
