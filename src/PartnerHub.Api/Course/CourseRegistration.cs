using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>The course (issue 12): its storage, Outlook events and .ics links for confirmed bookings, certificates.</summary>
    public static IServiceCollection AddCourse(this IServiceCollection services)
    {
        services.AddSingleton<TeacherSlots>();
        services.AddSingleton<CourseStore>();
        services.AddSingleton<CourseSettingsStore>();

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
        services.AddSingleton<IOutboxFailureObserver, CourseFailureObserver>();
        services.AddSingleton(new GraphFailureKinds(CourseNotifications.GraphKinds));
        return services;
    }
}
