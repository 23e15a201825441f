namespace PartnerHub.Api.Reporting;

public static class ReportingRegistration
{
    /// <summary>The funder report service, the project's report settings and programme leads. Sections register with their features.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddSingleton<ReportSettingsStore>();
        services.AddSingleton<ProgrammeLeadStore>();
        services.AddSingleton<IFunderReports, FunderReportService>();
        return services;
    }
}
