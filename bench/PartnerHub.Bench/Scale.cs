extern alias api;

using System.Diagnostics;
using System.Reflection;
using api::PartnerHub.Api.Partners;
using api::PartnerHub.Api.Referrals;
using api::PartnerHub.Api.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Bench;

/// <summary>What seeding one data size took.</summary>
public sealed record ScaleSeeding(int Referrals, TimeSpan Took, string How);

/// <summary>
/// Scaling with data: the project's partition holds 1,000, 10,000 or 100,000 referrals (each its row and its three
/// index rows, as production writes them), under a table prefix of its own per size (dropped afterwards), and the read
/// (c) and write (s, t) rows are measured against an API started on that data. Seeding is fast because it writes the
/// production store's rows in entity-group transactions of 25 referrals (100 rows), several in parallel: the rows are
/// built by the store's own code (<c>ReferralEntity.ToEntity</c> and <c>ReferralStore.IndexRows</c>, reached by
/// reflection because they are internal), without the month counter and idempotency rows that only reports and retries read.
/// If those methods are not found (renamed), it falls back to <see cref="ReferralStore.CreateAsync"/>, one transaction each.
/// </summary>
public static class Scale
{
    private const int ReferralsPerBatch = 25;

    public static string PrefixFor(int size) => "benchscale" + size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<ScaleSeeding> SeedAsync(int size, int parallelism)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", TablePrefix = PrefixFor(size) });
        var tables = new TableStore(options);
        var table = tables.Table(TableNames.Main);
        await table.CreateIfNotExistsAsync();
        var rows = RowBuilder();
        var clock = Stopwatch.StartNew();
        var batches = (size + ReferralsPerBatch - 1) / ReferralsPerBatch;
        var next = -1;
        var store = new ReferralStore(tables, new DirectoryStore(tables, new TableCallerDirectory(tables)));
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var referrals = Enumerable.Range(batch * ReferralsPerBatch, Math.Min(ReferralsPerBatch, size - (batch * ReferralsPerBatch))).Select(NewReferral).ToList();
                if (rows is not null)
                {
                    await table.SubmitTransactionAsync(referrals.SelectMany(rows).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
                }
                else
                {
                    foreach (var referral in referrals)
                    {
                        await store.CreateAsync(referral, "bench-scale|" + referral.Id, [], CancellationToken.None);
                    }
                }

                if (batch % 400 == 399)
                {
                    Console.Error.WriteLine($"[bench] seeded {(batch + 1) * ReferralsPerBatch:N0} of {size:N0} referrals");
                }
            }
        })));
        return new ScaleSeeding(size, clock.Elapsed, rows is not null
            ? $"production row code, transactions of {ReferralsPerBatch} referrals, {parallelism} in parallel"
            : "ReferralStore.CreateAsync one by one (the row code was not found)");
    }

    public static async Task DropAsync(int size)
    {
        var service = new TableServiceClient("UseDevelopmentStorage=true");
        var prefix = PrefixFor(size);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            await service.DeleteTableAsync(table.Name);
        }
    }

    /// <summary>A submitted referral from the demo's kindergarten, spread over the last year.</summary>
    private static Referral NewReferral(int i)
    {
        var staff = new Actor(WriteScenarios.PartnerStaffObjectId, Scenario.ProjectId, ProjectRole.PartnerStaff, "solsikken");
        var submitted = DateTimeOffset.UtcNow.AddMinutes(-(i * 5) - 60);
        var day = DateOnly.FromDateTime(submitted.UtcDateTime);
        return Referral.Submit(
            ReferralIds.New(),
            staff,
            new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
            NeedCategories.Children | NeedCategories.Network,
            new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, day, "ar", staff.ObjectId),
            submitted);
    }

    /// <summary>The store's own row code (the referral's row and its index rows), or null when it is not there.</summary>
    private static Func<Referral, IEnumerable<TableEntity>>? RowBuilder()
    {
        var assembly = typeof(ReferralStore).Assembly;
        var toEntity = assembly.GetType("PartnerHub.Api.Referrals.ReferralEntity")?.GetMethod("ToEntity", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Referral)]);
        var indexRows = typeof(ReferralStore).GetMethod("IndexRows", BindingFlags.NonPublic | BindingFlags.Static, [typeof(Referral)]);
        if (toEntity?.ReturnType != typeof(TableEntity) || indexRows?.ReturnType != typeof(IEnumerable<TableEntity>))
        {
            return null;
        }

        return referral => [(TableEntity)toEntity.Invoke(null, [referral])!, .. (IEnumerable<TableEntity>)indexRows.Invoke(null, [referral])!];
    }
}
