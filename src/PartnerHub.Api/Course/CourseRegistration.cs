using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>
    /// The course (issue 12): cohorts and their plans, attendance, teacher bookings, their cards and the handlers that
    /// send and refresh them, Outlook events and .ics links for confirmed bookings, certificates, and the demo's course.
    /// </summary>
    public static IServiceCollection AddCourse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TeacherSlots>();
        services.AddSingleton<CourseStore>();
        services.AddSingleton<CourseSettingsStore>();
        services.AddSingleton<IProjectThemes, CourseThemes>();
        services.AddSingleton<CourseChanges>();
        services.AddSingleton<Reporting.IReportSection, CourseReportSection>();
        services.AddSubjectDataSource<CourseSubjectData>();
        services.AddSubjectEraser<BookingSubjectEraser>(); // erasure on request (Privacy/Subjects/ERASURE.md)
        services.AddSubjectEraser<ParticipantSubjectEraser>();
        services.AddSingleton<CourseService>();
        services.AddSingleton<CoursePlanService>();
        services.AddSingleton<CourseBookingService>();
        services.AddSingleton<CourseCompletionService>();
        services.AddSingleton<CourseCorrectionService>();
        services.AddDemoSeed<CourseDemoSeed>(configuration);

        // Outlook and certificates (README "Outlook and certificates"): every Graph call leaves through the outbox.
        services.AddSingleton<BookingEventStore>();
        services.AddSingleton<BookingCalendarCanceller>();
        services.AddSingleton<BookingCalendarLinks>();
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<CertificateComposer>();
        services.AddSingleton<CertificateLinks>();
        services.AddOutboxHandler<BookingCalendarCreateHandler>();
        services.AddOutboxHandler<BookingCalendarUpdateHandler>();
        services.AddOutboxHandler<BookingCalendarCancelHandler>();
        services.AddOutboxHandler<IssueCertificateHandler>();
        services.AddOutboxHandler<DeleteCertificateFileHandler>();
        services.AddSingleton<IOutboxFailureObserver, CourseFailureObserver>();
        services.AddSingleton(new GraphFailureKinds(CourseNotifications.GraphKinds));

        // Cards: the views, the card actions and the handlers that send and refresh them.
        services.AddSingleton<CourseCardReader>();
        // Every card of a cohort's plan, its certificates and each booking is read by one point read of the record's
        // holders row, created with the cohort or the booking (CourseCards.HoldersRows, CourseStore).
        services.AddCardHoldersRow(CardKind.CoursePlan);
        services.AddCardHoldersRow(CardKind.CourseCertificates);
        services.AddCardHoldersRow(CardKind.CourseBooking);
        services.AddSingleton<CourseViews>();
        services.AddSingleton<CourseParticipantResolver>();
        services.AddSingleton<CourseParticipantCards>();
        services.AddCardActionHandler<CourseCardActions>();
        services.AddCardActionHandler<CourseCertificateActions>();
        services.AddChatCommandHandler<CourseChatCommands>();
        services.AddOutboxHandler<SendBookingCardHandler>();
        services.AddOutboxHandler<SendCoordinatorCardHandler>();
        services.AddOutboxHandler<UpdateCourseCardsHandler>();
        services.AddOutboxHandler<BookingReminderHandler>();
        return services;
    }
}
