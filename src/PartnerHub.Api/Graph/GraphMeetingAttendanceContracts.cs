using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Graph;

/// <summary>
/// Which Teams meeting to read: the organiser's online meeting with this join link, and the session's time, which picks
/// the reports of this occasion when a link was used more than once.
/// </summary>
public sealed record MeetingAttendanceQuery(string OrganizerObjectId, string JoinWebUrl, DateTimeOffset Start, DateTimeOffset End);

/// <summary>What the Teams meeting's attendance reports gave.</summary>
public abstract record MeetingAttendanceResult
{
    private MeetingAttendanceResult()
    {
    }

    /// <summary>The records of every report of this occasion, merged (a meeting left empty and rejoined has two).</summary>
    public sealed record Found(IReadOnlyList<MeetingAttendee> Records) : MeetingAttendanceResult;

    /// <summary>No meeting with that link, or no report (yet): try again later, or enter attendance by hand.</summary>
    public sealed record NoReport : MeetingAttendanceResult
    {
        public static readonly NoReport Instance = new();
    }

    /// <summary>Graph said 403: the permission or the application access policy is missing.</summary>
    public sealed record NotPermitted : MeetingAttendanceResult
    {
        public static readonly NotPermitted Instance = new();
    }
}

/// <summary>Reads a Teams meeting's attendance report (Graph <c>onlineMeetings/{id}/attendanceReports</c>), or the local stand-in.</summary>
public interface IMeetingAttendanceGateway
{
    Task<MeetingAttendanceResult> ReadAsync(MeetingAttendanceQuery query, CancellationToken cancellationToken);
}
