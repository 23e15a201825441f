namespace PartnerHub.Api.Privacy.Subjects;

public static class SubjectExportRegistration
{
    /// <summary>The data-subject access export (GDPR Art. 15): the service and its documents. Features add their sources with <see cref="AddSubjectDataSource{T}"/>.</summary>
    public static IServiceCollection AddSubjectExport(this IServiceCollection services)
    {
        services.AddSingleton<SubjectExport>();
        services.AddSingleton<SubjectExportHtml>();
        return services;
    }

    /// <summary>A feature's part of the export; called from the feature's own registration.</summary>
    public static IServiceCollection AddSubjectDataSource<T>(this IServiceCollection services)
        where T : class, ISubjectDataSource
    {
        services.AddSingleton<ISubjectDataSource, T>();
        return services;
    }
}
