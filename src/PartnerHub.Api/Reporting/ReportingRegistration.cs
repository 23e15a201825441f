namespace PartnerHub.Api.Reporting;

/// <summary>The report's presentation: its words (both languages) for the exports and the tab's Rapport page.</summary>
public static class ReportingRegistration
{
    public static IServiceCollection AddPartnerHubReportExports(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ReportTexts>();
        return services;
    }
}
