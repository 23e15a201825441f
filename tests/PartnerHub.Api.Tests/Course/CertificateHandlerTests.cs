using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Course;
using PartnerHub.Api.Links;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using UglyToad.PdfPig;
using static PartnerHub.Api.Tests.Course.CourseGraphHost;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// Certificates: drawn for a woman who completed, stored once in the project's SharePoint folder (WireMock as Graph),
/// recorded in Azurite, and downloadable by her alone through her signed link.
/// </summary>
[Collection(CourseGraphGroup.Name)]
public sealed class CertificateHandlerTests(CourseGraphHost course)
{
    private readonly LinkSigner _signer = new(CalendarLinkTestKey.Bytes);

    [Fact]
    public async Task She_completed_so_her_certificate_is_uploaded_to_the_expected_path_and_recorded_once_even_when_retried()
    {
        var cohort = await HeldCohortAsync("hold-bevis");
        course.Graph.Server.ResetLogEntries();

        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p1", Coordinator.ObjectId));
        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p1", Coordinator.ObjectId));

        var path = $"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/{ProjectId}/Certifikater/{cohort.Id}/bevis-{cohort.Id}-p1.pdf:/content";
        var puts = course.Graph.Requests().Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, put => Assert.Equal(path, put.AbsolutePath));
        var text = TextOf(puts[^1].BodyAsBytes!);
        Assert.Contains("Åse Ørsted", text, StringComparison.Ordinal);
        Assert.Contains("Karen", text, StringComparison.Ordinal);
        foreach (var session in cohort.Plan.Sessions)
        {
            Assert.Contains(ThemeCatalogue.Default.Find(session.ThemeId)!.Title.Da, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Zainab", text, StringComparison.Ordinal);
        var issued = Assert.Single(await course.Get<CertificateStore>().ListAsync(ProjectId, cohort.Id, CancellationToken.None));
        Assert.Equal(new[] { "p1", "item-certificate", WebUrl, Coordinator.ObjectId, "Karen" }, new[] { issued.ParticipantId, issued.DriveItemId, issued.WebUrl, issued.IssuedBy, issued.SignedBy });
        Assert.Equal(issued, await course.Get<CertificateStore>().FindAsync(ProjectId, cohort.Id, "p1", CancellationToken.None));
    }

    [Fact]
    public async Task A_participant_who_did_not_complete_or_an_issuer_who_is_no_coordinator_gets_none()
    {
        var cohort = await HeldCohortAsync("hold-ikke");
        course.Graph.Server.ResetLogEntries();

        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p2", Coordinator.ObjectId)); // present 1 of 3
        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p1", Mother.ObjectId)); // a mother, not a coordinator
        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p9", Coordinator.ObjectId)); // not on the list

        Assert.DoesNotContain(course.Graph.Requests(), r => r.Method == "PUT");
        Assert.Empty(await course.Get<CertificateStore>().ListAsync(ProjectId, cohort.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Her_signed_link_downloads_her_own_certificate_and_nobody_elses()
    {
        var cohort = await HeldCohortAsync("hold-hent");
        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p1", Coordinator.ObjectId));
        var issued = (await course.Get<CertificateStore>().FindAsync(ProjectId, cohort.Id, "p1", CancellationToken.None))!;
        var url = course.Get<CertificateLinks>().For(issued)!;
        Assert.DoesNotContain("Åse", url, StringComparison.Ordinal);
        using var client = course.Host.CreateClient();

        using var response = await client.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"bevis-{cohort.Id}-p1.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var text = TextOf(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Åse Ørsted", text, StringComparison.Ordinal);
        Assert.Contains("Karen", text, StringComparison.Ordinal);

        // Her signature on another participant's id, tampered, expired, or made for a booking's .ics: the same 404.
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        var exp = long.Parse(query["exp"]!, CultureInfo.InvariantCulture);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        string[] parts = [ProjectId, cohort.Id, "p1"];
        string[] failures =
        [
            Link(cohort.Id, "p2", exp, query["sig"]!),
            Link(cohort.Id, "p1", exp, query["sig"]![..^1] + (query["sig"]![^1] == 'A' ? 'B' : 'A')),
            Link(cohort.Id, "p1", past, _signer.Sign(CertificateLinks.Purpose, parts, past)),
            Link(cohort.Id, "p1", exp, _signer.Sign(BookingCalendarLinks.Purpose, parts, exp)),
            $"/certificates/{ProjectId}/{cohort.Id}/p1.pdf?exp={exp}",
        ];
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in failures)
        {
            using var failed = await client.GetAsync(link);
            Assert.True(failed.StatusCode == HttpStatusCode.NotFound, link);
            var problem = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            bodies.Add(problem.ToJsonString());
        }

        Assert.Single(bodies);

        // p2 did not complete: even a genuine signature for her id finds nothing to serve.
        using var notIssued = await client.GetAsync(Link(cohort.Id, "p2", exp, _signer.Sign(CertificateLinks.Purpose, [ProjectId, cohort.Id, "p2"], exp)));
        Assert.Equal(HttpStatusCode.NotFound, notIssued.StatusCode);
    }

    /// <summary>
    /// An erased participant's certificate file leaves SharePoint (one DELETE of its item, however often the message is
    /// delivered) and her row stops pointing at it, while when and by whom it was issued stay for the report's count.
    /// </summary>
    [Fact]
    public async Task An_erased_participants_certificate_file_is_deleted_once_and_its_row_keeps_the_issue()
    {
        var cohort = await HeldCohortAsync("hold-slet");
        await course.HandleAsync(CourseNotifications.Certificate(cohort.Id, "p1", Coordinator.ObjectId));
        var issued = await course.Get<CertificateStore>().FindAsync(ProjectId, cohort.Id, "p1", CancellationToken.None);
        course.Graph.Server.ResetLogEntries();

        await course.HandleAsync(CourseNotifications.CertificateFileOf(cohort.Id, "p1"));
        await course.HandleAsync(CourseNotifications.CertificateFileOf(cohort.Id, "p1"));
        await course.HandleAsync(CourseNotifications.CertificateFileOf(cohort.Id, "p2")); // never issued: nothing to delete

        Assert.Single(course.Graph.Requests("DELETE", $"/v1.0/drives/{GraphStub.DriveId}/items/item-certificate"));
        Assert.Single(course.Graph.Requests());
        var after = await course.Get<CertificateStore>().FindAsync(ProjectId, cohort.Id, "p1", CancellationToken.None);
        Assert.Equal(issued! with { DriveItemId = "", WebUrl = "" }, after);
    }

    /// <summary>Three held sessions: Åse present at all three, Zainab at one (below 75 %).</summary>
    private async Task<Cohort> HeldCohortAsync(string cohortId)
    {
        var cohort = await course.CohortAsync(cohortId, Tuesdays(-4, 3), new CourseParticipant("p1", "Åse Ørsted"), new CourseParticipant("p2", "Zainab Ålund"));
        var store = course.Get<CourseStore>();
        foreach (var session in cohort.Plan.Sessions)
        {
            var before = await store.AttendanceAsync(ProjectId, cohortId, CancellationToken.None);
            var register = new AttendanceRegister(
            [
                new AttendanceEntry("p1", session.Id, AttendanceMark.Present),
                new AttendanceEntry("p2", session.Id, session.Id == "s01" ? AttendanceMark.Present : AttendanceMark.Absent),
            ]);
            var change = new CourseChange(Coordinator.ObjectId, "RecordAttendance", ChangeFingerprint.Of(Coordinator.ObjectId, cohortId, session.Id, "RecordAttendance", new { session.Id }));
            Assert.Equal(ChangeOutcome.Changed, (await store.RecordAttendanceAsync(ProjectId, cohortId, session.Id, before, register, change, CancellationToken.None)).Outcome);
        }

        return cohort;
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static string Link(string cohortId, string participantId, long exp, string signature) =>
        string.Create(CultureInfo.InvariantCulture, $"/certificates/{ProjectId}/{cohortId}/{participantId}.pdf?exp={exp}&sig={signature}");
}
