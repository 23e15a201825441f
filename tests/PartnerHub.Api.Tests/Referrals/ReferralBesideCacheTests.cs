using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Cards.Holders;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// What is beside a referral, remembered with its ETag (<see cref="ReferralBesideCache"/>): a warm read is one point read
/// and answers what the prefix query would; a cold read is two point reads (the referral, its holders row) and answers
/// the same; a change anywhere moves the ETag and the next read is cold and current; a card sent or an onward referral
/// made here is seen at once, one made by another instance within ReadCache:Seconds.
/// Two instances are two stores with caches of their own on the same tables.
/// </summary>
public sealed class ReferralBesideCacheTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Actor Partner = new("aad-kindergarten", ProjectId, ProjectRole.PartnerStaff, "solsikken");
    private static readonly Actor CoordinatorActor = new("aad-coordinator", ProjectId, ProjectRole.Coordinator, null);
    private static readonly CardLocation ReferrerCard = new("aad-kindergarten", "29:kindergarten", "https://smba.example/", "a:kindergarten", "card-1");
    private static readonly CardLocation CoordinatorCard = new("aad-coordinator", "29:coordinator", "https://smba.example/", "a:coordinator", "card-2");
    private static readonly CardLocation MotherCard = new("aad-mother", "29:mother", "https://smba.example/", "a:mother", "card-3");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly MainTableReads _reads = new();
    private TableStore _tables = null!;

    public void Dispose() => _reads.Dispose();

    [Fact]
    public async Task A_warm_read_is_one_point_read_and_answers_what_the_query_reads()
    {
        var here = await NewTablesAndInstanceAsync();
        var id = await SubmitAsync(here);
        await here.Cards.SaveAsync(ProjectId, CardKind.Referral, id, CoordinatorCard, CancellationToken.None);

        // Created here, the coordinator's card sent here: remembered with both, no query needed.
        var warm = await ReadAsync(here, id);
        var queried = await UncachedAsync(id);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal(queried.ETag, warm.ETag);
        AssertSameBeside(queried, warm);
        Assert.Equal([CoordinatorCard.UserId, ReferrerCard.UserId], warm.Beside!.Audience.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cold_read_is_two_point_reads_and_the_next_read_is_one()
    {
        var elsewhere = await NewTablesAndInstanceAsync();
        var here = NewInstance();
        var id = await SubmitAsync(elsewhere);

        var cold = await ReadAsync(here, id);
        Assert.Equal(["point-read", "point-read"], Reads);
        var warm = await ReadAsync(here, id);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal(cold.ETag, warm.ETag);
        AssertSameBeside(cold, warm);
    }

    [Fact]
    public async Task A_change_by_another_instance_moves_the_ETag_and_the_next_read_here_is_cold_and_current()
    {
        var here = await NewTablesAndInstanceAsync();
        var elsewhere = NewInstance();
        var id = await SubmitAsync(here);
        var before = await ReadAsync(here, id);

        // The coordinator accepts on the other instance, on her card: the change and her holder row in one transaction.
        var read = (await elsewhere.Referrals.FindWithBesideAsync(ProjectId, id, CancellationToken.None))!;
        var accepted = ReferralWorkflow.Apply(read.Referral, new AcceptReferral(), CoordinatorActor, _time.GetUtcNow()).Referral!;
        await elsewhere.Referrals.UpdateAsync(read, accepted, "change-accept", elsewhere.Cards.Upserts(ProjectId, CardKind.Referral, id, CoordinatorCard), CancellationToken.None);

        var after = await ReadAsync(here, id);

        Assert.Equal(["point-read", "point-read", "point-read"], Reads);
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal(ReferralState.Accepted, after.Referral.State);
        AssertSameBeside(await UncachedAsync(id), after);
        Assert.Contains((CoordinatorCard.ObjectId, CoordinatorCard.UserId), after.Beside!.Holders);
    }

    [Fact]
    public async Task A_change_made_here_is_remembered_with_its_new_ETag_and_her_card_so_the_next_read_is_one_point_read()
    {
        var here = await NewTablesAndInstanceAsync();
        var id = await SubmitAsync(here);
        var read = await ReadAsync(here, id);

        var accepted = ReferralWorkflow.Apply(read.Referral, new AcceptReferral(), CoordinatorActor, _time.GetUtcNow()).Referral!;
        var written = await here.Referrals.UpdateAsync(read, accepted, "change-accept", here.Cards.Upserts(ProjectId, CardKind.Referral, id, CoordinatorCard), CancellationToken.None);
        var after = await ReadAsync(here, id);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal(written.ETag, after.ETag);
        Assert.Equal(ReferralState.Accepted, after.Referral.State);
        AssertSameBeside(await UncachedAsync(id), after);
        Assert.Contains((CoordinatorCard.ObjectId, CoordinatorCard.UserId), after.Beside!.Holders);
    }

    [Fact]
    public async Task A_referral_written_directly_in_the_table_is_seen_on_the_next_read()
    {
        var here = await NewTablesAndInstanceAsync();
        var id = await SubmitAsync(here);
        await ReadAsync(here, id);

        // By hand: the referral row touched (its ETag moves) and a holder added with it, as a transaction does.
        await _tables.Table(TableNames.Main).SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, new TableEntity(ProjectId, ReferralEntity.RowKey(id)), ETag.All),
            new(TableTransactionActionType.UpsertReplace, ReferralBeside.HolderRow(ProjectId, id, MotherCard)),
            new(TableTransactionActionType.UpsertMerge, ReferralBeside.HolderMerge(ProjectId, id, MotherCard)),
        ]);
        var after = await ReadAsync(here, id);

        Assert.Equal(["point-read", "point-read", "point-read"], Reads);
        Assert.Contains((MotherCard.ObjectId, MotherCard.UserId), after.Beside!.Holders);
        AssertSameBeside(await UncachedAsync(id), after);
    }

    [Fact]
    public async Task A_card_sent_and_an_onward_referral_made_here_are_seen_here_at_once_without_a_query()
    {
        var here = await NewTablesAndInstanceAsync();
        var id = await SubmitAsync(here);
        Assert.False((await ReadAsync(here, id)).Beside!.HasOnward);

        await here.Cards.SaveAsync(ProjectId, CardKind.Referral, id, MotherCard, CancellationToken.None);
        await here.Onwards.CreateAsync(NewOnward(id), "onward-1", [], CancellationToken.None);
        var after = await ReadAsync(here, id);

        Assert.Equal(["point-read"], Reads);
        Assert.True(after.Beside!.HasOnward);
        Assert.Contains((MotherCard.ObjectId, MotherCard.UserId), after.Beside.Holders);
        AssertSameBeside(await UncachedAsync(id), after);
    }

    [Fact]
    public async Task A_card_sent_or_an_onward_referral_made_by_another_instance_is_seen_here_within_the_bound()
    {
        var here = await NewTablesAndInstanceAsync();
        var elsewhere = NewInstance();
        var id = await SubmitAsync(here);
        await ReadAsync(here, id);

        // Neither moves the referral's version (a card just sent, a REST client's If-Match stay good).
        await elsewhere.Cards.SaveAsync(ProjectId, CardKind.Referral, id, MotherCard, CancellationToken.None);
        await elsewhere.Onwards.CreateAsync(NewOnward(id), "onward-1", [], CancellationToken.None);
        _time.Advance(Bound - TimeSpan.FromSeconds(1));
        // Within the bound this instance may still answer what it remembered: the documented staleness.
        Assert.False((await ReadAsync(here, id)).Beside!.HasOnward);

        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await ReadAsync(here, id);

        Assert.Equal(["point-read", "point-read"], Reads);
        Assert.True(after.Beside!.HasOnward);
        Assert.Contains((MotherCard.ObjectId, MotherCard.UserId), after.Beside.Holders);
    }

    [Fact]
    public async Task An_older_referral_without_its_kept_row_is_remembered_as_such_and_read_the_old_way()
    {
        var here = await NewTablesAndInstanceAsync();
        var id = await SubmitAsync(here);
        await _tables.Table(TableNames.Main).DeleteEntityAsync(ProjectId, ReferralEntity.RowKey(id) + "|kept");
        await _tables.Table(TableNames.Main).DeleteEntityAsync(ProjectId, ReferralBeside.HoldersRowKey(id));
        _time.Advance(Bound);

        Assert.Null((await ReadAsync(here, id)).Beside);
        Assert.Equal(["point-read", "point-read", "query"], Reads);
        Assert.Null((await ReadAsync(here, id)).Beside);
        Assert.Equal(["point-read"], Reads);
    }

    [Fact]
    public async Task A_cold_read_answers_what_the_prefix_query_reads_with_cards_sent_on_two_instances_and_an_onward_referral()
    {
        var one = await NewTablesAndInstanceAsync();
        var two = NewInstance();
        var id = await SubmitAsync(one);
        await Task.WhenAll(
            one.Cards.SaveAsync(ProjectId, CardKind.Referral, id, CoordinatorCard, CancellationToken.None),
            two.Cards.SaveAsync(ProjectId, CardKind.Referral, id, MotherCard, CancellationToken.None));
        await two.Onwards.CreateAsync(NewOnward(id), "onward-1", [], CancellationToken.None);

        var cold = await ReadAsync(NewInstance(), id);

        Assert.Equal(["point-read", "point-read"], Reads);
        AssertSameBeside(await UncachedAsync(id), cold);
        Assert.True(cold.Beside!.HasOnward);
        Assert.Equal(3, cold.Beside.Holders.Count);
    }

    [Fact]
    public async Task Cards_sent_at_once_on_two_instances_are_all_in_the_next_card_update_read_by_one_point_read()
    {
        var one = await NewTablesAndInstanceAsync();
        var two = NewInstance();
        var id = await SubmitAsync(one);
        // Every card written to the holders row at the same moment from two instances: merged, none lost (no ETag to race on).
        await MainTableReads.SendAtOnceOnTwoInstancesAsync(one.Cards, two.Cards, ProjectId, CardKind.Referral, id);

        _reads.Clear();
        var shown = await NewInstance().Cards.ForAsync(ProjectId, CardKind.Referral, id, CancellationToken.None);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal(await LocationRowsAsync(id), shown);
        Assert.Equal(13, shown.Count);
    }

    [Fact]
    public async Task An_older_referrals_holders_row_made_by_a_later_card_is_not_trusted_and_its_cards_are_queried()
    {
        var here = await NewTablesAndInstanceAsync();
        var id = await SubmitAsync(here);
        // Created before the holders row was kept: the next card sent makes one by merging, which lacks "Complete".
        await _tables.Table(TableNames.Main).DeleteEntityAsync(ProjectId, ReferralBeside.HoldersRowKey(id));
        await here.Cards.SaveAsync(ProjectId, CardKind.Referral, id, MotherCard, CancellationToken.None);

        _reads.Clear();
        var shown = await NewInstance().Cards.ForAsync(ProjectId, CardKind.Referral, id, CancellationToken.None);
        var read = await ReadAsync(NewInstance(), id);

        Assert.Equal(["point-read", "point-read", "query"], Reads);
        Assert.Equal(await LocationRowsAsync(id), shown);
        Assert.Equal(2, shown.Count);
        AssertSameBeside(await UncachedAsync(id), read);
    }

    /// <summary>The card locations as their own rows hold them (one prefix query, not counted).</summary>
    private Task<List<CardLocation>> LocationRowsAsync(string id) => _reads.LocationRowsAsync(ProjectId, CardKind.Referral, id);

    private string[] Reads => _reads.Reads;

    private static void AssertSameBeside(StoredReferral expected, StoredReferral actual)
    {
        Assert.NotNull(expected.Beside);
        Assert.NotNull(actual.Beside);
        Assert.Equal(expected.Beside.Holders, actual.Beside.Holders);
        Assert.Equal(expected.Beside.HasOnward, actual.Beside.HasOnward);
    }

    /// <summary>Reads through the instance, counting only that read's calls on this test's tables.</summary>
    private async Task<StoredReferral> ReadAsync(Instance instance, string id)
    {
        _reads.Clear();
        return await instance.Referrals.FindWithBesideAsync(ProjectId, id, CancellationToken.None) ?? throw new InvalidOperationException("Not found.");
    }

    /// <summary>What the prefix query over <c>referral|{id}</c> reads now, the rows beside it one by one (not counted).</summary>
    private Task<StoredReferral> UncachedAsync(string id) => _reads.UncountedAsync(async () =>
    {
        var key = ReferralEntity.RowKey(id);
        var rows = new List<TableEntity>();
        await foreach (var row in _tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, key)))
        {
            rows.Add(row);
        }

        var referral = rows.Single(row => row.RowKey == key);
        return new StoredReferral(ReferralEntity.FromEntity(referral), referral.ETag) { Beside = ReferralBeside.Read(id, rows.Where(row => row.RowKey != key && row.RowKey != ReferralBeside.HoldersRowKey(id))) };
    });

    private async Task<string> SubmitAsync(Instance instance)
    {
        var referral = Referral.Submit(
            ReferralIds.New(),
            Partner,
            new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
            NeedCategories.Children,
            new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 12, 3), "ar", Partner.ObjectId),
            _time.GetUtcNow());
        await instance.Referrals.CreateAsync(referral, "submit-" + referral.Id, instance.Cards.Upserts(ProjectId, CardKind.Referral, referral.Id, ReferrerCard), ReferralBeside.New(ReferrerCard), CancellationToken.None);
        return referral.Id;
    }

    private OnwardReferral NewOnward(string referralId) => new()
    {
        Id = ReferralIds.New(),
        ProjectId = ProjectId,
        ReferralId = referralId,
        ToOrganisationId = "familieafdelingen",
        State = OnwardState.Sent,
        SentAt = _time.GetUtcNow(),
        SentByObjectId = CoordinatorActor.ObjectId,
        Needs = NeedCategories.Work,
    };

    private async Task<Instance> NewTablesAndInstanceAsync()
    {
        _reads.Tables = _tables = await AzuriteFixture.NewStoreAsync();
        return NewInstance();
    }

    /// <summary>One instance's stores on the shared tables, with a memory of their own.</summary>
    private Instance NewInstance()
    {
        var cache = ReadCaches.Of((int)Bound.TotalSeconds, _time);
        var besides = new ReferralBesideCache(cache);
        var directory = new DirectoryStore(_tables, new TableCallerDirectory(_tables), cache);
        return new Instance(
            new ReferralStore(_tables, directory, cache, besides),
            new OnwardStore(_tables, directory, cache, besides),
            new CardLocationStore(_tables, cache, [new ReferralCardHolders(besides)]));
    }

    private sealed record Instance(ReferralStore Referrals, OnwardStore Onwards, CardLocationStore Cards);
}
