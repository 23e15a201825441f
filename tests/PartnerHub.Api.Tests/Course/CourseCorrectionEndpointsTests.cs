using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// Rectification of the course's free texts (<see cref="CourseCorrectionEndpoints"/>) against the real host, Azurite
/// and real Entra tokens: the corrected value is stored and shown, the correction is audited once, a stale ETag is a
/// 412 with the current one, a role not allowed and bad input are refused, and a refusal writes nothing.
/// </summary>
/// <remarks>One host for the class (outbox dispatch off, so its rows can be read); each test works in a project of its own.</remarks>
public sealed class CourseCorrectionEndpointsTests(RestHostWithoutOutboxFixture fixture) : IClassFixture<AzuriteFixture>, IClassFixture<RestHostWithoutOutboxFixture>
{
    private readonly string _projectId = RestHostFixture.NewProjectId("correct");
    private readonly string _elsewhere = RestHostFixture.NewProjectId("elsewhere");
    private readonly string _coordinator = Guid.NewGuid().ToString();
    private readonly string _teacher = Guid.NewGuid().ToString();
    private readonly string _otherTeacher = Guid.NewGuid().ToString();
    private readonly string _mother = Guid.NewGuid().ToString();
    private readonly string _otherCoordinator = Guid.NewGuid().ToString();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddMinutes(-1);

    private RestHost Host => fixture.Host;

    private string Base => $"/api/projects/{_projectId}/courses";

    private CourseStore Store => Host.Services.GetRequiredService<CourseStore>();

