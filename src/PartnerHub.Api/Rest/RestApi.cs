using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Web;
using PartnerHub.Api.Partners;
using Scalar.AspNetCore;

namespace PartnerHub.Api.Rest;

/// <summary>
/// The REST API's foundation (see README.md beside this file): Entra bearer tokens through Microsoft.Identity.Web,
/// RFC 7807 problem details for every error, OpenAPI and Scalar in Development.
/// </summary>
public static partial class RestApi
{
    public const string SectionName = "AzureAd";
    public const string DefaultInstance = "https://login.microsoftonline.com/";

    /// <summary>The REST API's authentication scheme. Deliberately not the default scheme: /api/messages validates Bot Framework tokens itself.</summary>
    public const string AuthenticationScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The authorization policy every REST endpoint gets through <see cref="MapPartnerHubRestApi"/>.</summary>
    public const string Policy = "PartnerHub.Rest";

    /// <summary>The delegated scope the coordinator's tab requests (api://{ClientId}/access_as_user).</summary>
    public const string DelegatedScope = "access_as_user";

    /// <summary>The app role an integration's service principal is granted for app-only tokens.</summary>
    public const string IntegrationAppRole = "PartnerHub.Integration";

    private const string SuppressAutoDefaultSchemeSwitch = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    public const string ObjectIdClaim = "oid";
    public const string TenantIdClaim = "tid";
    public const string ScopeClaim = "scp";
    public const string RolesClaim = "roles";
    public const string IdentityTypeClaim = "idtyp";

    /// <summary>
    /// Registers authentication (section "AzureAd": Instance, TenantId, ClientId, Audience), the REST policy,
    /// problem details, the caller directory and, in Development, the OpenAPI document.
    /// </summary>
    /// <exception cref="InvalidOperationException">AzureAd is incomplete, or missing outside Development.</exception>
    public static IServiceCollection AddPartnerHubRestApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var azureAd = configuration.GetSection(SectionName);
        var mode = RestApiHostingMode.Decide(environment.EnvironmentName, azureAd);
        services.AddSingleton(new RestApiSettings(mode));

        services.AddProblemDetails(options => options.CustomizeProblemDetails = RestProblems.Customize);
        services.AddExceptionHandler<StorageConflictExceptionHandler>();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>(); // storage trouble: 503 with Retry-After, never 500

