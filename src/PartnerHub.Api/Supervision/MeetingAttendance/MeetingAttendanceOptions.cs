namespace PartnerHub.Api.Supervision.MeetingAttendance;

/// <summary>Configuration section "MeetingAttendance": when PartnerHub looks for a Teams meeting's attendance report.</summary>
public sealed class MeetingAttendanceOptions
{
    public const string SectionName = "MeetingAttendance";

    /// <summary>The first look after the session's end; each later one waits twice as long (Teams needs a while to write the report).</summary>
    public TimeSpan FirstCheckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many looks in all: 7 with the defaults is the last one about 16 hours after the end.</summary>
    public int MaxChecks { get; set; } = 7;

    /// <summary>No look later than this after the end; past it the card says the meeting had no report.</summary>
    public TimeSpan ReportWindow { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Whether sessions' Teams attendance is read, and from where.</summary>
public enum MeetingAttendanceMode
{
    /// <summary>Graph is configured but <c>Graph:ReadsMeetingAttendance</c> is off: attendance is entered by hand.</summary>
    Off,

    /// <summary>Graph's attendance reports.</summary>
    Graph,

    /// <summary>The local demo's stand-in (no Graph).</summary>
    Local,
}

/// <summary>The mode this host runs in, decided once at registration.</summary>
public sealed record MeetingAttendanceSetting(MeetingAttendanceMode Mode)
{
    public bool Reads => Mode != MeetingAttendanceMode.Off;
}
