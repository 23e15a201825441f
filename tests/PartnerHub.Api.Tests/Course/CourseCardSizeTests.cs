using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Course;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The largest plan a coordinator can make still fits in one Teams message. Teams counts a bot message as UTF-16
/// (two bytes a character) and refuses it above 100 KB with 413 MessageSizeTooBig; Microsoft's guidance is to stay
/// within 80 KB. The plan card is the course's largest: one row per session, each with its own inputs and choices.
/// </summary>
public sealed class CourseCardSizeTests
{
    private const int RecommendedMaxBytes = 80 * 1024;
    private const string Project = "vollsmose";
    private const string CoordinatorId = "c0a1b2c3-0000-4000-8000-0000000000c1";

    private static readonly CardCatalog Cards = CardCatalog.Load(Path.Combine(RepoPaths.Root, "cards"));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2029, 1, 1, 11, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public void The_largest_plan_every_row_bookable_and_movable_stays_within_Teams_recommended_message_size(string language)
    {
        var views = new CourseViews(Cards, _time);
        var card = views.Plan(new CourseActor(CoordinatorId, Project, CourseRole.Coordinator), LargestCohort(), language, "Gemt.", ["29:a", "29:b", "29:c"]);

        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card }),
        };
        var utf16Bytes = JsonSerializer.Serialize(message).Length * 2;

        // Every session is on the card with its actions: the size is measured on the whole plan, not a shortened one.
        Assert.Equal(CohortForm.MaxWeeks + ExcursionCount, SessionIdsIn(card!).Count);
        Assert.True(utf16Bytes <= RecommendedMaxBytes, $"The plan card is {utf16Bytes:N0} bytes as Teams counts them; keep it within {RecommendedMaxBytes:N0}.");
    }

    private const int ExcursionCount = 4;
    private const int TeacherCount = 15;

    private static HashSet<string> SessionIdsIn(JsonNode node) => node switch
    {
        JsonObject o => [.. o.SelectMany(p => p.Key == "sessionId" && p.Value is JsonValue v ? [v.ToString()] : p.Value is null ? [] : SessionIdsIn(p.Value))],
        JsonArray a => [.. a.OfType<JsonNode>().SelectMany(SessionIdsIn)],
        _ => [],
    };

    /// <summary>The most weeks the form allows, four excursions, fifteen teachers and the longest name and place.</summary>
    private static CourseCardData LargestCohort()
    {
        var start = new DateOnly(2029, 1, 2);
        var sessions = Enumerable.Range(0, CohortForm.MaxWeeks + ExcursionCount)
            .Select(i => new CourseSession($"s{i + 1:00}", start.AddDays(7 * i), i < ExcursionCount ? "social-centre" : "concept", i < ExcursionCount, CourseSessionState.Planned))
            .ToList();
        var plan = new CoursePlan(new string('H', CohortForm.MaxNameLength), DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(19, 30), new string('P', CohortForm.MaxPlaceLength), sessions, []);
        var participants = Enumerable.Range(1, 25).Select(i => new CourseParticipant($"p{i}", $"Deltager {i}")).ToList();
        var cohort = new Cohort("hold-1", Project, plan, participants, 4);
        var members = Enumerable.Range(1, TeacherCount)
            .Select(i => new ProjectMember($"7e0a1b2c-0000-4000-8000-{i:000000000000}", Project, ProjectRole.Teacher, null, $"Underviser{i:00}"))
            .Append(new ProjectMember(CoordinatorId, Project, ProjectRole.Coordinator, null, "Karen"))
            .ToDictionary(m => m.ObjectId, StringComparer.Ordinal);
        return new CourseCardData(
            new Project(Project, "Bydelsmødre Vollsmose", "Odense", "Vollsmose Torv"),
            new StoredCohort(cohort, new ETag("1")),
            [],
            AttendanceRegister.Empty,
            CourseSettings.Default,
            members);
    }
}
