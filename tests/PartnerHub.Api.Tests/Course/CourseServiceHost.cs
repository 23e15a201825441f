using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Course;

/// <summary>A clock the tests set: the course's rules depend on today (past sessions, attendance, completion).</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = CourseWorld.Monday;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// One real API host (Azurite tables, outbox dispatch off so the rows can be read) for every course service test
/// class: the Api test project is near its time budget, so the classes share it and each test works in its own project.
/// </summary>
public sealed class CourseServiceHost : IDisposable
{
    public CourseServiceHost()
    {
        Host = new RestHost(services: s => s.AddSingleton<TimeProvider>(Clock), settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        _ = Host.Services;
    }

    public TestClock Clock { get; } = new();

    internal RestHost Host { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public void Dispose() => Host.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CourseServicesGroup : ICollectionFixture<AzuriteFixture>, ICollectionFixture<CourseServiceHost>
{
    public const string Name = "course services";
}

/// <summary>One test's project: a coordinator, two teachers, a mother, and helpers to read what a change left behind.</summary>
public sealed class CourseWorld(CourseServiceHost host)
{
    /// <summary>Monday 6 January 2031, 10:00 in Copenhagen: the course below starts four weeks later.</summary>
    public static readonly DateTimeOffset Monday = new(2031, 1, 6, 9, 0, 0, TimeSpan.Zero);

    public const string TenantId = RestHost.TenantId;

    public string ProjectId { get; } = "cw" + UniqueIds.Next(10);

    public string CoordinatorId { get; } = Guid.NewGuid().ToString();

    public string TeacherId { get; } = Guid.NewGuid().ToString();

    public string OtherTeacherId { get; } = Guid.NewGuid().ToString();

    public string MotherId { get; } = Guid.NewGuid().ToString();

    public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

    public Actor Teacher => new(TeacherId, ProjectId, ProjectRole.Teacher, null);

    public Actor OtherTeacher => new(OtherTeacherId, ProjectId, ProjectRole.Teacher, null);

    public Actor Mother => new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null);

    public CourseService Courses => host.Get<CourseService>();

    public CoursePlanService Plans => host.Get<CoursePlanService>();

    public CourseBookingService Bookings => host.Get<CourseBookingService>();

    public CourseCompletionService Completion => host.Get<CourseCompletionService>();

    public CourseStore Store => host.Get<CourseStore>();

    public static CohortFormInput Form(string name = "Hold 1", string startDate = "2031-02-04", string weeks = "4") => new()
    {
        Name = name,
        StartDate = startDate,
        Weekday = "Tuesday",
        StartTime = "17:00",
        EndTime = "19:00",
        Place = "Kvindecenteret",
        Weeks = weeks,
    };

    /// <summary>Sets the clock to the Monday and stores the project with its people.</summary>
    public async Task<CourseWorld> SeedAsync()
    {
        host.Clock.Now = Monday;
        await host.Get<ProjectStore>().UpsertAsync(new Project(ProjectId, "Bydelsmødre " + ProjectId, "Odense", "Beboerhuset") { TenantId = TenantId }, CancellationToken.None);
        var directory = host.Get<DirectoryStore>();
        await directory.UpsertMemberAsync(TenantId, new ProjectMember(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        await directory.UpsertMemberAsync(TenantId, new ProjectMember(TeacherId, ProjectId, ProjectRole.Teacher, null, "Megan"), CancellationToken.None);
        await directory.UpsertMemberAsync(TenantId, new ProjectMember(OtherTeacherId, ProjectId, ProjectRole.Teacher, null, "Lynne"), CancellationToken.None);
        await directory.UpsertMemberAsync(TenantId, new ProjectMember(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Adele"), CancellationToken.None);
        return this;
    }

    public void SetToday(DateOnly date) => host.Clock.Now = new DateTimeOffset(date.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero);

    /// <summary>A cohort of four Tuesdays (4, 11, 18 and 25 February 2031) with two participants.</summary>
    public async Task<StoredCohort> CohortAsync(string? amina = null)
    {
        var created = await Courses.CreateAsync(Coordinator, Form(), "req-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, created.Outcome);
        var id = created.Current!.Cohort.Id;
        var one = await Courses.AddParticipantAsync(Coordinator, id, 1, new ParticipantInput("Amina Hassan", amina), null, CancellationToken.None);
        var two = await Courses.AddParticipantAsync(Coordinator, id, 2, new ParticipantInput("Fatima", null), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, two.Outcome);
        Assert.Equal(ChangeOutcome.Changed, one.Outcome);
        return two.Current!;
    }

    public async Task<StoredBooking> RequestAsync(string cohortId, string sessionId, string teacherId, Actor? by = null)
    {
        var requested = await Bookings.RequestAsync(by ?? Coordinator, cohortId, new BookingRequestInput(sessionId, teacherId, null), "req-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, requested.Outcome);
        return requested.Current!;
    }

    /// <summary>The outbox rows the project's changes wrote: kind, payload and when each is due.</summary>
    public Task<List<(string Kind, string Payload, DateTimeOffset? DueAt)>> OutboxAsync() => OutboxOfAsync(ProjectId);

    public async Task<List<(string Kind, string Payload, DateTimeOffset? DueAt)>> OutboxOfAsync(string projectId)
    {
        var rows = new List<(string, string, DateTimeOffset?)>();
        await foreach (var row in host.Get<TableStore>().Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OutboxKeys.Prefix)))
        {
            rows.Add((row.GetString(OutboxKeys.Kind), row.GetString(OutboxKeys.Payload), row.GetDateTimeOffset(OutboxKeys.NextAttemptAt)));
        }

        return rows;
    }

    public async Task<int> CountAsync(string kind) => (await OutboxAsync()).Count(r => r.Kind == kind);

    /// <summary>The audit's refusals in this project: (actor, action, record id).</summary>
    public async Task<List<(string Actor, string Action, string RecordId)>> RefusalsAsync()
    {
        var rows = await TableRows.AllAsync(host.Get<TableStore>().Table(TableNames.Audit));
        return [.. rows.Where(r => r.PartitionKey.StartsWith(ProjectId + "|", StringComparison.Ordinal) && r.GetBoolean("Allowed") == false)
            .Select(r => (r.GetString("Actor"), r.GetString("Action"), r.GetString("RecordId")))];
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
