using Microsoft.AspNetCore.Authorization;

namespace PartnerHub.Api.Rest;

/// <summary>
/// Routing answers a body in a content type no endpoint of the path accepts with an endpoint of its own (ASP.NET Core's
/// <c>AcceptsMatcherPolicy</c>: 415), chosen before authorization and carrying no authorization, so a caller without a
/// token learned the endpoint's shape from a 415. Under <c>/api</c> that answer is put behind the REST policy: no valid
/// token is 401 first, as everywhere in the API, and only a permitted caller hears 415. One place for every endpoint
/// with a body.
/// </summary>
internal static class ContentTypeAfterAuthentication
{
    /// <summary>The display name routing gives its 415 endpoint (the framework's own constant is internal).</summary>
    internal const string RoutingRejectionName = "415 HTTP Unsupported Media Type";

    private static readonly Endpoint BehindPolicy = new(
        context =>
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        },
        new EndpointMetadataCollection(new AuthorizeAttribute(RestApi.Policy)),
        RoutingRejectionName + " (after the REST policy)");

    /// <summary>Middleware between authentication and authorization.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is { } endpoint && IsRoutingRejection(endpoint) && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.SetEndpoint(BehindPolicy);
        }

        return next(context);
    }

    /// <summary>Routing's own rejection: no route endpoint, no metadata at all, its name.</summary>
    internal static bool IsRoutingRejection(Endpoint endpoint) =>
        endpoint is not RouteEndpoint && endpoint.Metadata.Count == 0 && endpoint.DisplayName == RoutingRejectionName;
}
