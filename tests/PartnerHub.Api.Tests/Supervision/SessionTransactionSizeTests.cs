using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// An edit commits in one entity-group transaction (at most 100 operations). The worst case, against Azurite:
/// 60 invitees, 45 of them swapped for others (90 index rows), the session moved (time index: 2) with a reminder due,
/// plus the session row, the idempotency row, the outbox rows (graph update, cards to the new, card updates,
/// reminder) and the acting card's location = 99. One more swap is a form error and writes nothing.
/// </summary>
public sealed class SessionTransactionSizeTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Coordinator = "c0a1b2c3-0000-4000-8000-0000000000c1";
    // The dispatcher off, so the outbox rows the edit wrote can be counted.
    private readonly RestHost _host = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
    private readonly string _projectId = "p" + UniqueIds.Next(10);

    public void Dispose() => _host.Dispose();

    private SessionService Service => _host.Services.GetRequiredService<SessionService>();

    private static readonly PartnerHub.Api.Cards.CardLocation Card = new(Coordinator, "29:coordinator", "https://smba.trafficmanager.net/emea/", "a:chat", "card-1");

    private static Actor Organiser(string projectId) => new(Coordinator, projectId, ProjectRole.Coordinator, null);

    [Fact]
    public async Task The_worst_case_edit_fits_in_one_transaction_and_one_more_swap_is_a_form_error()
    {
        var mothers = await SeedAsync(SessionForm.MaxInvitees + SessionForm.MaxInviteeChangesPerEdit / 2 + 1);
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        var actor = Organiser(_projectId);
        var created = await Service.CreateAsync(actor, Input(date, "10:00", mothers.Take(SessionForm.MaxInvitees)), "req-create", null, CancellationToken.None);
        var session = Assert.IsType<StoredSession>(created.Session).Session;
        Assert.Equal(SessionForm.MaxInvitees, session.Invitees.Count);

        // 46 swapped: 92 index rows; refused with the error beside the invitees, nothing written.
        var tooMany = mothers.Skip(46).Take(SessionForm.MaxInvitees);
        var (refused, errors) = await Service.EditAsync(actor, session.Id, session.Version, Input(date, "11:00", tooMany), Card, CancellationToken.None);
        Assert.Null(refused);
        Assert.Equal(SessionForm.Errors.TooManyChanges, errors[SessionForm.Fields.Invitees]);
        Assert.Equal(session, (await Stored(session.Id)).Session);

        // 45 swapped and moved an hour, from a card: the transaction has 100 operations, and it commits.
        var swapped = mothers.Skip(45).Take(SessionForm.MaxInvitees).ToList();
        Assert.Equal(SessionForm.MaxInviteeChangesPerEdit, SessionForm.InviteeChanges(session, swapped.Select(id => new SessionInvitation(id, ProjectRole.NeighbourhoodMother))));
        var outboxBefore = await CountAsync("outbox|");
        var (change, editErrors) = await Service.EditAsync(actor, session.Id, session.Version, Input(date, "11:00", swapped), Card, CancellationToken.None);

        Assert.Empty(editErrors);
        Assert.Equal(ChangeOutcome.Changed, change!.Outcome);
        var after = (await Stored(session.Id)).Session;
        Assert.Equal(swapped, after.Invitees.Select(i => i.ObjectId));
        Assert.NotEqual(session.Start, after.Start);
        // Every index row moved with it: the new invitees are indexed, the removed ones are not, one time row.
        foreach (var id in swapped)
        {
            Assert.Equal(1, await CountAsync(SessionStore.InviteeIndex(id)));
        }

        foreach (var id in mothers.Take(45))
        {
            Assert.Equal(0, await CountAsync(SessionStore.InviteeIndex(id)));
        }

        Assert.Equal(1, await CountAsync(SessionStore.ByTime));
        Assert.Equal(outboxBefore + 4, await CountAsync("outbox|")); // graph update, new cards, card updates, reminder
    }

    [Fact]
    public async Task The_store_refuses_a_change_beyond_100_operations_before_writing_anything()
    {
        var template = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First(s => s.State == SessionState.Scheduled);
        var before = template with
        {
            Id = "s-bigswap00001",
            ProjectId = _projectId,
            Invitees = [.. Enumerable.Range(0, SessionForm.MaxInvitees).Select(i => new Invitee(Mother(i), ProjectRole.NeighbourhoodMother, Rsvp.None, null, null))],
        };
        var store = _host.Services.GetRequiredService<SessionStore>();
        var stored = await store.CreateAsync(before, "test|" + before.Id, [], CancellationToken.None);
        var after = before with
        {
            Invitees = [.. Enumerable.Range(100, SessionForm.MaxInvitees).Select(i => new Invitee(Mother(i), ProjectRole.NeighbourhoodMother, Rsvp.None, null, null))],
            Version = before.Version + 1,
        };

        // 1 + 1 (idempotency) + 120 index rows: more than one transaction holds.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync(stored, after, "test|swap", [], CancellationToken.None));

        Assert.Equal(before, (await Stored(before.Id)).Session);
        Assert.Equal(SessionForm.MaxInvitees, await CountAsync(SessionStore.Of));
    }

    private async Task<List<string>> SeedAsync(int count)
    {
        await _host.Projects.UpsertAsync(new Project(_projectId, "Projekt", "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Coordinator, _projectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        var ids = Enumerable.Range(0, count).Select(Mother).ToList();
        await Task.WhenAll(ids.Select((id, i) => directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(id, _projectId, ProjectRole.NeighbourhoodMother, null, "Mor" + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None)));
        return ids;
    }

    private static string Mother(int i) => string.Create(CultureInfo.InvariantCulture, $"c0a1b2c3-0000-4000-8000-{i:D12}");

    private static SessionFormInput Input(DateOnly date, string start, IEnumerable<string> invitees) => new()
    {
        Kind = nameof(SessionKind.Supervision),
        Title = "Supervision",
        Agenda = string.Empty,
        Place = "Beboerhuset",
        Online = "false",
        Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StartTime = start,
        EndTime = "13:00",
        Invitees = string.Join(',', invitees),
    };

    private async Task<StoredSession> Stored(string sessionId) =>
        (await _host.Services.GetRequiredService<SessionStore>().FindAsync(_projectId, sessionId, CancellationToken.None))!;

    private async Task<int> CountAsync(string prefix)
    {
        var count = 0;
        await foreach (var _ in _host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(_projectId, prefix), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
