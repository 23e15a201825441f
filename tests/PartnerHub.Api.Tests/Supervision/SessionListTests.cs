using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>The coordinator's list of sessions (the "møder" card and the tab), against Azurite.</summary>
public sealed class SessionListTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Coordinator = "c0a1b2c3-0000-4000-8000-0000000000d1";
    private const string Mother = "c0a1b2c3-0000-4000-8000-0000000000d2";
    private readonly RestHost _host = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
    private readonly string _projectId = "l" + UniqueIds.Next(10);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_list_holds_what_is_coming_and_the_last_year_not_the_projects_whole_history()
    {
        await _host.Projects.UpsertAsync(new Project(_projectId, "Projekt", "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Coordinator, _projectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Mother, _projectId, ProjectRole.NeighbourhoodMother, null, "Hodan"), CancellationToken.None);
        var actor = new Actor(Coordinator, _projectId, ProjectRole.Coordinator, null);
        var service = _host.Services.GetRequiredService<SessionService>();
        var store = _host.Services.GetRequiredService<SessionStore>();

        // Held 2 years ago, 3 months ago, and one coming next week (made ahead, then moved back as time would).
        var now = DateTimeOffset.UtcNow;
        var twoYearsAgo = await HeldAsync(service, store, actor, "For to år siden", now.AddDays(-730));
        var recent = await HeldAsync(service, store, actor, "I efteråret", now.AddDays(-90));
        var coming = (await service.CreateAsync(actor, Input("Næste uge", now.AddDays(7)), "req-coming", null, CancellationToken.None)).Session!;

        var listed = await service.ListAsync(actor, CancellationToken.None);

        Assert.Equal([recent.Session.Id, coming.Session.Id], listed.Select(s => s.Session.Id));
        Assert.DoesNotContain(listed, s => s.Session.Id == twoYearsAgo.Session.Id);
        // The old session is still there to open by id (its minutes, an .ics download).
        Assert.NotNull(await service.ReadAsync(actor, twoYearsAgo.Session.Id, CancellationToken.None));
    }

    private static async Task<StoredSession> HeldAsync(SessionService service, SessionStore store, Actor actor, string title, DateTimeOffset start)
    {
        var created = (await service.CreateAsync(actor, Input(title, DateTimeOffset.UtcNow.AddDays(3)), "req-" + title, null, CancellationToken.None)).Session!;
        return await store.UpdateAsync(created, created.Session with { Start = start, End = start.AddHours(2) }, null, [], CancellationToken.None);
    }

    private static SessionFormInput Input(string title, DateTimeOffset day) => new()
    {
        Kind = nameof(SessionKind.Supervision),
        Title = title,
        Place = "Beboerhuset",
        Online = "false",
        Date = CopenhagenTime.DateOf(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StartTime = "10:00",
        EndTime = "12:00",
        Invitees = Mother,
    };
}
