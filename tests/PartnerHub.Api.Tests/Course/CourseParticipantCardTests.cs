using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Course;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>One bot host for the class, with a public base URL so certificate links can be signed.</summary>
public sealed class CourseParticipantBotHost : IDisposable
{
    public const string PublicBaseUrl = "https://partnerhub.example";

    internal BotHost Host { get; } = new() { Customize = builder => builder.UseSetting("Graph:PublicBaseUrl", PublicBaseUrl) };

    public void Dispose() => Host.Dispose();
}

/// <summary>
/// A course participant's own door through /api/messages with signed tokens: "kursus" gives a woman on a cohort's list
/// her card (her own marks only), its refresh follows the coordinator's attendance and her certificate, and nobody
/// else (not on the list, or another tenant's activity with her object id) sees it. Each test has its own project and people.
/// </summary>
public sealed class CourseParticipantCardTests(CourseParticipantBotHost fixture) : IClassFixture<AzuriteFixture>, IClassFixture<CourseParticipantBotHost>
{
    private const string OtherTenant = "0b0e0d0c-0000-4000-8000-00000000dead";
    private const string NoAccess = "Du har ikke adgang til dette kursus.";

    private readonly Person _amina = NewPerson("amina");
    private readonly Person _fatima = NewPerson("fatima");

    private BotHost Host => fixture.Host;

    private ReferralScenario Chat => new(Host);

    private static Person NewPerson(string name) => new("29:" + name + "-" + UniqueIds.Next(6), Guid.NewGuid().ToString(), "a:chat-" + UniqueIds.Next(10));

    private async Task<(ParticipantCourse Course, string Amina, string Fatima)> TwoWomenAsync(params (string, ProjectRole, string)[] members)
    {
        var course = await new ParticipantCourse(Host.Services, BotHost.TenantId).SeedAsync(members);
        var amina = await course.AddAsync("Amina Hassan", _amina.ObjectId);
        var fatima = await course.AddAsync("Fatima Yusuf", _fatima.ObjectId);
        await course.MarkAsync(course.Held[0], (amina, AttendanceMark.Present), (fatima, AttendanceMark.Absent));
        return (course, amina, fatima);
    }

    private static JsonObject RefreshData(JsonObject card) => card["refresh"]!["action"]!["data"]!.AsObject();

    private async Task<JsonObject> RefreshAsync(Person person, JsonObject card) =>
        Card(await Chat.ActAsync(person, CourseVerbs.Refresh, RefreshData(card)));

    private static string Attended(int present, ParticipantCourse course) => $"Du har været der {present} af {course.Held.Count} gange.";

