using Azure.Data.Tables;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>The onward store against Azurite: the referral's index row that the triage card and the REST list read.</summary>
public sealed class OnwardStoreTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Create_writes_the_onward_row_both_indexes_the_idempotency_row_and_the_outbox_row_in_one_transaction()
    {
        var (tables, store, outbox) = await NewAsync();
        var onward = NewOnward(ReferralIds.New(), "familieafdelingen", Now);
        var message = outbox.Create(ProjectId, OnwardNotifications.SendCards(onward.Id));

        await store.CreateAsync(onward, "request-1", [message.Action], CancellationToken.None);

        var keys = await RowKeysAsync(tables);
        Assert.Equal(
            new[] { "onward|" + onward.Id, $"onward-of|{onward.ReferralId}|{onward.Id}", "onward-to|familieafdelingen|" + onward.Id, message.RowKey, "report-month|onward|2026-11", $"referral|{onward.ReferralId}|holders", $"referral|{onward.ReferralId}|onward" }.Order(StringComparer.Ordinal),
            keys.Where(k => !k.StartsWith("dedupe|", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Single(keys, k => k.StartsWith("dedupe|", StringComparison.Ordinal));
        // The referral's index carries the whole onward referral, read back with one prefix range.
        Assert.Equal(onward, Assert.Single(await store.OfReferralAsync(ProjectId, onward.ReferralId, CancellationToken.None)));
    }

    [Fact]
    public async Task An_answer_rewrites_the_referrals_index_row_in_the_same_transaction()
    {
        var (_, store, _) = await NewAsync();
        var created = await store.CreateAsync(NewOnward(ReferralIds.New(), "familieafdelingen", Now), "request-1", [], CancellationToken.None);
        var staff = new Core.Partners.Actor("aad-social-worker", ProjectId, Core.Partners.ProjectRole.PartnerStaff, "familieafdelingen");
        var answered = created.Onward.Answer(accept: false, staff, Now.AddHours(3)).Onward!;

        await store.UpdateAsync(created, answered, "answer-1", [], CancellationToken.None);

        var listed = Assert.Single(await store.OfReferralAsync(ProjectId, answered.ReferralId, CancellationToken.None));
        Assert.Equal(OnwardState.Declined, listed.State);
        Assert.Equal(Now.AddHours(3), listed.AnsweredAt);
        Assert.Equal(answered, listed);
    }

    [Fact]
    public async Task The_list_holds_one_referrals_onward_referrals_oldest_first()
    {
        var (_, store, _) = await NewAsync();
        var referralId = ReferralIds.New();
        var later = NewOnward(referralId, "jobcentret", Now.AddDays(1));
        var earlier = NewOnward(referralId, "familieafdelingen", Now);
        var otherReferral = NewOnward(ReferralIds.New(), "familieafdelingen", Now);
        foreach (var (onward, key) in new[] { (later, "a"), (earlier, "b"), (otherReferral, "c") })
        {
            await store.CreateAsync(onward, key, [], CancellationToken.None);
        }

        var listed = await store.OfReferralAsync(ProjectId, referralId, CancellationToken.None);

        Assert.Equal([earlier.Id, later.Id], listed.Select(o => o.Id));
        Assert.Empty(await store.OfReferralAsync(ProjectId, "not a referral id", CancellationToken.None));
        Assert.Empty(await store.OfReferralAsync("Not A Project", referralId, CancellationToken.None));
    }

    [Fact]
    public async Task An_index_row_written_before_it_carried_the_fields_is_completed_from_the_onward_row()
    {
        var (tables, store, _) = await NewAsync();
        var onward = NewOnward(ReferralIds.New(), "familieafdelingen", Now);
        await store.CreateAsync(onward, "request-1", [], CancellationToken.None);
        var table = tables.Table(TableNames.Main);
        // The index row as it was first written: the state only.
        await table.UpsertEntityAsync(new TableEntity(ProjectId, $"onward-of|{onward.ReferralId}|{onward.Id}") { ["State"] = "Sent" }, TableUpdateMode.Replace);
        // And one whose onward row is gone: skipped, not half-shown.
        await table.UpsertEntityAsync(new TableEntity(ProjectId, $"onward-of|{onward.ReferralId}|{ReferralIds.New()}") { ["State"] = "Sent" }, TableUpdateMode.Replace);

        var listed = Assert.Single(await store.OfReferralAsync(ProjectId, onward.ReferralId, CancellationToken.None));

        Assert.Equal(onward, listed);
    }

    private static OnwardReferral NewOnward(string referralId, string organisationId, DateTimeOffset sentAt) => new()
    {
        Id = ReferralIds.New(),
        ProjectId = ProjectId,
        ReferralId = referralId,
        ToOrganisationId = organisationId,
        State = OnwardState.Sent,
        SentAt = sentAt,
        SentByObjectId = "aad-coordinator",
        Needs = NeedCategories.Work | NeedCategories.Health,
    };

    private static async Task<(TableStore Tables, OnwardStore Store, OutboxWriter Outbox)> NewAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        return (tables, new OnwardStore(tables, new DirectoryStore(tables, new TableCallerDirectory(tables))), new OutboxWriter(new UlidGenerator(TimeProvider.System), TimeProvider.System));
    }

    private static async Task<List<string>> RowKeysAsync(TableStore tables)
    {
        var keys = new List<string>();
        await foreach (var row in tables.Table(TableNames.Main).QueryAsync<TableEntity>(r => r.PartitionKey == ProjectId, select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
