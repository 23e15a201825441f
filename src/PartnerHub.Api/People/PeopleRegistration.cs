using PartnerHub.Api.Graph;

namespace PartnerHub.Api.People;

public static class PeopleRegistration
{
    /// <summary>
    /// The check of chosen people: looked up in Entra through Graph when Graph is configured
    /// (<c>GET /users/{id}</c>, permission User.Read.All), the local stand-in otherwise. Call after AddPartnerHubGraph.
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var graph = configuration.GetSection(GraphOptions.SectionName).Get<GraphOptions>() ?? new GraphOptions();
        if (graph.IsConfigured)
        {
            services.AddSingleton<IPersonLookup, GraphPersonLookup>();
        }
        else
        {
            services.AddSingleton<IPersonLookup, LocalPersonLookup>();
        }

        services.AddSingleton<ChosenPerson>();
        return services;
    }
}
