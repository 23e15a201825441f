using System.Security.Claims;
using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Administration;

/// <summary>
/// Administration (README.md beside this file): the tenant's PartnerHub administrators, named by the app role
/// <see cref="AdminAppRole"/> in their token, create projects and appoint their first coordinators. The role decides
/// nothing inside a project: who may do what there still comes from the partner directory alone.
/// </summary>
public static class AdministrationRegistration
{
    /// <summary>The app role an administrator is assigned in Enterprise applications (Entra admin centre).</summary>
    public const string AdminAppRole = "PartnerHub.Admin";

    /// <summary>The policy on <c>/api/admin</c>, on top of the REST API's own (token, scope).</summary>
    public const string Policy = "PartnerHub.Administration";

    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddSingleton<ProjectCreations>();
        services.AddSingleton<ProjectAdministration>();
        services.AddSingleton<AdministrationProblems>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(RestApi.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => IsAdministrator(context.User)));
        return services;
    }

    /// <summary>
    /// The token carries the administrator app role (raw claim names: inbound claim mapping is off). The one check: the
    /// <c>/api/admin</c> policy and the tab (<c>Dashboard/TabTokenValidator</c>) both ask it.
    /// </summary>
    public static bool IsAdministrator(ClaimsPrincipal user) =>
        user.EntraIdentity() is not null && user.FindAll(RestApi.RolesClaim).Any(claim => claim.Value == AdminAppRole);
}
