using PartnerHub.Api.Bot;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

public static class ReferralsRegistration
{
    /// <summary>
    /// Referrals and onward referrals: stores, services, views, card actions, outbox handlers and the retention sweep
    /// (a hosted service unless Retention:Enabled is false). Needs the outbox and the shared cards (AddCards).
    /// </summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOutboxHandler<SendReferralCardHandler>();
        services.AddOutboxHandler<UpdateReferralCardsHandler>();
        services.AddOutboxHandler<MotherRemovedHandler>();
        services.AddOutboxHandler<SendOnwardCardsHandler>();
        services.AddOutboxHandler<UpdateOnwardCardsHandler>();
        services.AddOutboxHandler<SendOnwardStatusHandler>();

        services.AddSingleton<ReferralBesideCache>();
        services.AddSingleton<ReferralStore>();
        services.AddSingleton<Cards.Holders.ICardHolderRows, ReferralCardHolders>();
        services.AddSingleton<ReferralChangeSignal>();
        // The one "waiting too long" rule's number of days (Core's ReferralWaiting), for the board and any card.
        services.AddSingleton(new ReferralWaiting(configuration.GetValue("Referrals:FirstContactWithinDays", ReferralWaiting.DefaultDays)));
        services.AddSingleton<ReferralService>();
        services.AddSingleton<ReferralViews>();
        services.AddCardActionHandler<ReferralCardActions>();
        services.AddChatCommandHandler<ReferralChatCommands>();
        services.AddDemoSeed<ReferralDemoSeed>(configuration);
        services.AddSingleton<OnwardStore>();
        services.AddSingleton<OnwardService>();
        services.AddSingleton<OnwardViews>();
        services.AddCardActionHandler<OnwardCardActions>();
        services.AddSingleton<Reporting.IReportSection, ReferralReportSection>();
        services.AddSingleton<Reporting.IReportSection, OnwardReportSection>();
        services.AddSubjectEraser<ReferralSubjectEraser>(); // erasure on her request (Privacy/Subjects)
        services.AddSubjectDataSource<ReferralSubjectData>();

        services.TryAddSingleton<TableLeases>(); // the sweep runs on one instance at a time
        services.AddSingleton<RetentionSweep>();
        if (configuration.GetValue("Retention:Enabled", true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<RetentionSweep>());
        }

        return services;
    }
}
