using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>The course (issue 12): its storage, application services, cards and the outbox handlers that send and refresh them.</summary>
    public static IServiceCollection AddCourse(this IServiceCollection services)
    {
        services.AddSingleton<TeacherSlots>();
        services.AddSingleton<CourseStore>();
        services.AddSingleton<CourseSettingsStore>();
        services.AddSingleton<CourseChanges>();
        services.AddSingleton<CourseService>();
        services.AddSingleton<CoursePlanService>();
        services.AddSingleton<CourseBookingService>();
        services.AddSingleton<CourseCompletionService>();
        services.AddSingleton<CourseCardReader>();
        services.AddSingleton<CourseViews>();
        services.AddCardActionHandler<CourseCardActions>();
        services.AddOutboxHandler<SendBookingCardHandler>();
        services.AddOutboxHandler<SendCoordinatorCardHandler>();
        services.AddOutboxHandler<UpdateCourseCardsHandler>();
        services.AddOutboxHandler<BookingReminderHandler>();
        return services;
    }
}
