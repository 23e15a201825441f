namespace PartnerHub.Api.Privacy.Subjects;

public static class SubjectErasureRegistration
{
    /// <summary>The erasure orchestrator; each feature adds its own <see cref="ISubjectEraser"/> with <see cref="AddSubjectEraser{T}"/>.</summary>
    public static IServiceCollection AddSubjectErasure(this IServiceCollection services)
    {
        services.AddSingleton<SubjectErasure>();
        return services;
    }

    /// <summary>A feature's part of erasure on request.</summary>
    public static IServiceCollection AddSubjectEraser<T>(this IServiceCollection services)
        where T : class, ISubjectEraser
    {
        services.AddSingleton<ISubjectEraser, T>();
        return services;
    }
}