    [Fact]
    public async Task The_coordinator_corrects_the_cohorts_name_and_place_once_audited_and_the_cards_and_outlook_follow()
    {
        await SeedAsync();
        var id = await CreateAsync();
        var bookingId = await RequestAsync(id, note: null);
        using (var accepted = await SendAsync(HttpMethod.Post, $"{Base}/{id}/bookings/{bookingId}/accept", _teacher, ifMatch: "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var outboxBefore = await OutboxAsync();
        var correction = new { name = "Hold 1 – forår", place = "Kvindecenteret, Vollsmose Allé 16" };

        using var missing = await SendAsync(HttpMethod.Patch, $"{Base}/{id}/plan", _coordinator, correction);
        using var corrected = await SendAsync(HttpMethod.Patch, $"{Base}/{id}/plan", _coordinator, correction, "\"1\"");
        using var retry = await SendAsync(HttpMethod.Patch, $"{Base}/{id}/plan", _coordinator, correction, "\"1\"");
        using var stale = await SendAsync(HttpMethod.Patch, $"{Base}/{id}/plan", _coordinator, new { place = "Biblioteket" }, "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("\"2\"", corrected.Headers.ETag?.Tag);
        var shown = await JsonOf(corrected);
        Assert.Equal("Hold 1 – forår", (string?)shown["name"]);
        Assert.Equal("Kvindecenteret, Vollsmose Allé 16", (string?)shown["place"]);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("\"2\"", retry.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);

        var stored = (await Store.FindCohortAsync(_projectId, id, CancellationToken.None))!.Cohort;
        Assert.Equal(2, stored.Version);
        Assert.Equal(("Hold 1 – forår", "Kvindecenteret, Vollsmose Allé 16"), (stored.Plan.CohortName, stored.Plan.Place));
        Assert.Single(await AuditAsync(_coordinator, CourseCorrectionService.RectifyPlan, allowed: true));

        var added = Added(outboxBefore, await OutboxAsync());
        Assert.Equal(2, added.Count);
        Assert.Single(added, m => m.Kind == CourseNotifications.UpdateCards && CourseNotifications.Read(m.Payload).EveryBooking);
        Assert.Single(added, m => m.Kind == CourseNotifications.CalendarUpdate && CourseNotifications.Read(m.Payload).BookingId == bookingId);
    }

    [Fact]
    public async Task Bad_plan_corrections_are_400s_by_field_other_roles_and_projects_are_refused_and_nothing_is_written()
    {
        await SeedAsync();
        var id = await CreateAsync();
        var path = $"{Base}/{id}/plan";
        var outboxBefore = await OutboxAsync();

        using var tooLong = await SendAsync(HttpMethod.Patch, path, _coordinator, new { name = new string('a', CohortForm.MaxNameLength + 1), place = "010190-1234" }, "\"1\"", language: "en");
        using var blank = await SendAsync(HttpMethod.Patch, path, _coordinator, new { name = "  " }, "\"1\"");
        using var empty = await SendAsync(HttpMethod.Patch, path, _coordinator, new { }, "\"1\"");
        using var wrongType = await SendRawAsync(HttpMethod.Patch, path, _coordinator, """{ "name": 5 }""", "\"1\"");
        using var byTeacher = await SendAsync(HttpMethod.Patch, path, _teacher, new { name = "Hold 2" }, "\"1\"");
        using var byMother = await SendAsync(HttpMethod.Patch, path, _mother, new { name = "Hold 2" }, "\"1\"");
        using var byStranger = await SendAsync(HttpMethod.Patch, path, _otherCoordinator, new { name = "Hold 2" }, "\"1\"");
        using var fromElsewhere = await SendAsync(HttpMethod.Patch, $"/api/projects/{_elsewhere}/courses/{id}/plan", _otherCoordinator, new { name = "Hold 2" }, "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var errors = (await JsonOf(tooLong))["errors"]!.AsObject();
        Assert.Equal(["name", "place"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("The text is too long.", (string?)errors["name"]![0]);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.NotNull((await JsonOf(blank))["errors"]?["name"]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await JsonOf(empty))["errors"]?["body"]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.All(new[] { tooLong, blank, empty }, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMother.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromElsewhere.StatusCode);

        var stored = (await Store.FindCohortAsync(_projectId, id, CancellationToken.None))!.Cohort;
        Assert.Equal((1, "Hold 1", "Kvindecenteret"), (stored.Version, stored.Plan.CohortName, stored.Plan.Place));
        Assert.Equal(outboxBefore, await OutboxAsync());
        Assert.Empty(await AuditAsync(_coordinator, CourseCorrectionService.RectifyPlan, allowed: true));
    }

    [Fact]
    public async Task The_coordinator_corrects_and_removes_her_note_audited_and_the_teacher_may_not_touch_it()
    {
        await SeedAsync();
        var id = await CreateAsync();
        var bookingId = await RequestAsync(id, note: "Husk nøglen");
        var path = $"{Base}/{id}/bookings/{bookingId}";
        var outboxBefore = await OutboxAsync();

        using var byTeacher = await SendAsync(HttpMethod.Patch, path, _teacher, new { note = "Ingen nøgle" }, "\"1\"", language: "en");
        using var byMother = await SendAsync(HttpMethod.Patch, path, _mother, new { note = "Ingen nøgle" }, "\"1\"");
        using var missing = await SendAsync(HttpMethod.Patch, path, _coordinator, new { note = "Nøglen ligger i receptionen" });
        using var corrected = await SendAsync(HttpMethod.Patch, path, _coordinator, new { note = "Nøglen ligger i receptionen" }, "\"1\"");
        using var retry = await SendAsync(HttpMethod.Patch, path, _coordinator, new { note = "Nøglen ligger i receptionen" }, "\"1\"");
        using var stale = await SendAsync(HttpMethod.Patch, path, _coordinator, new { note = "" }, "\"1\"");
        using var tooLong = await SendAsync(HttpMethod.Patch, path, _coordinator, new { note = new string('n', BookingWorkflow.MaxNoteLength + 1) }, "\"2\"");
        using var removed = await SendAsync(HttpMethod.Patch, path, _coordinator, new { note = "" }, "\"2\"");

        Assert.Equal(HttpStatusCode.BadRequest, byTeacher.StatusCode);
        Assert.Equal("You cannot correct this field.", (string?)(await JsonOf(byTeacher))["errors"]?["note"]?[0]);
        Assert.Equal(HttpStatusCode.Forbidden, byMother.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Nøglen ligger i receptionen", (string?)(await JsonOf(corrected))["note"]);
        Assert.Equal("\"2\"", corrected.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("\"2\"", retry.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await JsonOf(tooLong))["errors"]?["note"]);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("\"3\"", removed.Headers.ETag?.Tag);

        var stored = (await Store.FindBookingAsync(_projectId, id, bookingId, CancellationToken.None))!.Booking;
        Assert.Equal((3, BookingState.Requested, (string?)null), (stored.Version, stored.State, stored.Note));
        Assert.Equal(2, (await AuditAsync(_coordinator, CourseCorrectionService.RectifyBooking, allowed: true)).Count);
        var added = Added(outboxBefore, await OutboxAsync());
        Assert.Equal(2, added.Count);
        Assert.All(added, m =>
        {
            Assert.Equal(CourseNotifications.UpdateCards, m.Kind);
            Assert.Equal(bookingId, CourseNotifications.Read(m.Payload).BookingId);
        });
    }

    [Fact]
    public async Task The_teacher_rewords_her_own_reason_and_the_coordinator_may_only_remove_it()
    {
        await SeedAsync();
        var id = await CreateAsync();
        var bookingId = await RequestAsync(id, note: null);
        var path = $"{Base}/{id}/bookings/{bookingId}";
        using (var early = await SendAsync(HttpMethod.Patch, path, _teacher, new { declineReason = "Syg" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var declined = await SendAsync(HttpMethod.Post, $"{path}/decline", _teacher, new { reason = "Jeg er syg" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        }

        using var byOtherTeacher = await SendAsync(HttpMethod.Patch, path, _otherTeacher, new { declineReason = "Hun kan ikke" }, "\"2\"");
        using var blank = await SendAsync(HttpMethod.Patch, path, _teacher, new { declineReason = " " }, "\"2\"");
        using var reworded = await SendAsync(HttpMethod.Patch, path, _teacher, new { declineReason = "Jeg er på kursus den dag" }, "\"2\"");
        using var rewordedByCoordinator = await SendAsync(HttpMethod.Patch, path, _coordinator, new { declineReason = "Hun var syg" }, "\"3\"");
        using var removed = await SendAsync(HttpMethod.Patch, path, _coordinator, new { declineReason = "" }, "\"3\"");
        using var nothingLeft = await SendAsync(HttpMethod.Patch, path, _teacher, new { declineReason = "Jeg var syg" }, "\"4\"");

        Assert.Equal(HttpStatusCode.NotFound, byOtherTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.NotNull((await JsonOf(blank))["errors"]?["declineReason"]);
        Assert.Equal(HttpStatusCode.OK, reworded.StatusCode);
        Assert.Equal("Jeg er på kursus den dag", (string?)(await JsonOf(reworded))["declineReason"]);
        Assert.Equal(HttpStatusCode.BadRequest, rewordedByCoordinator.StatusCode);
        Assert.NotNull((await JsonOf(rewordedByCoordinator))["errors"]?["declineReason"]);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null((await JsonOf(removed))["declineReason"]);
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.StatusCode);

        var stored = (await Store.FindBookingAsync(_projectId, id, bookingId, CancellationToken.None))!.Booking;
        Assert.Equal((4, BookingState.Declined, (string?)null), (stored.Version, stored.State, stored.DeclineReason));
        Assert.Single(await AuditAsync(_teacher, CourseCorrectionService.RectifyBooking, allowed: true));
        Assert.Single(await AuditAsync(_coordinator, CourseCorrectionService.RectifyBooking, allowed: true));
        Assert.Single(await AuditAsync(_otherTeacher, CourseCorrectionService.RectifyBooking, allowed: false));
    }

    /// <summary>A Tuesday at least two weeks ahead: the form refuses a course starting in the past.</summary>
    private static string NextTuesday()
    {
        var day = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(14);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task SeedAsync()
    {
        await Host.Projects.UpsertAsync(new Project(_projectId, "Bydelsmødre", "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await Host.Projects.UpsertAsync(new Project(_elsewhere, "Bydelsmødre", "Aarhus", "Medborgerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = Host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in new ProjectMember[]
        {
            new(_coordinator, _projectId, ProjectRole.Coordinator, null, "Alex"),
            new(_teacher, _projectId, ProjectRole.Teacher, null, "Megan"),
            new(_otherTeacher, _projectId, ProjectRole.Teacher, null, "Lynne"),
            new(_mother, _projectId, ProjectRole.NeighbourhoodMother, null, "Adele"),
            new(_otherCoordinator, _elsewhere, ProjectRole.Coordinator, null, "Sanne"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    private async Task<string> CreateAsync()
    {
        var form = new { name = "Hold 1", startDate = NextTuesday(), weekday = "Tuesday", startTime = "17:00", endTime = "19:00", place = "Kvindecenteret", weeks = "4" };
        using var created = await SendAsync(HttpMethod.Post, Base, _coordinator, form, key: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await JsonOf(created))["id"]!;
    }

    private async Task<string> RequestAsync(string cohortId, string? note)
    {
        using var requested = await SendAsync(HttpMethod.Post, $"{Base}/{cohortId}/bookings", _coordinator, new { sessionId = "s01", teacherId = _teacher, note }, key: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal("\"1\"", requested.Headers.ETag?.Tag);
        return (string)(await JsonOf(requested))["id"]!;
    }

    private async Task<List<AuditEntry>> AuditAsync(string actor, string action, bool allowed)
    {
        var audit = Host.Services.GetRequiredService<AuditLog>();
        var rows = await audit.ReadAsync(_projectId, new AuditQuery(_started, DateTimeOffset.UtcNow.AddMinutes(1), actor), CancellationToken.None).ToListAsync();
        return [.. rows.Where(row => row.Action == action && row.Allowed == allowed)];
    }

    private async Task<List<(string Kind, string Payload)>> OutboxAsync()
    {
        var rows = new List<(string, string)>();
        var table = Host.Services.GetRequiredService<TableStore>().Table(TableNames.Main);
        await foreach (var row in table.QueryAsync<TableEntity>(TableQueries.Prefix(_projectId, OutboxKeys.Prefix)))
        {
            rows.Add((row.GetString(OutboxKeys.Kind), row.GetString(OutboxKeys.Payload)));
        }

        return rows;
    }

    /// <summary>The rows written since <paramref name="before"/> (a row's kind and payload may repeat, so not a set difference).</summary>
    private static List<(string Kind, string Payload)> Added(List<(string Kind, string Payload)> before, List<(string Kind, string Payload)> after)
    {
        var left = after.ToList();
        foreach (var row in before)
        {
            left.Remove(row);
        }

        return left;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, object? body = null, string? ifMatch = null, string? key = null, string? language = null) =>
        SendRawAsync(method, path, person, body is null ? null : System.Text.Json.JsonSerializer.Serialize(body), ifMatch, key, language);

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string person, string? json, string? ifMatch = null, string? key = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.TokenFor(person));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await Host.CreateClient().SendAsync(request);
    }

    private static async Task<JsonNode> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
