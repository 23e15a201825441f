using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Graph;

/// <summary>
/// A Teams meeting's attendance through Graph v1.0, as the app (OnlineMeetings.Read.All to find the meeting,
/// OnlineMeetingArtifact.Read.All for its reports, both only for organisers an application access policy covers):
/// <c>GET /users/{organiser}/onlineMeetings?$filter=JoinWebUrl eq '…'</c>, then <c>…/attendanceReports</c> and each
/// report's <c>attendanceRecords</c>, following nextLinks. Only the object id, role and seconds of a record are read.
/// </summary>
public sealed class GraphMeetingAttendanceGateway(GraphServiceClient graph) : IMeetingAttendanceGateway
{
    /// <summary>How far outside the session's time a report still counts as this occasion's (early joiners, overruns).</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromHours(2);

    public async Task<MeetingAttendanceResult> ReadAsync(MeetingAttendanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Guid.TryParse(query.OrganizerObjectId, out var organizer) || string.IsNullOrWhiteSpace(query.JoinWebUrl))
        {
            return MeetingAttendanceResult.NoReport.Instance;
        }

        var user = graph.Users[organizer.ToString("D")];
        try
        {
            var meetings = await user.OnlineMeetings.GetAsync(
                request => request.QueryParameters.Filter = "JoinWebUrl eq " + ODataLiteral.Quote(query.JoinWebUrl), cancellationToken);
            if (meetings?.Value is not [{ Id: { } meetingId }, ..])
            {
                return MeetingAttendanceResult.NoReport.Instance;
            }

            var meeting = user.OnlineMeetings[meetingId];
            var records = new List<MeetingAttendee>();
            var reports = 0;
            foreach (var report in await ReportsAsync(meeting, cancellationToken))
            {
                if (report.Id is { } reportId && IsThisOccasion(report, query))
                {
                    reports++;
                    records.AddRange(await RecordsAsync(meeting, reportId, cancellationToken));
                }
            }

            return reports == 0 ? MeetingAttendanceResult.NoReport.Instance : new MeetingAttendanceResult.Found(records);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 403)
        {
            return MeetingAttendanceResult.NotPermitted.Instance;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            // The meeting is gone, or its reports are not there (yet).
            return MeetingAttendanceResult.NoReport.Instance;
        }
    }

    private static async Task<List<MeetingAttendanceReport>> ReportsAsync(Microsoft.Graph.Users.Item.OnlineMeetings.Item.OnlineMeetingItemRequestBuilder meeting, CancellationToken cancellationToken)
    {
        var all = new List<MeetingAttendanceReport>();
        var page = await meeting.AttendanceReports.GetAsync(cancellationToken: cancellationToken);
        while (page is not null)
        {
            all.AddRange(page.Value ?? []);
            page = page.OdataNextLink is { } next ? await meeting.AttendanceReports.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return all;
    }

    private static async Task<List<MeetingAttendee>> RecordsAsync(Microsoft.Graph.Users.Item.OnlineMeetings.Item.OnlineMeetingItemRequestBuilder meeting, string reportId, CancellationToken cancellationToken)
    {
        var records = meeting.AttendanceReports[reportId].AttendanceRecords;
        var all = new List<MeetingAttendee>();
        var page = await records.GetAsync(cancellationToken: cancellationToken);
        while (page is not null)
        {
            all.AddRange((page.Value ?? []).Select(ToAttendee));
            page = page.OdataNextLink is { } next ? await records.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return all;
    }

    /// <summary>
    /// Only an Entra account's identity carries an object id (a GUID); a phone dial-in or an anonymous guest has none,
    /// or something else in its place, and stays unmatched. Name, mail and phone number are not read.
    /// </summary>
    private static MeetingAttendee ToAttendee(AttendanceRecord record)
    {
        var id = Guid.TryParse(record.Identity?.Id, out var objectId) ? objectId.ToString("D") : null;
        return new MeetingAttendee(id, record.Role ?? "None", record.TotalAttendanceInSeconds ?? 0);
    }

    private static bool IsThisOccasion(MeetingAttendanceReport report, MeetingAttendanceQuery query) =>
        (report.MeetingStartDateTime is not { } start || start < query.End + Slack)
        && (report.MeetingEndDateTime is not { } end || end > query.Start - Slack);
}