    [Fact]
    public async Task A_participant_writes_kursus_and_sees_her_own_marks_and_her_refresh_follows_attendance_and_her_certificate()
    {
        var (course, amina, fatima) = await TwoWomenAsync();

        var card = await Chat.SayAsync(_amina, "kursus");

        Assert.Contains("Dit kursus", Text(card), StringComparison.Ordinal);
        Assert.Contains(course.CohortName, Text(card), StringComparison.Ordinal);
        Assert.Contains(Attended(1, course), Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Fatima", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Ikke mødt", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("/certificates/", Text(card), StringComparison.Ordinal);
        Assert.Equal([_amina.ObjectId], card["refresh"]!["userIds"]!.AsArray().Select(id => (string?)id));
        Assert.Equal(CourseVerbs.Refresh, (string?)card["refresh"]!["action"]!["verb"]);
        Assert.Equal(CourseParticipantCards.View, (string?)RefreshData(card)["view"]);

        // The coordinator records the next session: her card, refreshed, shows it.
        await course.MarkAsync(course.Held[1], (amina, AttendanceMark.Present), (fatima, AttendanceMark.Present));
        var refreshed = await RefreshAsync(_amina, card);
        Assert.Contains(Attended(2, course), Text(refreshed), StringComparison.Ordinal);
        Assert.DoesNotContain("/certificates/", Text(refreshed), StringComparison.Ordinal);

        // Her certificate is issued: her signed link, never the coordinator's SharePoint address or anyone else's.
        await course.CertifyAsync(amina);
        var certified = await RefreshAsync(_amina, card);
        Assert.Contains(CourseParticipantBotHost.PublicBaseUrl + course.CertificatePath(amina), Text(certified), StringComparison.Ordinal);
        Assert.Contains("Hent dit bevis", Text(certified), StringComparison.Ordinal);
        Assert.DoesNotContain(ParticipantCourse.SharePointUrl(amina), Text(certified), StringComparison.Ordinal);
        Assert.DoesNotContain("Fatima", Text(certified), StringComparison.Ordinal);
        Assert.DoesNotContain(fatima, Text(certified), StringComparison.Ordinal);

        // Fatima's own card: her marks (one of two), no certificate, nothing of Amina.
        var fatimasCard = await Chat.SayAsync(_fatima, "kursus");
        Assert.Contains(Attended(1, course), Text(fatimasCard), StringComparison.Ordinal);
        Assert.Contains("Ikke mødt", Text(fatimasCard), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(fatimasCard), StringComparison.Ordinal);
        Assert.DoesNotContain("/certificates/", Text(fatimasCard), StringComparison.Ordinal);
        Assert.Equal([_fatima.ObjectId], fatimasCard["refresh"]!["userIds"]!.AsArray().Select(id => (string?)id));
    }

    [Fact]
    public async Task A_mother_who_was_a_participant_gets_her_card_and_someone_on_no_list_gets_no_access()
    {
        var samira = NewPerson("samira");
        var noor = NewPerson("noor");
        var stranger = NewPerson("stranger");
        var (course, _, _) = await TwoWomenAsync((samira.ObjectId, ProjectRole.NeighbourhoodMother, "Samira"), (noor.ObjectId, ProjectRole.NeighbourhoodMother, "Noor"));
        await course.AddAsync("Samira Ali", samira.ObjectId);

        var samirasCard = await Chat.SayAsync(samira, "kursus");
        Assert.Contains("Dit kursus", Text(samirasCard), StringComparison.Ordinal);
        Assert.Contains(course.CohortName, Text(samirasCard), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(samirasCard), StringComparison.Ordinal);

        // A mother on no list: "no access", as before; her refresh of someone's card data: the same.
        var noorsCard = await Chat.SayAsync(noor, "kursus");
        Assert.Contains(NoAccess, Text(noorsCard), StringComparison.Ordinal);
        Assert.DoesNotContain(course.CohortName, Text(noorsCard), StringComparison.Ordinal);
        var noorsRefresh = await RefreshAsync(noor, samirasCard);
        Assert.Contains(NoAccess, Text(noorsRefresh), StringComparison.Ordinal);
        Assert.DoesNotContain(course.CohortName, Text(noorsRefresh), StringComparison.Ordinal);

        // Someone in no project and on no list: the newcomer's card, as before, nothing of the course.
        var strangersCard = await Chat.SayAsync(stranger, "kursus");
        Assert.DoesNotContain(course.CohortName, Text(strangersCard), StringComparison.Ordinal);
        Assert.DoesNotContain("Dit kursus", Text(strangersCard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_activity_with_her_object_id_sees_nothing()
    {
        var (course, _, _) = await TwoWomenAsync();
        var card = await Chat.SayAsync(_amina, "kursus");
        Assert.Contains(course.CohortName, Text(card), StringComparison.Ordinal);

        var message = InOtherTenant(Host.ActivityFrom("message", _amina.ConversationId, (_amina.UserId, _amina.ObjectId), "kursus"));
        var before = Host.ConnectorCalls().Count;
        using (var response = await Host.PostSignedAsync(message))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var reply = Host.ConnectorCalls().Skip(before).Single().Body!;
        Assert.DoesNotContain(course.CohortName, Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("Dit kursus", Text(reply), StringComparison.Ordinal);

        var invoke = InOtherTenant(Host.ActivityFrom("invoke", _amina.ConversationId, (_amina.UserId, _amina.ObjectId)));
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = "card-1";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CourseVerbs.Refresh, ["data"] = RefreshData(card).DeepClone() },
            ["trigger"] = "automatic",
        };
        using var refreshed = await Host.PostSignedAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var answer = Text(await refreshed.JsonAsync());
        Assert.DoesNotContain(course.CohortName, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Dit kursus", answer, StringComparison.Ordinal);
    }

    private static JsonObject InOtherTenant(JsonObject activity)
    {
        activity["conversation"]!["tenantId"] = OtherTenant;
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;
        return activity;
    }
}
