using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Course;

/// <summary>One real host (real Entra token validation against WireMock, Azurite tables) for the whole class.</summary>
public sealed class CourseEndpointsHost : IDisposable
{
    internal RestHost Host { get; } = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    public void Dispose() => Host.Dispose();
}

/// <summary>The course's REST endpoints: RFC 7807, If-Match/ETag, Idempotency-Key and each role's view.</summary>
public sealed class CourseEndpointsTests(CourseEndpointsHost fixture) : IClassFixture<AzuriteFixture>, IClassFixture<CourseEndpointsHost>
{
    private readonly string _projectId = "ce" + UniqueIds.Next(10);
    private readonly string _coordinator = Guid.NewGuid().ToString();
    private readonly string _teacher = Guid.NewGuid().ToString();
    private readonly string _otherTeacher = Guid.NewGuid().ToString();

    private RestHost Host => fixture.Host;

    private string Base => $"/api/projects/{_projectId}/courses";

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
        var directory = Host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(_coordinator, _projectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(_teacher, _projectId, ProjectRole.Teacher, null, "Megan"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(_otherTeacher, _projectId, ProjectRole.Teacher, null, "Lynne"), CancellationToken.None);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, object? body = null, string? ifMatch = null, string? key = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.TokenFor(person));
        if (body is not null)
        {
            request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
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

    private static object Form(string weeks = "4") => new { name = "Hold 1", startDate = NextTuesday(), weekday = "Tuesday", startTime = "17:00", endTime = "19:00", place = "Kvindecenteret", weeks };

    private async Task<string> CreateAsync()
    {
        using var created = await SendAsync(HttpMethod.Post, Base, _coordinator, Form(), key: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await JsonOf(created))["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_cohort_is_created_once_per_idempotency_key_and_read_with_its_etag()
    {
        await SeedAsync();

        using var noKey = await SendAsync(HttpMethod.Post, Base, _coordinator, Form());
        using var created = await SendAsync(HttpMethod.Post, Base, _coordinator, Form(), key: "k-1");
        using var repeat = await SendAsync(HttpMethod.Post, Base, _coordinator, Form(), key: "k-1");
        var id = (await JsonOf(created))["id"]!.GetValue<string>();
        using var read = await SendAsync(HttpMethod.Get, $"{Base}/{id}", _coordinator);
        using var list = await SendAsync(HttpMethod.Get, Base, _coordinator);
        using var byTeacher = await SendAsync(HttpMethod.Post, Base, _teacher, Form(), key: "k-2");

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.NotNull((await JsonOf(noKey))["errors"]?["Idempotency-Key"]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(id, (await JsonOf(repeat))["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(4, (await JsonOf(read))["sessions"]!.AsArray().Count);
        Assert.Equal([id], (await JsonOf(list)).AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);
    }

    [Fact]
    public async Task A_change_needs_if_match_and_one_from_a_stale_etag_is_a_412_with_the_current_etag()
    {
        await SeedAsync();
        var id = await CreateAsync();

        using var without = await SendAsync(HttpMethod.Post, $"{Base}/{id}/plan/sessions/s02/cancel", _coordinator);
        using var cancelled = await SendAsync(HttpMethod.Post, $"{Base}/{id}/plan/sessions/s02/cancel", _coordinator, ifMatch: "\"1\"");
        using var retry = await SendAsync(HttpMethod.Post, $"{Base}/{id}/plan/sessions/s02/cancel", _coordinator, ifMatch: "\"1\"");
        using var stale = await SendAsync(HttpMethod.Post, $"{Base}/{id}/plan/sessions/s03/cancel", _coordinator, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal("application/problem+json", without.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("\"2\"", cancelled.Headers.ETag?.Tag);
        Assert.Equal("Cancelled", (await JsonOf(cancelled))["sessions"]![1]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_with_the_errors_by_field_in_the_readers_language()
    {
        await SeedAsync();
        var id = await CreateAsync();

        using var badForm = await SendAsync(HttpMethod.Post, Base, _coordinator, Form(weeks: "40"), key: "k-bad", language: "en");
        using var badDate = await SendAsync(HttpMethod.Post, $"{Base}/{id}/plan/sessions/s02/move", _coordinator, new { date = "next week" }, ifMatch: "\"1\"");
        using var ahead = await SendAsync(HttpMethod.Put, $"{Base}/{id}/sessions/s01/attendance", _coordinator, new { marks = new Dictionary<string, string>() }, ifMatch: "\"1\"");
        using var unknownMark = await SendAsync(HttpMethod.Put, $"{Base}/{id}/sessions/s01/attendance", _coordinator, new { marks = new Dictionary<string, string> { ["p1"] = "Maybe" } }, ifMatch: "\"1\"");
        using var noSuchCohort = await SendAsync(HttpMethod.Post, $"{Base}/nope/plan/sessions/s02/cancel", _coordinator, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, badForm.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await JsonOf(badForm))["errors"]?["weeks"]?[0]?.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.NotNull((await JsonOf(badDate))["errors"]?["date"]);
        Assert.Equal(HttpStatusCode.BadRequest, ahead.StatusCode);
        Assert.NotNull((await JsonOf(ahead))["errors"]?["sessionId"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownMark.StatusCode);
        Assert.NotNull((await JsonOf(unknownMark))["errors"]?["marks"]);
        Assert.Equal(HttpStatusCode.NotFound, noSuchCohort.StatusCode);
    }

    [Fact]
    public async Task A_participants_name_is_corrected_with_the_cohorts_etag_audited_and_only_by_the_coordinator()
    {
        await SeedAsync();
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var id = await CreateAsync();
        using var added = await SendAsync(HttpMethod.Post, $"{Base}/{id}/participants", _coordinator, new { name = "Amina" }, ifMatch: "\"1\"");
        var participantId = (await JsonOf(added))["participants"]![0]!["id"]!.GetValue<string>();
        var path = $"{Base}/{id}/participants/{participantId}";

        using var byTeacher = await SendAsync(HttpMethod.Put, path, _teacher, new { name = "Aminah" }, ifMatch: added.Headers.ETag!.Tag);
        using var corrected = await SendAsync(HttpMethod.Put, path, _coordinator, new { name = "Aminah" }, ifMatch: added.Headers.ETag!.Tag);
        using var stale = await SendAsync(HttpMethod.Put, path, _coordinator, new { name = "Amira" }, ifMatch: added.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var cohort = (await Host.Services.GetRequiredService<CourseStore>().FindCohortAsync(_projectId, id, CancellationToken.None))!;
        Assert.Equal("Aminah", Assert.Single(cohort.Cohort.Participants).Name);
        var audit = await Host.Services.GetRequiredService<PartnerHub.Api.Storage.AuditLog>()
            .ReadAsync(_projectId, new PartnerHub.Api.Storage.AuditQuery(started, DateTimeOffset.UtcNow.AddMinutes(1), _coordinator), CancellationToken.None).ToListAsync();
        Assert.Contains(audit, row => row.Action == "RenameParticipant" && row.Allowed);
    }

    [Fact]
    public async Task A_teacher_answers_her_own_booking_sees_no_names_and_finds_it_under_my_bookings()
    {
        await SeedAsync();
        var id = await CreateAsync();
        using var participant = await SendAsync(HttpMethod.Post, $"{Base}/{id}/participants", _coordinator, new { name = "Amina" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, participant.StatusCode);

        using var requested = await SendAsync(HttpMethod.Post, $"{Base}/{id}/bookings", _coordinator, new { sessionId = "s01", teacherId = _teacher }, key: "b-1");
        var bookingId = (await JsonOf(requested))["id"]!.GetValue<string>();
        using var byOther = await SendAsync(HttpMethod.Post, $"{Base}/{id}/bookings/{bookingId}/accept", _otherTeacher, ifMatch: requested.Headers.ETag!.Tag);
        using var byCoordinator = await SendAsync(HttpMethod.Post, $"{Base}/{id}/bookings/{bookingId}/accept", _coordinator, ifMatch: requested.Headers.ETag!.Tag);
        using var accepted = await SendAsync(HttpMethod.Post, $"{Base}/{id}/bookings/{bookingId}/accept", _teacher, ifMatch: requested.Headers.ETag!.Tag);
        using var teachersView = await SendAsync(HttpMethod.Get, $"{Base}/{id}", _teacher);
        using var mine = await SendAsync(HttpMethod.Get, "/api/me/bookings", _teacher);
        using var unknownAction = await SendAsync(HttpMethod.Post, $"{Base}/{id}/bookings/{bookingId}/approve", _teacher, ifMatch: "\"2\"");

        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        Assert.Equal(1, (await JsonOf(requested))["groupSize"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byCoordinator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Confirmed", (await JsonOf(accepted))["state"]!.GetValue<string>());
        var view = await JsonOf(teachersView);
        Assert.Equal("Teacher", view["view"]!.GetValue<string>());
        Assert.Empty(view["participants"]!.AsArray());
        Assert.DoesNotContain("Amina", view.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal([bookingId], (await JsonOf(mine)).AsArray().Select(b => b!["booking"]!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, unknownAction.StatusCode);
    }

    [Fact]
    public async Task Settings_are_saved_on_their_etag_and_only_coordinators_reach_them()
    {
        await SeedAsync();
        var path = $"/api/projects/{_projectId}/course-settings";
        var settings = new JsonObject
        {
            ["schoolHolidays"] = new JsonObject { ["holidays"] = new JsonArray() },
            ["catalogue"] = new JsonObject(),
            ["completion"] = new JsonObject { ["minimumPercent"] = 80, ["excusedCountsAsPresent"] = true },
            ["reminders"] = new JsonObject { ["remindAfterDays"] = 2, ["escalateAfterDays"] = 2 },
        };

        using var read = await SendAsync(HttpMethod.Get, path, _coordinator);
        using var noIfMatch = await SendAsync(HttpMethod.Put, path, _coordinator, settings);
        using var saved = await SendAsync(HttpMethod.Put, path, _coordinator, settings, ifMatch: read.Headers.ETag!.Tag);
        settings["completion"]!["minimumPercent"] = 70;
        using var stale = await SendAsync(HttpMethod.Put, path, _coordinator, settings, ifMatch: read.Headers.ETag!.Tag);
        settings["completion"]!["minimumPercent"] = 0;
        using var invalid = await SendAsync(HttpMethod.Put, path, _coordinator, settings, ifMatch: saved.Headers.ETag!.ToString());
        using var byTeacher = await SendAsync(HttpMethod.Get, path, _teacher);

        Assert.Equal(CourseEndpoints.DefaultSettingsETag, read.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(80, (await JsonOf(saved))["completion"]!["minimumPercent"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotNull((await JsonOf(invalid))["errors"]?["completion.minimumPercent"]);
        Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);
    }
}
