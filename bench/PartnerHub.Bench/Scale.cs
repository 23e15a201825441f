extern alias api;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using api::PartnerHub.Api.Cards;
using api::PartnerHub.Api.Partners;
using api::PartnerHub.Api.Referrals;
using api::PartnerHub.Api.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Privacy;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Bench;

/// <summary>
/// What seeding one data size took: <paramref name="Referrals"/> written of <paramref name="Asked"/> (fewer when the
/// seeding bound ended it), and how long the first actions on the data took, before any row (every cache cold).
/// </summary>
public sealed record ScaleSeeding(int Referrals, TimeSpan Took, string How, int Asked)
{
    public IReadOnlyList<(string Scenario, TimeSpan? Took)> FirstActions { get; init; } = [];
}

/// <summary>
/// Scaling with data: the project's partition holds 1,000, 10,000 or 100,000 referrals as production leaves them, under
/// a table prefix of its own per size (dropped afterwards), and the read (c) and write (s, t) rows are measured against
/// an API started on that data. Each referral has the rows its life so far wrote (<see cref="Life"/>): the referral row
/// and its index rows (by the store's own code: <c>ReferralEntity.ToEntity</c> and <c>ReferralStore.IndexRows</c>,
/// reached by reflection because they are internal), the rows beside it (<c>kept</c>, one holder row per card of it, and
/// <c>onward</c> when it was referred on), the card locations themselves, one idempotency row per change, and for one in
/// ten past triage an onward referral with its own rows (<c>OnwardStore</c>'s row code, by reflection too); at the end
/// the mothers' open load as those changes leave it counted (<c>OpenLoadRows</c>). States in
/// proportions of a project some years in: most closed, a few waiting. Written in entity-group transactions of a few
/// referrals (at most 100 rows), several in parallel. If the row code is not found (renamed), it falls back to
/// <see cref="ReferralStore.CreateAsync(Referral, string, IEnumerable{TableTransactionAction}, CancellationToken)"/>, one transaction each.
/// </summary>
public static class Scale
{
    // A referral's life leaves at most about 22 rows: four fit one transaction's 100.
    private const int ReferralsPerBatch = 4;

    // The onward store's row code: its row and its two index rows.
    private static readonly string[] OnwardRowMethods = ["ToEntity", "IndexRow", "ReferralIndexRow"];

