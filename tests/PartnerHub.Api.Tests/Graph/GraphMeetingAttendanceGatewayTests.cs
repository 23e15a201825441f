using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Api.Graph;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;

namespace PartnerHub.Api.Tests.Graph;

/// <summary>
/// A Teams meeting's attendance read through the real SDK pipeline from WireMock in Graph's place, with the payloads
/// Graph v1.0 sends: the meeting found by its join link, its reports, each report's records (paged).
/// </summary>
public sealed class GraphMeetingAttendanceGatewayTests : IDisposable
{
    private const string MeetingId = "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi";
    private const string Amina = "5e7a9c1b-3d2f-4b6a-8e1c-5f7a9b3d1e2c";
    private const string Hodan = "6f8b0d2c-4e3a-4c7b-9f2d-6a8b0c4e2f3d";
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d";
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddHours(2);

    private readonly GraphStub _graph = new();
    private readonly GraphMeetingAttendanceGateway _gateway;

    public GraphMeetingAttendanceGatewayTests()
    {
        _gateway = new GraphMeetingAttendanceGateway(_graph.Client);
    }

    public void Dispose() => _graph.Dispose();

    private static string MeetingPath => $"/v1.0/users/{GraphStub.Organizer}/onlineMeetings/{MeetingId}";

    private Task<MeetingAttendanceResult> ReadAsync(string joinUrl = JoinUrl) =>
        _gateway.ReadAsync(new MeetingAttendanceQuery(GraphStub.Organizer, joinUrl, Start, End), CancellationToken.None);

