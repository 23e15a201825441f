using Microsoft.FluentUI.AspNetCore.Components;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Framing;
using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Dashboard;

/// <summary>The coordinator tab's wiring (README.md beside this file), called from Program.cs.</summary>
public static class DashboardHosting
{
    public const string Path = "/dashboard";

    /// <summary>
    /// Where Teams (web, desktop, mobile), Outlook and the Microsoft 365 app may frame the tab (<see cref="MicrosoftHostFraming"/>).
    /// Sent on the tab's pages only; every other response keeps the browser's default.
    /// </summary>
    public static string FrameAncestors => MicrosoftHostFraming.FrameAncestors;

    /// <summary>Registers Razor components (interactive server), Fluent UI, the tab's identity and strings. After AddPartnerHubRestApi.</summary>
    public static IServiceCollection AddPartnerHubDashboard(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var azureAd = configuration.GetSection(RestApi.SectionName);
        var entra = RestApiHostingMode.Decide(environment.EnvironmentName, azureAd) == RestAuthenticationMode.Entra;
        services.AddSingleton(new TabSettings(TabHostingMode.Decide(environment.EnvironmentName, entra, BotHostingMode.ConfiguredUrls(configuration))));

        services.AddRazorComponents().AddInteractiveServerComponents(options => options.DetailedErrors = environment.IsDevelopment());
        // Antiforgery stays on; its X-Frame-Options: SAMEORIGIN would forbid Teams to frame the tab, and the
        // frame-ancestors policy below says precisely who may.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddFluentUIComponents();
        services.AddSingleton<DashboardStrings>();
        services.AddSingleton<TabTokenValidator>();
        services.AddScoped<ITabHost, TeamsJsTabHost>();
        services.AddScoped<TabIdentity>();
        return services;
    }

    /// <summary>Says at start-up when the tab runs as the demo coordinator, and frames the tab's pages for Teams.</summary>
    public static WebApplication UsePartnerHubDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        switch (app.Services.GetRequiredService<TabSettings>().Mode)
        {
            case TabIdentityMode.LocalDemo:
                TabHostingMode.LogLocalDemo(app.Logger);
                break;
            case TabIdentityMode.Unavailable:
                TabHostingMode.LogUnavailable(app.Logger);
                break;
        }

        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.ContentSecurityPolicy = FrameAncestors;
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Static assets (Fluent UI's, the vendored Teams SDK) and the tab's pages.</summary>
    public static WebApplication MapPartnerHubDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
