using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Links;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision.Adoption;

namespace PartnerHub.Api.Supervision;

public static class SupervisionRegistration
{
    /// <summary>
    /// Supervision sessions, which mirror Outlook events; every Graph call and every card leaves through the outbox.
    /// Stores, services, card actions, outbox handlers, minutes files, signed calendar links and the calendar sink.
    /// Returns the calendar link key so the host can warn, once it has a logger, when the key was generated.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar link key is missing outside Development, or invalid.</exception>
    public static CalendarLinkKey AddSupervision(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<SessionStore>();
        // A session's cards are read by one point read of its holders row (SessionStore.HoldersRowKey).
        services.AddCardHoldersRow(CardKind.Session);
        services.AddSingleton<Reporting.IReportSection, SupervisionReportSection>();
        services.AddSubjectDataSource<SessionSubjectData>();
        // The signed .ics links on session cards: the key is required outside Development (CalendarLinks.cs).
        var calendarLinkKey = services.AddLinkSigning(configuration, environment);
        services.AddSingleton(provider => new CalendarLinkSigner(provider.GetRequiredService<LinkSigner>()));
        services.AddSingleton<CalendarLinks>();
        services.AddSingleton<SessionService>();
        services.AddSubjectEraser<SessionSubjectEraser>(); // erasure on request (Privacy/Subjects)
        services.AddSingleton<SessionViews>();
        services.AddSingleton<SessionEventFactory>();
        services.AddSingleton<SessionSystemWriter>();
        services.AddSingleton<MinutesPublisher>();
        services.AddMinutesFiles();
        services.AddCardActionHandler<SessionCardActions>();
        services.AddChatCommandHandler<SessionChatCommands>();
        services.AddDemoSeed<SessionDemoSeed>(configuration);
        services.AddOutboxHandler<SessionGraphCreateHandler>();
        services.AddOutboxHandler<SessionGraphUpdateHandler>();
        services.AddOutboxHandler<SessionGraphCancelHandler>();
        services.AddOutboxHandler<SessionGraphRespondHandler>();
        services.AddOutboxHandler<SessionUploadMinutesHandler>();
        services.AddOutboxHandler<SessionUploadMinutesFileHandler>();
        services.AddOutboxHandler<SendSessionCardsHandler>();
        services.AddOutboxHandler<SessionReminderHandler>();
        services.AddOutboxHandler<UpdateSessionCardsHandler>();
        services.AddSingleton<IOutboxFailureObserver, SessionFailureObserver>();
        services.AddSingleton(new GraphFailureKinds(SessionNotifications.GraphKinds));
        services.AddSingleton<OrganizerProjects>();
        services.AddSingleton<SessionCalendarSink>();
        // Meetings made in Outlook with the PartnerHub category become sessions (Adoption/README.md).
        services.AddSingleton<OutlookAdoptionStore>();
        services.AddSingleton<OutlookAdoptionService>();
        services.AddSingleton<OutlookAdoptionSink>();
        services.AddSingleton<ICalendarChangeSink>(provider => provider.GetRequiredService<OutlookAdoptionSink>());
        services.AddOutboxHandler<OutlookAdoptHandler>();
        // A coordinator of several projects is asked on a card which project (Adoption/README.md).
        services.AddSingleton<OutlookAskCards>();
        services.AddOutboxHandler<OutlookAskHandler>();
        services.AddCardActionHandler<OutlookAskCardActions>();
        services.AddOutboxHandler<CoordinatorJoinedHandler>();
        services.AddDemoSeed<OutlookMeetingDemoSeed>(configuration);
        return calendarLinkKey;
    }

    // Minutes files sent to the bot: fetched from Teams' downloadUrl with a guarded client (no token, no redirects, no URL in logs).
    private static void AddMinutesFiles(this IServiceCollection services)
    {
        services.AddOptions<MinutesFileOptions>().BindConfiguration(MinutesFileOptions.SectionName);
        services.AddSingleton<PendingAttachmentStore>();
        services.AddSingleton<MinutesFileDownloader>();
        services.AddSingleton<MinutesFileIntake>();
        services.AddHttpClient(MinutesFileDownloader.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(15) })
            .RemoveAllLoggers();
    }
}
