using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph;

namespace PartnerHub.Api.Supervision.MeetingAttendance;

public static class MeetingAttendanceRegistration
{
    /// <summary>
    /// Attendance proposed from the Teams meeting of an online session: Graph's attendance reports when Graph is
    /// configured and <c>Graph:ReadsMeetingAttendance</c> is on; the local stand-in without Graph; off otherwise (the
    /// cards then ask for attendance by hand). Looks are outbox rows, planned after every session change.
    /// </summary>
    public static IServiceCollection AddMeetingAttendance(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var graph = configuration.GetSection(GraphOptions.SectionName).Get<GraphOptions>() ?? new GraphOptions();
        var mode = graph.IsConfigured
            ? graph.ReadsMeetingAttendance ? MeetingAttendanceMode.Graph : MeetingAttendanceMode.Off
            : MeetingAttendanceMode.Local;
        services.AddSingleton(new MeetingAttendanceSetting(mode));
        services.AddOptions<MeetingAttendanceOptions>().BindConfiguration(MeetingAttendanceOptions.SectionName);
        switch (mode)
        {
            case MeetingAttendanceMode.Graph:
                services.AddSingleton<IMeetingAttendanceGateway, GraphMeetingAttendanceGateway>();
                break;
            case MeetingAttendanceMode.Local:
                services.AddSingleton<LocalMeetingAttendanceGateway>();
                services.AddSingleton<IMeetingAttendanceGateway>(provider => provider.GetRequiredService<LocalMeetingAttendanceGateway>());
                break;
        }

        services.AddSingleton<AttendanceChecks>();
        services.AddSingleton<TeamsAttendanceText>();
        services.AddOutboxHandler<AttendanceCheckHandler>();
        services.AddDemoSeed<MeetingAttendanceDemoSeed>(configuration);
        return services;
    }
}
