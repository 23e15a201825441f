using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

[CollectionDefinition(Name)]
public sealed class CourseGraphGroup : ICollectionFixture<CourseGraphHost>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Course with Graph";
}

/// <summary>
/// One host for the course's Outlook and certificate tests (the Api project is near its time budget): the real API
/// (Production mode) with WireMock as Microsoft Graph (the real SDK pipeline) and as the Bot Connector, tables in
/// Azurite, the outbox driven by hand. The project and its people come from <see cref="ReferralScenario"/>: Karen is the
/// coordinator, with a personal chat with the bot. Each test uses its own cohort, so they share the host safely.
/// </summary>
public sealed class CourseGraphHost : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://partnerhub.example";
    public const string Teacher = "7e0a1b2c-0000-4000-8000-0000000000e1";
    public const string TeacherMail = "laerer@skolen.example";
    public const string EventId = "AAMkAD-course-event-1";
    public const string ICalUId = "040000008200E00074C5B7101A82E008-course-1";
    public const string WebUrl = "https://vollsmose.sharepoint.example/Referater/bevis.pdf";

    public CourseGraphHost()
    {
        Host = new BotHost
        {
            Customize = builder =>
            {
                Graph.Configure(builder);
                builder.UseSetting("Graph:DriveId", GraphStub.DriveId);
                builder.UseSetting("Graph:PublicBaseUrl", PublicBaseUrl);
            },
        };
        Scenario = new ReferralScenario(Host);
    }

    internal GraphStub Graph { get; } = new();

    internal BotHost Host { get; }

    internal ReferralScenario Scenario { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await Scenario.SeedAsync();
        Graph.GivenUser(Teacher, TeacherMail, TeacherMail);
        // Tests answer particular bookings otherwise at a lower priority number, which WireMock tries first.
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost()).AtPriority(100)
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = ICalUId }));
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}").UsingPatch())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["id"] = EventId }));
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}/cancel").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(202));
        Graph.Server.Given(Request.Create().WithPath(new WildcardMatcher($"/v1.0/drives/{GraphStub.DriveId}/root:/*")).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-certificate", ["webUrl"] = WebUrl, ["size"] = 1000 }));
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/drives/{GraphStub.DriveId}/items/item-certificate").UsingDelete())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        Graph.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A cohort on Tuesdays 17-19 with these sessions (theme ids from the default catalogue) and participants.</summary>
    public async Task<Cohort> CohortAsync(string cohortId, IReadOnlyList<CourseSession> sessions, params CourseParticipant[] participants)
    {
        var plan = new CoursePlan("Hold forår", sessions[0].Date.DayOfWeek, new TimeOnly(17, 0), new TimeOnly(19, 0), "Kvindecenteret, Vollsmose Allé 1", sessions, []);
        var cohort = new Cohort(cohortId, ProjectId, plan, participants, 1);
        var written = await Get<CourseStore>().CreateCohortAsync(cohort, Change(cohortId, 0, "CreateCohort"), [], CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        return cohort;
    }

    /// <summary>A booking of the teacher for the session, requested by Karen and then confirmed, with the outbox rows given.</summary>
    public async Task<StoredBooking> ConfirmedAsync(Cohort cohort, string bookingId, string sessionId, params string[] kinds)
    {
        var (start, end) = cohort.Plan.TimesOf(cohort.Plan.Find(sessionId)!)!.Value;
        var booking = new TeacherBooking(bookingId, ProjectId, cohort.Id, sessionId, Teacher, start, end, BookingState.Requested, DateTimeOffset.UtcNow, 1)
        {
            GroupSize = cohort.Participants.Count,
            RequestedBy = Coordinator.ObjectId,
        };
        var store = Get<CourseStore>();
        Assert.Equal(ChangeOutcome.Changed, (await store.RequestBookingAsync(booking, Change(bookingId, 0, "Request"), [], CancellationToken.None)).Outcome);
        var requested = (await store.FindBookingAsync(ProjectId, cohort.Id, bookingId, CancellationToken.None))!;
        return await ChangeAsync(requested, requested.Booking with { State = BookingState.Confirmed, Version = 2 }, kinds);
    }

    /// <summary>Writes the booking as it becomes, with outbox rows of these kinds for it in the same transaction.</summary>
    public async Task<StoredBooking> ChangeAsync(StoredBooking before, TeacherBooking after, params string[] kinds)
    {
        var outbox = Get<OutboxWriter>();
        var entries = kinds.Select(kind => outbox.Create(ProjectId, CourseNotifications.ForBooking(kind, after.CohortId, after.Id))).ToList();
        var written = await Get<CourseStore>().ChangeBookingAsync(before, after, Change(after.Id, before.Booking.Version, after.State.ToString()), entries, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        return (await Get<CourseStore>().FindBookingAsync(ProjectId, after.CohortId, after.Id, CancellationToken.None))!;
    }

    /// <summary>One delivery of a course row straight to its handler, as the dispatcher makes it (a retry is a second call).</summary>
    public Task HandleAsync(OutboxMessage message)
    {
        var handler = Host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == message.Kind);
        return handler.HandleAsync(new OutboxDelivery(ProjectId, "outbox|" + Guid.NewGuid().ToString("N"), message.Kind, message.Payload, 1, DateTimeOffset.UtcNow), CancellationToken.None);
    }

    /// <summary>Tuesdays from <paramref name="weeksFromNow"/> on (negative: held already), themes in catalogue order.</summary>
    public static IReadOnlyList<CourseSession> Tuesdays(int weeksFromNow, int count)
    {
        var today = CopenhagenTime.DateOf(DateTimeOffset.UtcNow);
        var tuesday = today.AddDays(((int)DayOfWeek.Tuesday - (int)today.DayOfWeek + 7) % 7).AddDays(7 * weeksFromNow);
        var themes = ThemeCatalogue.Default.Themes;
        return [.. Enumerable.Range(0, count).Select(i => new CourseSession($"s{i + 1:00}", tuesday.AddDays(7 * i), themes[i].Id, false, CourseSessionState.Planned))];
    }

    private static CourseChange Change(string record, int version, string action) =>
        new(Coordinator.ObjectId, action, ChangeFingerprint.Of(Coordinator.ObjectId, record, version.ToString(System.Globalization.CultureInfo.InvariantCulture), action, new { record, version, action }));
}
