using PartnerHub.Api.Bot;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Reporting;

namespace PartnerHub.Api.Outreach;

public static class OutreachRegistration
{
    /// <summary>The outreach log: store, service, card flow, chat command, demo entries, its report section. Needs the course settings (its topics are the course's themes).</summary>
    public static IServiceCollection AddOutreach(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutreachStore>();
        services.AddSingleton<OutreachLog>();
        services.AddSingleton<OutreachCorrection>();
        services.AddSingleton<OutreachViews>();
        services.AddCardActionHandler<OutreachCardActions>();
        services.AddChatCommandHandler<OutreachChatCommands>();
        services.AddDemoSeed<OutreachDemoSeed>(configuration);
        services.AddSingleton<IReportSection, OutreachReportSection>();
        return services;
    }
}
