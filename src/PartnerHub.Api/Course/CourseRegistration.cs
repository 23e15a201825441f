using PartnerHub.Api.Demo;

namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>The course (issue 12): cohorts and their plans, attendance, teacher bookings, certificates, and the demo's course.</summary>
    public static IServiceCollection AddCourse(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TeacherSlots>();
        services.AddSingleton<CourseStore>();
        services.AddSingleton<CourseSettingsStore>();
        services.AddSingleton<CourseChanges>();
        services.AddSingleton<CourseService>();
        services.AddSingleton<CoursePlanService>();
        services.AddSingleton<CourseBookingService>();
        services.AddSingleton<CourseCompletionService>();
        services.AddDemoSeed<CourseDemoSeed>(configuration);
        return services;
    }
}
