using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Privacy;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Nothing outside the matrix: every HTTP endpoint the real host maps and every card verb its handlers register has
/// rows in <see cref="AccessMatrix"/>, and every row names an endpoint or verb that exists.
/// </summary>
[Collection(AccessMatrixHosts.Name)]
public sealed class AccessMatrixCoverageTests(MatrixWorld world)
{
    [Fact]
    public void Every_endpoint_of_the_real_host_has_rows_and_every_endpoint_row_exists()
    {
        var mapped = Endpoints(world.Rest.Services);
        var inMatrix = Names(SurfaceKind.Endpoint);

        Assert.Empty(mapped.Except(inMatrix).Select(name => "no rows: " + name));
        Assert.Empty(inMatrix.Except(mapped).Select(name => "no such endpoint: " + name));
    }

    [Fact]
    public void Every_card_verb_of_the_real_host_has_rows_and_every_verb_row_exists()
    {
        var registered = world.Bot.Services.GetServices<ICardActionHandler>().SelectMany(handler => handler.Verbs).ToHashSet(StringComparer.Ordinal);
        var inMatrix = Names(SurfaceKind.CardVerb);

        Assert.Empty(registered.Except(inMatrix).Select(verb => "no rows: " + verb));
        Assert.Empty(inMatrix.Except(registered).Select(verb => "no such verb: " + verb));
    }

    [Fact]
    public void Every_tab_page_has_rows_and_every_surface_a_description_and_one_row_per_role()
    {
        Assert.Equal(Enum.GetNames<PartnerHub.Api.Dashboard.TabPage>().Order(StringComparer.Ordinal), Names(SurfaceKind.TabPage).Order(StringComparer.Ordinal));
        Assert.All(AccessMatrix.Surfaces, surface => Assert.False(string.IsNullOrWhiteSpace(surface.Description), surface.Name));
        Assert.Empty(AccessMatrix.Rows.GroupBy(row => (row.Surface.Name, row.Role)).Where(g => g.Count() > 1).Select(g => "twice: " + g.Key));
        Assert.Equal(AccessMatrix.Surfaces.Count, AccessMatrix.Surfaces.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void The_markdown_names_every_surface()
    {
        var markdown = AccessMatrix.ToMarkdown();
        Assert.All(AccessMatrix.Surfaces, surface => Assert.Contains("`" + surface.Name + "`", markdown, StringComparison.Ordinal));
    }

    /// <summary>
    /// Every routed endpoint as "METHOD /pattern". Left out, by design: the framework's static assets (MapStaticAssets:
    /// files shipped with the app and Fluent UI, the same for everyone, no data) and Blazor's own plumbing for the tab
    /// (/_blazor, its negotiation and initializers, /_framework): the circuit carries no identity of its own, and the tab
    /// pages' rows say what a person sees in it.
    /// </summary>
    internal static HashSet<string> Endpoints(IServiceProvider services)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
            if (IsFrameworkPlumbing(endpoint, pattern))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Count == 0 ? ["ANY"] : methods)
            {
                names.Add(method + " " + pattern);
            }
        }

        return names;
    }

    private static bool IsFrameworkPlumbing(RouteEndpoint endpoint, string pattern) =>
        endpoint.Metadata.Any(m => m.GetType().FullName?.Contains("StaticAsset", StringComparison.Ordinal) == true)
        || pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || pattern.StartsWith("/_framework", StringComparison.Ordinal);

    private static HashSet<string> Names(SurfaceKind kind) =>
        AccessMatrix.Surfaces.Where(s => s.Kind == kind).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
}
