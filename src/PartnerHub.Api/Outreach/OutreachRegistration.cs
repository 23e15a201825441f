using PartnerHub.Api.Reporting;

namespace PartnerHub.Api.Outreach;

public static class OutreachRegistration
{
    /// <summary>The outreach log: store, service, its report section. Needs the course settings (its topics are the course's themes).</summary>
    public static IServiceCollection AddOutreach(this IServiceCollection services)
    {
        services.AddSingleton<OutreachStore>();
        services.AddSingleton<OutreachLog>();
        services.AddSingleton<IReportSection, OutreachReportSection>();
        return services;
    }
}