        // With a single scheme ASP.NET Core would make it the default and run it on every request, /api/messages
        // included (whose Bot Framework tokens it would try and fail to validate); the REST policy names its scheme instead.
        AppContext.SetSwitch(SuppressAutoDefaultSchemeSwitch, isEnabled: true);
        var authentication = services.AddAuthentication();
        if (mode == RestAuthenticationMode.Entra)
        {
            authentication.AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    azureAd.Bind(jwt);
                    // Raw claim names (oid, tid, scp, roles), not the WS-Federation URIs they would be mapped to.
                    jwt.MapInboundClaims = false;
                    jwt.IncludeErrorDetails = environment.IsDevelopment();
                },
                identity =>
                {
                    azureAd.Bind(identity);
                    if (string.IsNullOrWhiteSpace(identity.Instance))
                    {
                        identity.Instance = DefaultInstance;
                    }
                },
                AuthenticationScheme);
            services.PostConfigure<JwtBearerOptions>(AuthenticationScheme, RequireEntraIdentity);
            services.PostConfigure<JwtBearerOptions>(AuthenticationScheme, RequireOneAudience);
        }
        else
        {
            authentication.AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, UnavailableAuthenticationHandler>(AuthenticationScheme, displayName: null, configureOptions: null);
        }

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => IsPermittedCaller(context.User)));

        services.TryAddSingleton<TableCallerDirectory>();
        services.TryAddSingleton<ICallerDirectory>(provider => provider.GetRequiredService<TableCallerDirectory>());

        if (environment.IsDevelopment())
        {
            services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        }

        return services;
    }

    /// <summary>
    /// Adds authentication and authorization to the pipeline (after the error pages, so 401 and 403 get problem
    /// bodies) and, in Development only, /openapi/v1.json and the Scalar UI at /scalar.
    /// </summary>
    public static WebApplication UsePartnerHubRestApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        IdentityModelLogs.Install(app.Services.GetRequiredService<ILoggerFactory>());
        if (app.Services.GetRequiredService<RestApiSettings>().Mode == RestAuthenticationMode.Unavailable)
        {
            RestApiHostingMode.LogUnavailable(app.Logger);
        }

        app.UseAuthentication();
        app.Use(ContentTypeAfterAuthentication.InvokeAsync); // a body's wrong content type: 401 before 415
        app.UseAuthorization();
        app.Use(ActingPrincipal.InvokeAsync); // the local demo's fixed person, where nobody signs in
        app.Use(ProjectRoleFilter.InvokeAsync); // the caller's project role, before the endpoint binds her body

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }

    /// <summary>
    /// The route group every REST endpoint belongs to: <c>/api</c>, bearer token required (scope
    /// <see cref="DelegatedScope"/> or app role <see cref="IntegrationAppRole"/>). Map feature endpoints on it.
    /// </summary>
    public static RouteGroupBuilder MapPartnerHubRestApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policy);
        api.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));
        api.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
        return api;
    }

    /// <summary>
    /// Delegated tokens (they carry <c>scp</c>) need <see cref="DelegatedScope"/>; app-only tokens need the app role
    /// <see cref="IntegrationAppRole"/>. A user's token never passes on an app role, whatever roles it carries.
    /// </summary>
    internal static bool IsPermittedCaller(ClaimsPrincipal user)
    {
        if (user.EntraIdentity() is null)
        {
            return false;
        }

        if (user.HasClaim(claim => claim.Type == ScopeClaim))
        {
            return HasDelegatedScope(user);
        }

        var identityType = user.FindFirst(IdentityTypeClaim)?.Value;
        return (identityType is null || identityType == "app") &&
            user.FindAll(RolesClaim).Any(claim => claim.Value == IntegrationAppRole);
    }

    /// <summary>A user's (delegated) token granting <see cref="DelegatedScope"/>: the rule for the REST API and the coordinator tab alike.</summary>
    internal static bool HasDelegatedScope(ClaimsPrincipal user) =>
        user.FindAll(ScopeClaim).Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(DelegatedScope, StringComparer.Ordinal));

    /// <summary>
    /// The token's audience is PartnerHub's API and nothing else. IdentityModel and Microsoft.Identity.Web accept an
    /// <c>aud</c> list that merely contains it, i.e. a token issued to another API as well. Runs after
    /// Microsoft.Identity.Web's own audience check (kept as the judge of which single value is ours).
    /// </summary>
    private static void RequireOneAudience(JwtBearerOptions options)
    {
        var parameters = options.TokenValidationParameters;
        var accepts = parameters.AudienceValidator;
        parameters.AudienceValidator = (audiences, token, validation) =>
        {
            var list = audiences.ToList();
            if (list.Count != 1)
            {
                return false;
            }

            return accepts is not null
                ? accepts(list, token, validation)
                : string.Equals(list[0], validation.ValidAudience, StringComparison.Ordinal)
                    || (validation.ValidAudiences?.Contains(list[0], StringComparer.Ordinal) ?? false);
        };
    }

    /// <summary>A token without oid and tid identifies nobody PartnerHub can look up: it does not authenticate.</summary>
    private static void RequireEntraIdentity(JwtBearerOptions options)
    {
        options.Events ??= new JwtBearerEvents();
        var previous = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await previous(context);
            if (context.Result is null && context.Principal?.EntraIdentity() is null)
            {
                context.Fail("The token has no oid or tid claim.");
            }
        };
    }
}
