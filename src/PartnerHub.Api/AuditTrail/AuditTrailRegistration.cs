namespace PartnerHub.Api.AuditTrail;

/// <summary>The audit trail: the coordinator's view of the project's audit (README.md beside this file).</summary>
public static class AuditTrailRegistration
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrailService>();
        services.AddSingleton<AuditTrailTexts>();
        return services;
    }
}
