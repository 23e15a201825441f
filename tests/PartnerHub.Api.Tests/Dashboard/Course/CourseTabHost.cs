using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Dashboard.Course;

/// <summary>
/// One real host for the Kursus page's tests (Azurite, WireMock Entra, outbox dispatch off so nothing moves under the
/// assertions): the demo's course in Vollsmose seeded through its real rules, read only; tests that change a cohort
/// make their own project with its own coordinator.
/// </summary>
public sealed class CourseTabHost : IAsyncLifetime
{
    internal RestHost Host { get; } = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await new AzuriteFixture().InitializeAsync();
        await Get<ProjectStore>().UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        foreach (var member in DemoData.Members)
        {
            await Get<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        await new CourseDemoSeed(Get<CourseStore>(), Get<CourseSettingsStore>(), Get<OutboxWriter>()).SeedAsync(DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A project of its own with a coordinator and a teacher, and a four-week cohort starting tomorrow with one participant.</summary>
    internal async Task<OwnCourse> OwnCourseAsync()
    {
        var own = new OwnCourse("kt" + Guid.NewGuid().ToString("N")[..10], Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await Get<ProjectStore>().UpsertAsync(new Project(own.ProjectId, "Bydelsmødre " + own.ProjectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await Get<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.CoordinatorId, own.ProjectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        await Get<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.TeacherId, own.ProjectId, ProjectRole.Teacher, null, "Lidia"), CancellationToken.None);
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        var created = await Get<CourseService>().CreateAsync(own.Coordinator, new CohortFormInput
        {
            Name = "Hold " + own.ProjectId,
            StartDate = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Weekday = start.DayOfWeek.ToString(),
            StartTime = "17:00",
            EndTime = "19:00",
            Place = "Kvindecenteret",
            Weeks = "4",
        }, "req-" + own.ProjectId, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, created.Outcome);
        var added = await Get<CourseService>().AddParticipantAsync(own.Coordinator, created.Current!.Cohort.Id, 1, new ParticipantInput("Amina", null), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, added.Outcome);
        return own with { Cohort = added.Current!.Cohort };
    }

    internal sealed record OwnCourse(string ProjectId, string CoordinatorId, string TeacherId)
    {
        public Cohort Cohort { get; init; } = default!;

        public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);
    }
}
