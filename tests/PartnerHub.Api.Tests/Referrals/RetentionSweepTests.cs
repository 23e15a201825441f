using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

public sealed class RetentionSweepTests : IDisposable, IClassFixture<AzuriteFixture>
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly BotHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Ended_referrals_past_retention_are_erased_once_and_nothing_else_is_touched()
    {
        await new ReferralScenario(_host).SeedAsync();
        var store = _host.Services.GetRequiredService<ReferralStore>();
        var oldClosed = await CreateAsync(store, daysAgo: 400, close: true);
        var recentClosed = await CreateAsync(store, daysAgo: 30, close: true);
        var oldOpen = await CreateAsync(store, daysAgo: 400, close: false);
        var sweep = new RetentionSweep(
            store,
            _host.Services.GetRequiredService<ReferralService>(),
            _host.Services.GetRequiredService<ProjectRegistry>(),
            _host.Services.GetRequiredService<OutboxWriter>(),
            _host.Services.GetRequiredService<IOutboxNudge>(),
            _host.Services.GetRequiredService<AuditLog>(),
            _host.Services.GetRequiredService<TableLeases>(),
            new FakeTimeProvider(Now),
            NullLogger<RetentionSweep>.Instance);

        Assert.Equal(1, await sweep.SweepOnceAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.SweepOnceAsync(CancellationToken.None));

        var erased = (await store.FindAsync(ProjectId, oldClosed, CancellationToken.None))!.Referral;
        Assert.Null(erased.Person);
        Assert.Null(erased.Consent);
        Assert.Equal(Now, erased.ErasedAt);
        Assert.Equal(ReferralState.Closed, erased.State);
        Assert.Equal(ReferralOutcome.JoinedActivities, erased.Outcome);
        Assert.NotNull((await store.FindAsync(ProjectId, recentClosed, CancellationToken.None))!.Referral.Person);
        Assert.NotNull((await store.FindAsync(ProjectId, oldOpen, CancellationToken.None))!.Referral.Person);
    }

    internal static async Task<string> CreateAsync(ReferralStore store, int daysAgo, bool close)
    {
        var partner = new Actor(Kindergarten.ObjectId, ProjectId, ProjectRole.PartnerStaff, "solsikken");
        var coordinator = new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null);
        var mother = new Actor(Mother.ObjectId, ProjectId, ProjectRole.NeighbourhoodMother, null);
        var at = Now.AddDays(-daysAgo);
        var referral = Referral.Submit(ReferralIds.New(), partner,
            new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
            NeedCategories.Children, new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, DateOnly.FromDateTime(at.UtcDateTime), "ar", partner.ObjectId), at);
        if (close)
        {
            referral = ReferralWorkflow.Apply(referral, new AssignReferral(Mother.ObjectId), coordinator, at.AddDays(1)).Referral!;
            referral = ReferralWorkflow.Apply(referral, new RecordContact(), mother, at.AddDays(2)).Referral!;
            referral = ReferralWorkflow.Apply(referral, new CloseReferral(ReferralOutcome.JoinedActivities), mother, at.AddDays(3)).Referral!;
        }

        await store.CreateAsync(referral, "seed|" + referral.Id, [], CancellationToken.None);
        return referral.Id;
    }
}
