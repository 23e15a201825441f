namespace PartnerHub.Api.Course;

public static class CourseRegistration
{
    /// <summary>The course (issue 12): so far its storage; cards, commands and endpoints come with the next steps.</summary>
    public static IServiceCollection AddCourse(this IServiceCollection services)
    {
        services.AddSingleton<TeacherSlots>();
        services.AddSingleton<CourseStore>();
        services.AddSingleton<CourseSettingsStore>();
        return services;
    }
}