    [Fact]
    public async Task The_meeting_is_found_by_its_join_link_and_every_record_of_its_report_is_read()
    {
        GivenMeeting();
        GivenReports(Report("r1", Start.AddMinutes(-5), End.AddMinutes(3)));
        GivenRecords("r1", null, Record(Amina, "Attendee", 3000), Record(GraphStub.Organizer, "Organizer", 7500));

        var found = Assert.IsType<MeetingAttendanceResult.Found>(await ReadAsync());

        Assert.Equal([new MeetingAttendee(Amina, "Attendee", 3000), new MeetingAttendee(GraphStub.Organizer, "Organizer", 7500)], found.Records);
        var search = Assert.Single(_graph.Requests("GET", $"/v1.0/users/{GraphStub.Organizer}/onlineMeetings"));
        Assert.Equal($"JoinWebUrl eq '{JoinUrl}'", GraphStub.Query(search, "$filter"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(search, "Authorization"));
    }

    [Fact]
    public async Task A_quote_in_the_join_link_stays_inside_the_filter_literal()
    {
        const string odd = "https://teams.microsoft.com/l/meetup-join/x' or 1 eq 1";
        GivenMeeting(found: false);

        Assert.IsType<MeetingAttendanceResult.NoReport>(await ReadAsync(odd));

        var search = Assert.Single(_graph.Requests("GET", $"/v1.0/users/{GraphStub.Organizer}/onlineMeetings"));
        Assert.Equal("JoinWebUrl eq 'https://teams.microsoft.com/l/meetup-join/x'' or 1 eq 1'", GraphStub.Query(search, "$filter"));
    }

    [Fact]
    public async Task A_meeting_without_a_report_yet_is_no_report()
    {
        GivenMeeting();
        GivenReports();

        Assert.IsType<MeetingAttendanceResult.NoReport>(await ReadAsync());
    }

    [Fact]
    public async Task An_unknown_meeting_is_no_report()
    {
        GivenMeeting(found: false);

        Assert.IsType<MeetingAttendanceResult.NoReport>(await ReadAsync());
        Assert.Empty(_graph.Requests("GET", MeetingPath + "/attendanceReports"));
    }

    [Fact]
    public async Task Forbidden_is_not_permitted_not_no_report()
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = "Forbidden", ["message"] = "No application access policy found for this app." } };
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{GraphStub.Organizer}/onlineMeetings").UsingGet())
            .RespondWith(GraphStub.Json(403, error));

        Assert.IsType<MeetingAttendanceResult.NotPermitted>(await ReadAsync());
    }

    [Fact]
    public async Task Records_on_several_pages_are_all_read()
    {
        GivenMeeting();
        GivenReports(Report("r1", Start, End));
        GivenRecords("r1", $"{_graph.V1}/users/{GraphStub.Organizer}/onlineMeetings/{MeetingId}/attendanceReports/r1/attendanceRecords?$skiptoken=page2", Record(Amina, "Attendee", 600));
        _graph.Server.Given(Request.Create().WithPath(MeetingPath + "/attendanceReports/r1/attendanceRecords").WithParam("$skiptoken", "page2").UsingGet())
            .AtPriority(1)
            .RespondWith(GraphStub.Json(200, Page(null, Record(Hodan, "Attendee", 900))));

        var found = Assert.IsType<MeetingAttendanceResult.Found>(await ReadAsync());

        Assert.Equal([Amina, Hodan], found.Records.Select(r => r.ObjectId));
    }

    [Fact]
    public async Task A_phone_dial_in_is_read_without_an_object_id_and_nothing_but_role_and_time_is_kept()
    {
        GivenMeeting();
        GivenReports(Report("r1", Start, End));
        var phone = Record(null, "Attendee", 1500);
        phone["identity"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.communicationsUserIdentity", ["id"] = "+4520XXXX12", ["displayName"] = "+45 20 XX XX 12" };
        phone["emailAddress"] = null;
        GivenRecords("r1", null, phone, Record(Amina, "Attendee", 1500));

        var found = Assert.IsType<MeetingAttendanceResult.Found>(await ReadAsync());

        Assert.Equal([new MeetingAttendee(null, "Attendee", 1500), new MeetingAttendee(Amina, "Attendee", 1500)], found.Records);
    }

    [Fact]
    public async Task Only_the_reports_of_this_occasion_are_read_and_merged()
    {
        GivenMeeting();
        GivenReports(Report("last-week", Start.AddDays(-7), End.AddDays(-7)), Report("r1", Start, Start.AddMinutes(30)), Report("r2", Start.AddMinutes(40), End));
        GivenRecords("r1", null, Record(Amina, "Attendee", 1800));
        GivenRecords("r2", null, Record(Amina, "Attendee", 600), Record(Hodan, "Attendee", 4000));

        var found = Assert.IsType<MeetingAttendanceResult.Found>(await ReadAsync());

        Assert.Equal([Amina, Amina, Hodan], found.Records.Select(r => r.ObjectId));
        Assert.Empty(_graph.Requests("GET", MeetingPath + "/attendanceReports/last-week/attendanceRecords"));
    }

    private void GivenMeeting(bool found = true)
    {
        var meetings = new JsonArray();
        if (found)
        {
            meetings.Add(new JsonObject { ["id"] = MeetingId, ["joinWebUrl"] = JoinUrl, ["subject"] = "Supervision" });
        }

        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{GraphStub.Organizer}/onlineMeetings").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = meetings }));
    }

    private void GivenReports(params JsonObject[] reports) =>
        _graph.Server.Given(Request.Create().WithPath(MeetingPath + "/attendanceReports").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray([.. reports]) }));

    private void GivenRecords(string reportId, string? nextLink, params JsonObject[] records) =>
        _graph.Server.Given(Request.Create().WithPath(MeetingPath + $"/attendanceReports/{reportId}/attendanceRecords").UsingGet())
            .AtPriority(10)
            .RespondWith(GraphStub.Json(200, Page(nextLink, records)));

    private static JsonObject Page(string? nextLink, params JsonObject[] records)
    {
        var page = new JsonObject { ["value"] = new JsonArray([.. records]) };
        if (nextLink is not null)
        {
            page["@odata.nextLink"] = nextLink;
        }

        return page;
    }

    private static JsonObject Report(string id, DateTimeOffset start, DateTimeOffset end) => new()
    {
        ["id"] = id,
        ["totalParticipantCount"] = 3,
        ["meetingStartDateTime"] = start.ToString("O", CultureInfo.InvariantCulture),
        ["meetingEndDateTime"] = end.ToString("O", CultureInfo.InvariantCulture),
    };

    private static JsonObject Record(string? objectId, string role, int seconds) => new()
    {
        ["id"] = objectId ?? "phone",
        ["emailAddress"] = objectId is null ? null : "someone@vollsmose.dk",
        ["totalAttendanceInSeconds"] = seconds,
        ["role"] = role,
        ["identity"] = new JsonObject { ["id"] = objectId, ["displayName"] = "Someone", ["tenantId"] = GraphStub.Organizer },
        ["attendanceIntervals"] = new JsonArray(new JsonObject
        {
            ["joinDateTime"] = Start.ToString("O", CultureInfo.InvariantCulture),
            ["leaveDateTime"] = Start.AddSeconds(seconds).ToString("O", CultureInfo.InvariantCulture),
            ["durationInSeconds"] = seconds,
        }),
    };
}
