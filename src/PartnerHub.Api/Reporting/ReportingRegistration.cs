using PartnerHub.Api.Demo;

namespace PartnerHub.Api.Reporting;

/// <summary>The funder report: its service, the project's settings, programme leads, and its words for the exports and the tab.</summary>
public static class ReportingRegistration
{
    /// <summary>Sections register with their features.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReportSettingsStore>();
        services.AddSingleton<ProgrammeLeadStore>();
        services.AddSingleton<IFunderReports, FunderReportService>();
        services.AddSingleton<ReportSettingsService>();
        services.AddSingleton<ReportTexts>();
        services.AddDemoSeed<ProgrammeLeadDemoSeed>(configuration);
        return services;
    }
}
