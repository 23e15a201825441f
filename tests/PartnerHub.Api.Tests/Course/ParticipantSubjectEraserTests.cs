using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PartnerHub.Api.Course;
using PartnerHub.Api.Links;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// Erasure on request of a woman on a cohort's list, by REST through the course services' shared host (Azurite, its
/// clock in February 2031): her name and account go, her marks, completion, certificate row and every report figure
/// stay byte for byte; her certificate is no longer drawn; a repeat changes nothing.
/// </summary>
[Collection(CourseServicesGroup.Name)]
public sealed class ParticipantSubjectEraserTests(CourseServiceHost host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Her_name_and_account_go_and_her_marks_completion_certificate_and_the_report_stay_as_they_were()
    {
        var (world, cohort, her, other) = await HeldAsync();
        var path = $"privacy/courses/{cohort.Id}/participants/{her.Id}";
        Assert.Equal(HttpStatusCode.OK, await CertificateAsync(world, cohort.Id, her.Id));
        var report = await ReportAsync(world);
        var kept = await RowsAsync(world.ProjectId, CourseStore.AttendancePrefix, "report-month|", CertificateStore.Prefix);
        var version = CourseResponses.ETagOf(cohort);

        var erased = await EraseAsync(world, path, version);

        Assert.Equal(HttpStatusCode.OK, erased.Status);
        Assert.Equal("""{"erased":[{"kind":"course-participant","count":1}]}""", erased.Body);
        Assert.Equal(CourseResponses.ETagOf(cohort with { Version = cohort.Version + 1 }), erased.ETag);

        // Every figure, mark and certificate row as it was; her completion too.
        Assert.Equal(report, await ReportAsync(world));
        Assert.Equal(kept, await RowsAsync(world.ProjectId, CourseStore.AttendancePrefix, "report-month|", CertificateStore.Prefix));
        var standing = await world.Completion.CompletionAsync(world.Coordinator, cohort.Id, None);
        Assert.True(standing.Participants.Single(p => p.ParticipantId == her.Id).Completed);

        // Listed by the marker, without her account; the other woman untouched.
        var after = (await world.Store.FindCohortAsync(world.ProjectId, cohort.Id, None))!.Cohort;
        var place = after.Participants.Single(p => p.Id == her.Id);
        Assert.Equal((ParticipantErasure.ErasedName, (string?)null), (place.Name, place.ObjectId));
        Assert.NotNull(place.ErasedAt);
        Assert.Equal(other, after.Participants.Single(p => p.Id == other.Id));

        // Her name and her account in no row of any table; her certificate drawn for no one; the cohort's cards updated.
        var rows = await AllRowsAsync();
        Assert.DoesNotContain(rows, row => row.Contains(her.Name, StringComparison.Ordinal) || row.Contains(her.ObjectId!, StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains(other.Name, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, await CertificateAsync(world, cohort.Id, her.Id));
        var outbox = await world.OutboxAsync();
        Assert.Contains(outbox, m => m.Kind == CourseNotifications.UpdateCards && CourseNotifications.Read(m.Payload).CohortId == cohort.Id);
        Assert.Contains(outbox, m => m.Kind == CourseNotifications.DeleteCertificateFile && CourseNotifications.Read(m.Payload) is { ParticipantId: not null } file && file.CohortId == cohort.Id);
        Assert.Empty(await world.Store.CohortsOfParticipantAsync(world.ProjectId, her.ObjectId!, None));

        // Audited on the cohort's record, as the course audits her list: the request and the change.
        var audit = await AuditAsync(world);
        Assert.Contains(audit, e => e is { Action: SubjectErasure.AuditAction, RecordType: CourseStore.CohortRecord, Allowed: true } && e.RecordId == cohort.Id && e.Actor == world.CoordinatorId);
        Assert.Contains(audit, e => e is { Action: "EraseParticipant", RecordType: CourseStore.CohortRecord } && e.RecordId == cohort.Id);

        // Sent again (with the old ETag, or one that stopped half-way): nothing left, nothing written, 200.
        var tables = await RowsAsync(world.ProjectId, "");
        var again = await EraseAsync(world, path, version);
        Assert.Equal((HttpStatusCode.OK, """{"erased":[]}"""), (again.Status, again.Body));
        Assert.Equal(tables, await RowsAsync(world.ProjectId, ""));
    }

    [Fact]
    public async Task A_stale_or_missing_If_Match_an_unknown_participant_and_anyone_but_the_coordinator_erase_nothing()
    {
        var (world, cohort, her, _) = await HeldAsync();
        var path = $"privacy/courses/{cohort.Id}/participants/{her.Id}";
        var before = await RowsAsync(world.ProjectId, "");

        var stale = await EraseAsync(world, path, CourseResponses.ETagOf(cohort with { Version = cohort.Version - 1 }));
        var missing = await EraseAsync(world, path, null);
        var unknown = await EraseAsync(world, $"privacy/courses/{cohort.Id}/participants/p-nobody", CourseResponses.ETagOf(cohort));
        var malformed = await EraseAsync(world, $"privacy/courses/{cohort.Id}/participants/Not%20an%20id", CourseResponses.ETagOf(cohort));
        var teacher = await EraseAsync(world, path, CourseResponses.ETagOf(cohort), world.TeacherId);

        Assert.Equal((HttpStatusCode.PreconditionFailed, CourseResponses.ETagOf(cohort)), (stale.Status, stale.ETag));
        Assert.Equal((HttpStatusCode)428, missing.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, malformed.Status);
        Assert.Equal(HttpStatusCode.Forbidden, teacher.Status);
        Assert.Equal(before, await RowsAsync(world.ProjectId, ""));
        Assert.Contains(await AuditAsync(world), e => e is { Action: SubjectErasure.AuditAction, Allowed: false, RecordId: "invalid" });
    }

    /// <summary>A cohort of four Tuesdays in February 2031, all held: she came to all (and has a certificate), the other woman to one.</summary>
    private async Task<(CourseWorld World, Cohort Cohort, CourseParticipant Her, CourseParticipant Other)> HeldAsync()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var created = await world.Courses.CreateAsync(world.Coordinator, CourseWorld.Form(), "req-" + Guid.NewGuid().ToString("N"), None);
        var id = created.Current!.Cohort.Id;
        var withHer = await world.Courses.AddParticipantAsync(world.Coordinator, id, 1, new ParticipantInput("Yasmin " + Letters(), Guid.NewGuid().ToString()), null, None);
        var withOther = await world.Courses.AddParticipantAsync(world.Coordinator, id, 2, new ParticipantInput("Hibo " + Letters(), null), null, None);
        Assert.Equal((ChangeOutcome.Changed, ChangeOutcome.Changed), (withHer.Outcome, withOther.Outcome));
        var (her, other) = (withOther.Current!.Cohort.Participants[0], withOther.Current.Cohort.Participants[1]);

        world.SetToday(new DateOnly(2031, 2, 25));
        foreach (var session in withOther.Current.Cohort.Plan.Sessions)
        {
            var marks = new Dictionary<string, AttendanceMark> { [her.Id] = AttendanceMark.Present, [other.Id] = session.Id == "s01" ? AttendanceMark.Present : AttendanceMark.Absent };
            Assert.Equal(ChangeOutcome.Changed, (await world.Courses.RecordAttendanceAsync(world.Coordinator, id, session.Id, marks, None)).Outcome);
        }

        var certificate = new IssuedCertificate(world.ProjectId, id, her.Id, "drive-item-1", "https://example.sharepoint.com/bevis.pdf", host.Clock.Now, world.CoordinatorId, "Alex");
        await host.Get<CertificateStore>().RecordAsync(certificate, [], None);
        return (world, (await world.Store.FindCohortAsync(world.ProjectId, id, None))!.Cohort, her, other);
    }

    private sealed record Answer(HttpStatusCode Status, string Body, string? ETag);

    private async Task<Answer> EraseAsync(CourseWorld world, string path, string? ifMatch, string? person = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{world.ProjectId}/{path}/erasure");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Host.TokenFor(person ?? world.CoordinatorId));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await host.Host.CreateClient().SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString());
    }

    /// <summary>Her certificate through the link signed for her, as her card hands it out.</summary>
    private async Task<HttpStatusCode> CertificateAsync(CourseWorld world, string cohortId, string participantId)
    {
        var exp = host.Clock.Now.AddDays(1).ToUnixTimeSeconds();
        var signature = host.Get<LinkSigner>().Sign(CertificateLinks.Purpose, [world.ProjectId, cohortId, participantId], exp);
        using var response = await host.Host.CreateClient().GetAsync(new Uri($"/certificates/{world.ProjectId}/{cohortId}/{participantId}.pdf?exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={signature}", UriKind.Relative));
        return response.StatusCode;
    }

    private async Task<string> ReportAsync(CourseWorld world)
    {
        using var response = await host.Host.GetAsync($"/api/projects/{world.ProjectId}/report?period=2031", host.Host.TokenFor(world.CoordinatorId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text.Replace((string?)JsonNode.Parse(text)!["madeAt"] ?? "-", "made-at", StringComparison.Ordinal);
    }

    /// <summary>The project's rows under the key prefixes (all of them for ""), as text without ETag and timestamp.</summary>
    private async Task<List<string>> RowsAsync(string projectId, params string[] prefixes)
    {
        var rows = new List<string>();
        foreach (var prefix in prefixes)
        {
            var filter = prefix.Length == 0 ? TableClient.CreateQueryFilter($"PartitionKey eq {projectId}") : TableQueries.Prefix(projectId, prefix);
            await foreach (var row in host.Host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(filter))
            {
                rows.Add(Text(row));
            }
        }

        return rows;
    }

    /// <summary>Every row of every table of the host (a test-only scan).</summary>
    private async Task<List<string>> AllRowsAsync()
    {
        var rows = new List<string>();
        foreach (var name in TableNames.All)
        {
            rows.AddRange((await TableRows.AllAsync(host.Host.Tables.Table(name))).Select(Text));
        }

        return rows;
    }

    private async Task<List<AuditEntry>> AuditAsync(CourseWorld world)
    {
        var entries = new List<AuditEntry>();
        var now = host.Clock.Now;
        await foreach (var entry in host.Get<AuditLog>().ReadAsync(world.ProjectId, new AuditQuery(now.AddDays(-60), now.AddDays(1)), None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static string Text(TableEntity row) =>
        row.PartitionKey + "|" + row.RowKey + "|" + string.Join(";", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    private static string Letters() => new([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))]);
}
