using System.Collections.Concurrent;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Graph;

/// <summary>
/// The local demo's stand-in: there is no Teams meeting, so there is no report, unless the demo (or a test) puts one
/// in with <see cref="Report"/> for a join link. In memory, for the life of the process.
/// </summary>
public sealed class LocalMeetingAttendanceGateway : IMeetingAttendanceGateway
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<MeetingAttendee>> _reports = new(StringComparer.Ordinal);

    public void Report(string joinWebUrl, IReadOnlyList<MeetingAttendee> records) => _reports[joinWebUrl] = records;

    public Task<MeetingAttendanceResult> ReadAsync(MeetingAttendanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult<MeetingAttendanceResult>(_reports.TryGetValue(query.JoinWebUrl, out var records)
            ? new MeetingAttendanceResult.Found(records)
            : MeetingAttendanceResult.NoReport.Instance);
    }
}
