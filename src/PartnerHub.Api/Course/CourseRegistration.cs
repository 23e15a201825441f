namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>The course (issue 12): its storage and application services; cards and commands come with the next steps.</summary>
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
        return services;
    }
}
