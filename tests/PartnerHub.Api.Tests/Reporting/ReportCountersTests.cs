using Azure.Data.Tables;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>
/// The report's month counters against Azurite: written in the referral's and onward referral's own transactions,
/// never half, and kept exact when changes race on the same counter row.
/// </summary>
public sealed class ReportCountersTests : IClassFixture<AzuriteFixture>
{
    private const string ProjectId = "report-counters";
    private static readonly DateTimeOffset Now = new(2026, 8, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReportPeriod Q3 = ReportPeriod.Quarter(2026, 3);
    private static readonly Actor Partner = new("aad-kindergarten", ProjectId, ProjectRole.PartnerStaff, "solsikken");
    private static readonly Actor Coordinator = new("aad-coordinator", ProjectId, ProjectRole.Coordinator, null);

    [Fact]
    public async Task A_new_referral_is_counted_in_its_own_transaction_by_organisation_kind_and_need()
    {
        var (tables, store, _) = await NewAsync();
        await store.CreateAsync(NewReferral(NeedCategories.Children | NeedCategories.Work), "r-1", [], CancellationToken.None);

        var counters = await ReadAsync(tables, ReferralCounting.Feature);
        Assert.Equal(1, counters.Sum(Q3, "count"));
        Assert.Equal(1, counters.Sum(Q3, "orgKind.Kindergarten"));
        Assert.Equal(1, counters.Sum(Q3, "need.Children"));
        Assert.Equal(1, counters.Sum(Q3, "need.Work"));
        Assert.Equal(1, counters.Sum(Q3, "state.Submitted"));
    }

    [Fact]
    public async Task Changes_count_states_reached_and_days_to_first_contact_and_a_refused_change_counts_nothing()
    {
        var (tables, store, _) = await NewAsync();
        var stored = await store.CreateAsync(NewReferral(NeedCategories.Health), "r-1", [], CancellationToken.None);
        var assigned = ReferralWorkflow.Apply(stored.Referral, new AssignReferral("aad-mother"), Coordinator, Now.AddDays(1)).Referral!;
        var afterAssign = await store.UpdateAsync(stored, assigned, "r-2", [], CancellationToken.None);
        var mother = new Actor("aad-mother", ProjectId, ProjectRole.NeighbourhoodMother, null);
        var contacted = ReferralWorkflow.Apply(assigned, new RecordContact(), mother, Now.AddDays(4)).Referral!;
        await store.UpdateAsync(afterAssign, contacted, "r-3", [], CancellationToken.None);

        // The same change again from the stale version: a lost race, and the counters do not move.
        await Assert.ThrowsAsync<ReferralConflictException>(() => store.UpdateAsync(afterAssign, contacted, "r-4", [], CancellationToken.None));
        // A retried request (same idempotency key): applied once.
        await Assert.ThrowsAsync<DuplicateRequestException>(() => store.CreateAsync(NewReferral(NeedCategories.Health), "r-1", [], CancellationToken.None));

        var counters = await ReadAsync(tables, ReferralCounting.Feature);
        Assert.Equal(1, counters.Sum(Q3, "count"));
        Assert.Equal(1, counters.Sum(Q3, "state.Assigned"));
        Assert.Equal(1, counters.Sum(Q3, "state.Contacted"));
        Assert.Equal(1, counters.Sum(Q3, "firstContactDays.4"));
        var section = ReferralReportCounts.Referrals(counters, Q3);
        var median = Assert.IsType<RawMedianDays>(section.Figures.Single(f => f.Id == "medianDaysToFirstContact"));
        Assert.Equal(1, median.DaysHistogram[4]);
    }

    [Fact]
    public async Task Referrals_created_at_once_are_all_counted_the_counter_row_race_is_retried()
    {
        var (tables, store, _) = await NewAsync();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => store.CreateAsync(NewReferral(NeedCategories.Language), $"race-{i}", [], CancellationToken.None)));

        var counters = await ReadAsync(tables, ReferralCounting.Feature);
        Assert.Equal(6, counters.Sum(Q3, "count"));
        Assert.Equal(6, counters.Sum(Q3, "need.Language"));
    }

    [Fact]
    public async Task Onward_referrals_are_counted_by_the_receiving_service_kind_and_answer()
    {
        var (tables, referrals, onwards) = await NewAsync();
        var referral = (await referrals.CreateAsync(NewReferral(NeedCategories.Work), "r-1", [], CancellationToken.None)).Referral;
        var jobCentre = new Organisation("jobcenter", ProjectId, OrganisationKind.JobCentre, "Jobcenter", ReceivesOnwardReferrals: true);
        var sent = await onwards.CreateAsync(OnwardReferral.Send(ReferralIds.New(), referral, jobCentre, NeedCategories.Work, Coordinator, Now), "o-1", [], CancellationToken.None);
        var staff = new Actor("aad-job", ProjectId, ProjectRole.PartnerStaff, "jobcenter");
        await onwards.UpdateAsync(sent, sent.Onward.Answer(accept: true, staff, Now.AddDays(2)).Onward!, "o-2", [], CancellationToken.None);

        var section = ReferralReportCounts.Onward(await ReadAsync(tables, OnwardCounting.Feature), Q3);
        var table = Assert.Single(section.Tables);
        var row = table.RowKeys.ToList().IndexOf("orgKind.JobCentre");
        Assert.Equal(1, table.Counts[row, table.ColumnKeys.ToList().IndexOf("onwardState.Sent")]);
        Assert.Equal(1, table.Counts[row, table.ColumnKeys.ToList().IndexOf("onwardState.Accepted")]);
        Assert.Equal(0, table.Counts[row, table.ColumnKeys.ToList().IndexOf("onwardState.Declined")]);
        Assert.Equal(1, Assert.IsType<RawCount>(Assert.Single(section.Figures)).Count);
    }

    private static Task<MonthlyCounters> ReadAsync(TableStore tables, string feature) =>
        MonthCounterRows.ReadAsync(tables.Table(TableNames.Main), ProjectId, feature, Q3, CancellationToken.None);

    private static Referral NewReferral(NeedCategories needs) => Referral.Submit(
        ReferralIds.New(),
        Partner,
        new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
        needs,
        new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 8, 13), "ar", Partner.ObjectId),
        Now);

    private static async Task<(TableStore Tables, ReferralStore Referrals, OnwardStore Onwards)> NewAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var main = tables.Table(TableNames.Main);
        await main.UpsertEntityAsync(new TableEntity(ProjectId, DirectoryStore.OrganisationPrefix + "solsikken") { ["Kind"] = nameof(OrganisationKind.Kindergarten) });
        await main.UpsertEntityAsync(new TableEntity(ProjectId, DirectoryStore.OrganisationPrefix + "jobcenter") { ["Kind"] = nameof(OrganisationKind.JobCentre) });
        var directory = new DirectoryStore(tables, new TableCallerDirectory(tables));
        return (tables, new ReferralStore(tables, directory), new OnwardStore(tables, directory));
    }
}
