using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;
using PartnerHub.Tests.Shared;
using static PartnerHub.Api.Tests.Course.CourseGraphHost;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The coordinator's certificates card through /api/messages as Teams sends it: open it from the plan, issue (one
/// certificate row per woman who completed, a retry none), the SharePoint link on the card once the handler stored the
/// PDF (WireMock as Graph and the Connector), make a woman a neighbourhood mother once, refusals and the lost race.
/// </summary>
[Collection(CourseGraphGroup.Name)]
public sealed class CourseCertificateActionsTests(CourseGraphHost course)
{
    private static readonly Person Teacher = new("29:cert-teacher", "7e0a1b2c-0000-4000-8000-0000000000e9", "a:chat-cert-teacher");
    private static readonly Person EnglishCoordinator = new("29:cert-lene", "c0a1b2c3-0000-4000-8000-0000000000c9", "a:chat-cert-lene");

    private static readonly CancellationToken None = CancellationToken.None;

    private CardCatalog Catalog => course.Get<CardCatalog>();

    private string Da(string path) => Catalog.Text("da", path);

    [Fact]
    public async Task Issuing_asks_once_for_each_woman_who_completed_and_her_SharePoint_link_appears_on_the_card_once_stored()
    {
        var cohort = await HeldCohortAsync("hold-cert-issue");
        var card = await OpenAsync(Coordinator, cohort.Id, "cert-1");
        Assert.Contains("Mødt 3 af 3 gange", Text(card), StringComparison.Ordinal);
        Assert.Contains("Mødt 1 af 3 gange", Text(card), StringComparison.Ordinal);
        Assert.Empty(OpenUrls(card));

        var issue = ActionData(card, CourseVerbs.IssueCertificates);
        var answered = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.IssueCertificates, issue, "cert-1"));
        var retried = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.IssueCertificates, issue, "cert-1"));

        CardAssert.Wellformed(answered, "da");
        Assert.Contains(Da("course.certificates.notices.issued"), Text(answered), StringComparison.Ordinal);
        Assert.Contains(Da("course.certificates.notices.issued"), Text(retried), StringComparison.Ordinal);
        var rows = await PendingAsync(cohort.Id, CourseNotifications.IssueCertificate);
        Assert.Equal(["p1"], rows.Select(r => CourseNotifications.Read(r.Payload).ParticipantId));

        // The handler draws and stores her PDF, then the card she pressed on is updated in place with her link.
        course.Host.Connector.ResetLogEntries();
        await course.HandleAsync(new OutboxMessage(rows[0].Kind, rows[0].Payload));
        var update = Assert.Single(await PendingAsync(cohort.Id, CourseNotifications.UpdateCards), r => CourseNotifications.Read(r.Payload).CertificatesOnly);
        await course.HandleAsync(new OutboxMessage(update.Kind, update.Payload));

        var put = Assert.Single(course.Host.ConnectorCalls(), c => c.Method == "PUT" && c.Path.EndsWith("/cert-1", StringComparison.Ordinal));
        var updated = put.Body!["attachments"]![0]!["content"]!;
        Assert.Equal([WebUrl], OpenUrls(updated).Select(u => (string?)u["url"]));
        Assert.Equal("Åbn bevis: Åse Ørsted", (string?)OpenUrls(updated)[0]["tooltip"]);
        Assert.Equal([Coordinator.UserId], updated["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        Assert.Equal([WebUrl], OpenUrls(await OpenAsync(Coordinator, cohort.Id, "cert-1")).Select(u => (string?)u["url"]));
    }

    [Fact]
    public async Task Making_a_woman_who_completed_a_neighbourhood_mother_adds_her_once_and_a_second_press_changes_nothing()
    {
        var aseId = Guid.NewGuid().ToString();
        course.Graph.GivenPerson(aseId, "Åse", "Member", true);
        var cohort = await HeldCohortAsync("hold-cert-mother", aseId);
        var card = await OpenAsync(Coordinator, cohort.Id, "cert-2");
        var make = ActionData(card, CourseVerbs.MakeMother);
        Assert.Equal("p1", (string?)make["participantId"]);

        var made = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.MakeMother, make, "cert-2"));
        var directory = course.Get<DirectoryStore>();
        var member = await directory.FindStoredMemberAsync(ProjectId, aseId, None);
        var again = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.MakeMother, make, "cert-2"));

        Assert.Equal((ProjectRole.NeighbourhoodMother, "Åse"), (member!.Member.Role, member.Member.FirstName));
        Assert.Equal(member.ETag, (await directory.FindStoredMemberAsync(ProjectId, aseId, None))!.ETag);
        foreach (var answer in new[] { made, again })
        {
            Assert.Contains(Da("course.certificates.notices.madeMother"), Text(answer), StringComparison.Ordinal);
            Assert.Contains("\"Bydelsmor\"", Text(answer), StringComparison.Ordinal);
            Assert.False(HasAction(answer, CourseVerbs.MakeMother));
        }

        // Zainab did not complete and has no account: no button, and a forged press is answered with a notice.
        var zainab = new JsonObject { ["projectId"] = ProjectId, ["cohortId"] = cohort.Id, ["participantId"] = "p2", ["language"] = "da" };
        var refused = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.MakeMother, zainab, "cert-2"));
        Assert.Contains(Da("course.certificates.notices.noAccount"), Text(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teacher_a_mother_or_a_partner_gets_the_forbidden_card_and_nothing_is_written()
    {
        await course.Get<DirectoryStore>().UpsertMemberAsync(BotHostTenant, new ProjectMember(Teacher.ObjectId, ProjectId, ProjectRole.Teacher, null, "Lidia"), None);
        var cohort = await HeldCohortAsync("hold-cert-forbidden", Guid.NewGuid().ToString());
        var data = new JsonObject { ["projectId"] = ProjectId, ["cohortId"] = cohort.Id, ["participantId"] = "p1", ["version"] = cohort.Version, ["language"] = "da" };

        foreach (var person in new[] { Teacher, Mother, Kindergarten })
        {
            foreach (var verb in new[] { CourseVerbs.OpenCertificates, CourseVerbs.IssueCertificates, CourseVerbs.MakeMother })
            {
                var card = Card(await course.Scenario.ActAsync(person, verb, data, "cert-3"));
                Assert.Contains(Da("course.notices.forbidden"), Text(card), StringComparison.Ordinal);
                Assert.DoesNotContain("Åse", Text(card), StringComparison.Ordinal);
            }
        }

        Assert.Empty(await PendingAsync(cohort.Id, CourseNotifications.IssueCertificate));
        Assert.Null(await course.Get<DirectoryStore>().FindMemberAsync(ProjectId, cohort.Participants[0].ObjectId!, None));
    }

    [Fact]
    public async Task A_press_on_a_stale_card_gets_the_current_card_with_the_conflict_notice_and_nothing_is_issued()
    {
        var cohort = await HeldCohortAsync("hold-cert-stale");
        var card = await OpenAsync(Coordinator, cohort.Id, "cert-4");
        var added = await course.Get<CourseService>().AddParticipantAsync(
            new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null), cohort.Id, cohort.Version, new ParticipantInput("Hodan", null), null, None);
        Assert.Equal(ChangeOutcome.Changed, added.Outcome);

        var stale = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.IssueCertificates, ActionData(card, CourseVerbs.IssueCertificates), "cert-4"));

        Assert.Contains(Da("course.notices.conflict"), Text(stale), StringComparison.Ordinal);
        Assert.Contains("Hodan", Text(stale), StringComparison.Ordinal);
        Assert.Equal(added.Current!.Cohort.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ActionData(stale, CourseVerbs.IssueCertificates)["version"]!.ToString());
        Assert.Empty(await PendingAsync(cohort.Id, CourseNotifications.IssueCertificate));
    }

    [Fact]
    public async Task With_nobody_completed_there_is_no_issue_button_and_a_forged_press_gets_a_notice()
    {
        var cohort = await course.CohortAsync("hold-cert-nobody", Tuesdays(-2, 2), new CourseParticipant("p1", "Åse Ørsted"));
        var card = await OpenAsync(Coordinator, cohort.Id, "cert-5");
        Assert.False(HasAction(card, CourseVerbs.IssueCertificates));

        var forged = new JsonObject { ["projectId"] = ProjectId, ["cohortId"] = cohort.Id, ["version"] = cohort.Version, ["language"] = "da" };
        var answered = Card(await course.Scenario.ActAsync(Coordinator, CourseVerbs.IssueCertificates, forged, "cert-5"));

        Assert.Contains(Da("course.certificates.notices.nobodyCompleted"), Text(answered), StringComparison.Ordinal);
        Assert.Empty(await PendingAsync(cohort.Id, CourseNotifications.IssueCertificate));
    }

    [Fact]
    public async Task A_coordinator_who_chose_English_gets_the_card_and_its_notices_in_English()
    {
        await course.Get<DirectoryStore>().UpsertMemberAsync(BotHostTenant, new ProjectMember(EnglishCoordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null, "Lene"), None);
        await course.Scenario.ChooseLanguageAsync(EnglishCoordinator, "en");
        var cohort = await HeldCohortAsync("hold-cert-english");

        var card = await OpenAsync(EnglishCoordinator, cohort.Id, "cert-6");
        var issued = Card(await course.Scenario.ActAsync(EnglishCoordinator, CourseVerbs.IssueCertificates, ActionData(card, CourseVerbs.IssueCertificates), "cert-6"));

        CardAssert.Wellformed(issued, "en");
        Assert.Contains("Present 3 of 3 times", Text(card), StringComparison.Ordinal);
        Assert.Contains("Issue certificates", Text(card), StringComparison.Ordinal);
        Assert.Contains(Catalog.Text("en", "course.certificates.notices.issued"), Text(issued), StringComparison.Ordinal);
        Assert.Equal("en", (string?)ActionData(issued, CourseVerbs.IssueCertificates)["language"]);
    }

    private const string BotHostTenant = PartnerHub.Api.Tests.Bot.BotHost.TenantId;

    private async Task<JsonObject> OpenAsync(Person person, string cohortId, string activityId)
    {
        var data = new JsonObject { ["projectId"] = ProjectId, ["cohortId"] = cohortId, ["language"] = "da" };
        var card = Card(await course.Scenario.ActAsync(person, CourseVerbs.OpenCertificates, data, activityId));
        CardAssert.Wellformed(card);
        return card;
    }

    private static List<JsonObject> OpenUrls(JsonNode card) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => (string?)o["type"] == "Action.OpenUrl")];

    /// <summary>This cohort's outbox rows of one kind, as written (the host's dispatcher is off).</summary>
    private async Task<List<(string Kind, string Payload)>> PendingAsync(string cohortId, string kind)
    {
        var rows = new List<(string, string)>();
        await foreach (var row in course.Get<TableStore>().Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, OutboxKeys.Prefix)))
        {
            var payload = row.GetString(OutboxKeys.Payload);
            if (row.GetString(OutboxKeys.Kind) == kind && JsonSerializer.Deserialize<JsonObject>(payload)?["CohortId"]?.GetValue<string>() == cohortId)
            {
                rows.Add((kind, payload));
            }
        }

        return rows;
    }

    /// <summary>Three held sessions: Åse (p1) present at all three, Zainab (p2, no account) at one, below the 75 % rule.</summary>
    private async Task<Cohort> HeldCohortAsync(string cohortId, string? aseObjectId = null)
    {
        var cohort = await course.CohortAsync(cohortId, Tuesdays(-4, 3), new CourseParticipant("p1", "Åse Ørsted", aseObjectId), new CourseParticipant("p2", "Zainab Ålund"));
        var store = course.Get<CourseStore>();
        foreach (var session in cohort.Plan.Sessions)
        {
            var before = await store.AttendanceAsync(ProjectId, cohortId, None);
            var register = new AttendanceRegister(
            [
                new AttendanceEntry("p1", session.Id, AttendanceMark.Present),
                new AttendanceEntry("p2", session.Id, session.Id == "s01" ? AttendanceMark.Present : AttendanceMark.Absent),
            ]);
            var change = new CourseChange(Coordinator.ObjectId, "RecordAttendance", ChangeFingerprint.Of(Coordinator.ObjectId, cohortId, session.Id, "RecordAttendance", new { session.Id }));
            Assert.Equal(ChangeOutcome.Changed, (await store.RecordAttendanceAsync(ProjectId, cohortId, session.Id, before, register, change, None)).Outcome);
        }

        return cohort;
    }
}
