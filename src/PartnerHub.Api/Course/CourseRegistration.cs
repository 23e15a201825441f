namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>The course (issue 12): its storage and its cards.</summary>
    public static IServiceCollection AddCourse(this IServiceCollection services)
    {
        services.AddSingleton<TeacherSlots>();
        services.AddSingleton<CourseStore>();
        services.AddSingleton<CourseSettingsStore>();
        services.AddSingleton<CourseCardReader>();
        services.AddSingleton<CourseViews>();
        return services;
    }
}