    public static string PrefixFor(int size) => "benchscale" + size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<ScaleSeeding> SeedAsync(int size, int parallelism, TimeSpan bound)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = BenchStorage.DevelopmentStorage, TablePrefix = PrefixFor(size) });
        var tables = new TableStore(options);
        var table = tables.Table(TableNames.Main);
        await table.CreateIfNotExistsAsync();
        var rows = RowBuilder();
        var onwardRows = OnwardRowBuilder();
        var cards = new CardLocationStore(tables);
        var clock = Stopwatch.StartNew();
        var batches = (size + ReferralsPerBatch - 1) / ReferralsPerBatch;
        var next = -1;
        var written = 0;
        var store = new ReferralStore(tables, new DirectoryStore(tables, new TableCallerDirectory(tables)));
        var load = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int batch;
            while (clock.Elapsed < bound && (batch = Interlocked.Increment(ref next)) < batches)
            {
                var indexes = Enumerable.Range(batch * ReferralsPerBatch, Math.Min(ReferralsPerBatch, size - (batch * ReferralsPerBatch))).ToList();
                if (rows is not null)
                {
                    var lives = indexes.Select(i => Life(i, rows, onwardRows, cards)).ToList();
                    await table.SubmitTransactionAsync([.. lives.SelectMany(life => life.Actions)]);
                    foreach (var mother in lives.Select(life => life.Referral.WorkingMotherId).OfType<string>())
                    {
                        load.AddOrUpdate(mother, 1, (_, count) => count + 1);
                    }
                }
                else
                {
                    foreach (var referral in indexes.Select(NewReferral))
                    {
                        await store.CreateAsync(referral, "bench-scale|" + referral.Id, [], CancellationToken.None);
                    }
                }

                Interlocked.Add(ref written, indexes.Count);
                if (batch % 2500 == 2499)
                {
                    Console.Error.WriteLine($"[bench] seeded {(batch + 1) * ReferralsPerBatch:N0} of {size:N0} referrals");
                }
            }
        })));
        // The mothers' open load as the referrals' own changes leave it counted (OpenLoadRows), settled by the store's code.
        await OpenLoadRows.ReadAsync(table, null, Scenario.ProjectId, _ => Task.FromResult<IReadOnlyDictionary<string, int>>(load), CancellationToken.None);
        var how = rows is not null
            ? $"production row code, each referral's life (states, card rows, onward referrals), transactions of {ReferralsPerBatch} referrals, {parallelism} in parallel"
            : "ReferralStore.CreateAsync one by one (the row code was not found)";
        return new ScaleSeeding(written, clock.Elapsed, written < size ? how + $"; stopped at the {bound.TotalMinutes:0}-minute bound" : how, size);
    }

    /// <summary>
    /// Each scenario's first request on the new data, one at a time, each bounded: on a cold instance the reads it
    /// remembers are made here (on Azurite a query walks every row of the table), so the rows after measure the steady
    /// state, and this says what the first action cost. Null: no answer within the bound.
    /// </summary>
    public static async Task<IReadOnlyList<(string Scenario, TimeSpan? Took)>> FirstActionsAsync(ServerProcess api, IEnumerable<Scenario> scenarios, TimeSpan bound)
    {
        using var http = new HttpClient { Timeout = bound };
        var took = new List<(string, TimeSpan?)>();
        foreach (var scenario in scenarios)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var content = new ByteArrayContent(scenario.Body(-1));
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(api.MessagesUrl, content);
                took.Add((scenario.Key, response.IsSuccessStatusCode ? clock.Elapsed : null));
            }
            catch (TaskCanceledException)
            {
                took.Add((scenario.Key, null));
            }
        }

        return took;
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

    /// <summary>
    /// The rows referral number <paramref name="i"/> leaves after its life so far: of every 20, 2 still submitted, 1
    /// declined, 2 accepted, 3 assigned, 3 contacted and 9 closed; a card for the referrer and the coordinator, and for
    /// the mother once assigned (each a location and a holder row beside the referral); an idempotency row per change;
    /// one in ten past triage referred on (the onward referral's rows and the <c>onward</c> row beside the referral); her
    /// details erased when it ended more than six months ago, as the retention sweep does.
    /// </summary>
    private static (Referral Referral, List<TableTransactionAction> Actions) Life(int i, Func<Referral, IEnumerable<TableEntity>> rows, Func<OnwardReferral, IEnumerable<TableEntity>>? onwardRows, CardLocationStore cards)
    {
        var referral = NewReferral(i);
        var project = referral.ProjectId;
        ReferralCommand[] steps = (i % 20) switch
        {
            < 2 => [],
            2 => [new DeclineReferral(DeclineReason.NoCapacity)],
            < 5 => [new AcceptReferral()],
            < 8 => [new AcceptReferral(), new AssignReferral(MotherOf(i))],
            < 11 => [new AcceptReferral(), new AssignReferral(MotherOf(i)), new RecordContact()],
            _ => [new AcceptReferral(), new AssignReferral(MotherOf(i)), new RecordContact(), new CloseReferral(ReferralOutcome.JoinedActivities)],
        };
        // Each step a day or so after the last, all of them before now.
        var now = DateTimeOffset.UtcNow;
        var gap = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(20).Ticks, (now - referral.SubmittedAt).Ticks / (steps.Length + 1)));
        var at = referral.SubmittedAt;
        foreach (var step in steps)
        {
            at += gap;
            referral = Apply(referral, step, at);
        }

        if (RetentionPolicy.IsErasureDue(referral, now))
        {
            // Ended more than six months ago: the retention sweep erased her details long since (and finds nothing to do now).
            referral = referral.Erased(referral.LastChangedAt + RetentionPolicy.AfterEnd);
        }

        var holders = new List<string> { WriteScenarios.PartnerStaffObjectId, Scenario.CoordinatorObjectId };
        if (referral.AssignedMotherId is { } mother)
        {
            holders.Add(mother);
        }

        var written = rows(referral).Append(ReferralBeside.KeptRow(project, referral.Id)).ToList();
        written.AddRange(Enumerable.Range(0, steps.Length + 1).Select(n =>
            new TableEntity(project, ReferralStore.DedupeRowKey($"bench-scale|{referral.Id}|{n}")) { ["ReferralId"] = referral.Id }));
        var actions = written.Select(Upsert).ToList();
        var locations = holders.Select(holder =>
            new CardLocation(holder, "29:bench-" + holder[^2..], "https://smba.example/", "a:bench-personal-chat-" + holder[^2..], "1:" + referral.Id + holder[^2..])).ToList();
        foreach (var location in locations)
        {
            actions.AddRange(cards.Upserts(project, CardKind.Referral, referral.Id, location));
            actions.Add(Upsert(ReferralBeside.HolderRow(project, referral.Id, location)));
        }

        var hasOnward = i % 10 == 5 && steps.Length > 0 && steps[0] is AcceptReferral && onwardRows is not null;
        // The holders row, as the referral's own writes leave it: every card location and whether it was referred on.
        actions.Add(Upsert(ReferralBeside.HoldersRowWith(project, referral.Id, locations, hasOnward)));
        if (hasOnward && onwardRows is not null)
        {
            var onward = new OnwardReferral
            {
                Id = ReferralIds.New(),
                ProjectId = project,
                ReferralId = referral.Id,
                ToOrganisationId = "familieafdelingen",
                State = OnwardState.Sent,
                SentAt = referral.SubmittedAt.AddDays(2),
                SentByObjectId = Scenario.CoordinatorObjectId,
                Needs = NeedCategories.Work,
            };
            actions.AddRange(onwardRows(onward).Append(ReferralBeside.OnwardRow(project, referral.Id)).Select(Upsert));
        }

        return (referral, actions);
    }

    private static TableTransactionAction Upsert(TableEntity row) => new(TableTransactionActionType.UpsertReplace, row);

    private static string MotherOf(int i) => i % 2 == 0 ? WriteScenarios.MotherObjectId : WriteScenarios.SecondMotherObjectId;

    private static Referral Apply(Referral referral, ReferralCommand step, DateTimeOffset at)
    {
        var coordinator = new Actor(Scenario.CoordinatorObjectId, Scenario.ProjectId, ProjectRole.Coordinator, null);
        var mother = new Actor(referral.AssignedMotherId ?? WriteScenarios.MotherObjectId, Scenario.ProjectId, ProjectRole.NeighbourhoodMother, null);
        foreach (var actor in new[] { coordinator, mother })
        {
            if (ReferralWorkflow.Apply(referral, step, actor, at) is { Succeeded: true, Referral: { } after })
            {
                return after;
            }
        }

        throw new InvalidOperationException($"The bench's referral life refused {step.Action} from {referral.State}.");
    }

    /// <summary>The onward store's own row code (its row, both indexes), or null when it is not there.</summary>
    private static Func<OnwardReferral, IEnumerable<TableEntity>>? OnwardRowBuilder()
    {
        var methods = OnwardRowMethods
            .Select(name => typeof(OnwardStore).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static, [typeof(OnwardReferral)]))
            .ToList();
        if (methods.Any(m => m?.ReturnType != typeof(TableEntity)))
        {
            return null;
        }

        return onward => methods.Select(m => (TableEntity)m!.Invoke(null, [onward])!).ToList();
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
