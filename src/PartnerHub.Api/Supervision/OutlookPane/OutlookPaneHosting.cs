using System.Security.Claims;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Framing;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Supervision.Adoption;

namespace PartnerHub.Api.Supervision.OutlookPane;

/// <summary>How the pane finds its API: Entra through nested app authentication, the local demo, or nobody.</summary>
public enum PaneMode
{
    Entra,

    /// <summary>Development on loopback without Entra settings: the demo coordinator, through <see cref="OutlookPaneHosting.DemoApiPath"/>.</summary>
    LocalDemo,

    /// <summary>No Entra settings and not the local demo: the pane says it cannot sign in.</summary>
    Unavailable,
}

/// <summary>What /addin/config.json tells the pane.</summary>
/// <param name="ApiScope">The delegated scope the pane asks for through nested app authentication.</param>
public sealed record PaneConfig(string Mode, string? ClientId, string? ApiScope, string ApiBase, IReadOnlyList<string> GraphScopes, string Category);

/// <summary>
/// The Outlook add-in pane's wiring (README.md beside this file): its files under /addin (wwwroot/addin, served by
/// MapStaticAssets), their Content-Security-Policy, /addin/config.json, and in the local demo a stand-in API group.
/// </summary>
public static class OutlookPaneHosting
{
    public const string Path = "/addin";
    public const string DemoApiPath = "/addin/demo/api";

    /// <summary>
    /// Scripts, styles and images from PartnerHub only (Office.js and MSAL are vendored); calls to PartnerHub and, for an
    /// attendee's meeting id, Microsoft Graph; framed only by Outlook and the other Microsoft hosts.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self' https://graph.microsoft.com https://login.microsoftonline.com; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; " + MicrosoftHostFraming.FrameAncestors;

    /// <summary>Graph scope the pane asks for to read an attendee's copy of the meeting (its iCalUId): delegated, read-only.</summary>
    public const string GraphCalendarScope = "Calendars.Read";

    public static IServiceCollection AddOutlookPane(this IServiceCollection services)
    {
        services.AddSingleton<OutlookEventSessions>();
        return services;
    }

    /// <summary>The mode, mirroring the tab's rule: the demo only in Development, without Entra, listening on loopback only.</summary>
    public static PaneMode Decide(bool isDevelopment, RestAuthenticationMode rest, IEnumerable<string> listenUrls)
    {
        ArgumentNullException.ThrowIfNull(listenUrls);
        if (rest == RestAuthenticationMode.Entra)
        {
            return PaneMode.Entra;
        }

        return isDevelopment && listenUrls.All(BotHostingMode.IsLoopback) ? PaneMode.LocalDemo : PaneMode.Unavailable;
    }

    /// <summary>The pane's CSP on every /addin response (files, config, demo API). After UseRouting-free middleware such as the tab's.</summary>
    public static WebApplication UseOutlookPane(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    context.Response.Headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>/addin/config.json and, in the local demo only, the pane's API under <see cref="DemoApiPath"/>.</summary>
    public static WebApplication MapOutlookPane(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mode = Decide(app.Environment.IsDevelopment(), app.Services.GetRequiredService<RestApiSettings>().Mode, BotHostingMode.ConfiguredUrls(app.Configuration));
        var config = ConfigFor(mode, app.Configuration.GetSection(RestApi.SectionName));
        app.MapGet(Path + "/config.json", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Ok(config);
        }).AllowAnonymous().ExcludeFromDescription();

        if (mode == PaneMode.LocalDemo)
        {
            MapPaneApi(app.MapGroup(DemoApiPath).WithMetadata(new ActingPrincipal(DemoCoordinator)).ExcludeFromDescription(), named: false);
        }

        return app;
    }

    /// <summary>
    /// Every endpoint the pane calls, on the group given (/api, or the local demo's). The ONE place to add more.
    /// </summary>
    /// <param name="named">False for the demo copy: endpoint names must be unique in the app.</param>
    public static RouteGroupBuilder MapPaneApi(this RouteGroupBuilder api, bool named = true)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapOutlookPaneEndpoints(named);
        if (!named)
        {
            // On /api the sessions' REST maps it already (SessionEndpoints); the demo copy needs its own.
            api.MapOutlookEventEndpoints(named: false);
        }

        return api;
    }

    public static PaneConfig ConfigFor(PaneMode mode, IConfigurationSection azureAd)
    {
        ArgumentNullException.ThrowIfNull(azureAd);
        var category = Core.Supervision.OutlookCategory.Name;
        switch (mode)
        {
            case PaneMode.Entra:
                var clientId = azureAd["ClientId"];
                var audience = string.IsNullOrWhiteSpace(azureAd["Audience"]) ? "api://" + clientId : azureAd["Audience"]!.TrimEnd('/');
                return new PaneConfig("entra", clientId, audience + "/" + RestApi.DelegatedScope, "/api", [GraphCalendarScope], category);
            case PaneMode.LocalDemo:
                return new PaneConfig("demo", null, null, DemoApiPath, [], category);
            default:
                return new PaneConfig("unavailable", null, null, "/api", [], category);
        }
    }

    // The local demo's stand-in for a token: whoever calls is the demo coordinator (Development, loopback, no Entra only).
    private static ClaimsPrincipal DemoCoordinator() => new(new ClaimsIdentity(
        [new Claim(RestApi.TenantIdClaim, DemoData.PlaygroundTenant), new Claim(RestApi.ObjectIdClaim, DemoData.Coordinator.ObjectId)],
        authenticationType: "PartnerHub.LocalDemo"));
}
