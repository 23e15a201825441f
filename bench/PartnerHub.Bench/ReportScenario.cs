extern alias api;

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using api::PartnerHub.Api.Outreach;
using api::PartnerHub.Api.Partners;
using api::PartnerHub.Api.Referrals;
using api::PartnerHub.Api.Reporting;
using api::PartnerHub.Api.Reporting.Exports;
using api::PartnerHub.Api.Storage;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Core.Course;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Bench;

/// <summary>
/// The funder report's figure (issue 14): ONE project with 10,000 referrals and 50,000 outreach entries over 24 months,
/// written through the production stores (so the month counter rows are the ones production writes), then the report
/// read for a quarter, a year and 24 months, in process through <see cref="IFunderReports"/>. Reports figures only.
/// </summary>
public static class ReportScenario
{
    private const string ProjectId = "bench-report";
    private const string Coordinator = "aad-bench-coordinator";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Organisations = ["solsikken", "skolen", "sundhedsplejen", "boligsocial"];
    private static readonly OrganisationKind[] OrganisationKinds = [OrganisationKind.Kindergarten, OrganisationKind.School, OrganisationKind.HealthVisitor, OrganisationKind.HousingAssociation];
    private static readonly string[] Mothers = [.. Enumerable.Range(1, 20).Select(i => $"aad-bench-mother-{i:00}")];

    public sealed record Options(int Referrals, int OutreachEntries, int Calls, int Parallelism, DateOnly LastMonth);

    public static async Task<int> RunAsync(BenchOptions bench, Options options)
    {
        // A table prefix of its own per run: nothing mixes with a shared Azurite's other data, and it is dropped afterwards.
        var prefix = "benchrep" + DateTime.UtcNow.ToString("MMddHHmmss", Invariant);
        await using var host = new ApiHost(bench.RepoRoot, prefix);
        var services = host.Services;
        var tables = services.GetRequiredService<TableStore>();
        await tables.EnsureTablesAsync(CancellationToken.None);
        var notes = new List<string>();
        var rows = new List<string>();
        try
        {
            await SeedProjectAsync(services, tables);
            var firstMonth = options.LastMonth.AddMonths(-23);
            var clock = Stopwatch.StartNew();
            await SeedReferralsAsync(services.GetRequiredService<ReferralStore>(), options, firstMonth);
            var referralSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            await SeedOutreachAsync(services.GetRequiredService<OutreachStore>(), options, firstMonth);
            var outreachSeconds = clock.Elapsed.TotalSeconds;
            notes.Add(string.Create(Invariant,
                $"Seeding through the production stores, {options.Parallelism} in parallel (one worker per group of months, so counter rows rarely race): " +
                $"{options.Referrals:N0} referrals (`ReferralStore.CreateAsync`, half of them then assigned and contacted within the month through `UpdateAsync`) in {referralSeconds:0} s; " +
                $"{options.OutreachEntries:N0} outreach entries (`OutreachStore.LogAsync`) in {outreachSeconds:0} s."));

            var reports = services.GetRequiredService<IFunderReports>();
            var text = services.GetRequiredService<ReportTexts>().For("da");
            var actor = new Actor(Coordinator, ProjectId, ProjectRole.Coordinator, null);
            ReportPeriod[] periods =
            [
                ReportPeriod.Quarter(options.LastMonth.Year, ((options.LastMonth.Month - 1) / 3) + 1),
                ReportPeriod.Year(options.LastMonth.Year),
                ReportPeriod.Custom(firstMonth, options.LastMonth)!,
            ];
            using var requests = new StorageRequestCounter();
            foreach (var period in periods)
            {
                var report = await reports.ForProjectAsync(actor, period, CancellationToken.None)
                    ?? throw new InvalidOperationException("The report was refused for the bench coordinator.");
                var before = requests.Count;
                await reports.ForProjectAsync(actor, period, CancellationToken.None);
                var perReport = requests.Count - before;
                rows.Add(Row($"`ForProjectAsync` {period}", await TimeAsync(options.Calls, Math.Max(3, options.Calls / 10), () => reports.ForProjectAsync(actor, period, CancellationToken.None)), perReport.ToString(Invariant)));
                rows.Add(Row($"xlsx render {period}", await TimeAsync(Math.Max(1, options.Calls / 10), 1, () => Task.FromResult(ReportWorkbook.Create(report, text))), "0"));
                // The PDF draws its charts (ScottPlot) each time: seconds on a busy machine, so fewer calls.
                rows.Add(Row($"PDF render {period}", await TimeAsync(Math.Max(1, options.Calls / 40), 1, () => Task.FromResult(ReportPdf.Create(report, text))), "0"));
            }

            if (requests.Count == 0)
            {
                notes.Add("No HTTP request metrics were seen: the storage round trips are not reported.");
            }
        }
        finally
        {
            await BenchStorage.DropAsync(prefix);
        }

        var md = Build(options, rows, notes);
        Console.WriteLine(md);
        var resultsPath = Path.Combine(bench.RepoRoot, "bench", "RESULTS.md");
        await File.AppendAllTextAsync(resultsPath, md + Environment.NewLine);
        Console.Error.WriteLine($"[bench] appended to {resultsPath}");
        return 0;
    }

    private static async Task SeedProjectAsync(IServiceProvider services, TableStore tables)
    {
        await services.GetRequiredService<ProjectStore>().UpsertAsync(
            new Project(ProjectId, "Bydelsmødre benchmark", "Benchby Kommune", "Beboerhuset") { TenantId = "bench-tenant" }, CancellationToken.None);
        var main = tables.Table(TableNames.Main);
        for (var i = 0; i < Organisations.Length; i++)
        {
            await main.UpsertEntityAsync(new TableEntity(ProjectId, DirectoryStore.OrganisationPrefix + Organisations[i]) { ["Kind"] = OrganisationKinds[i].ToString() });
        }
    }

    /// <summary>Referrals spread evenly over the 24 months; worker w takes the months w, w+P, ... so two workers never share a month.</summary>
    private static Task SeedReferralsAsync(ReferralStore store, Options options, DateOnly firstMonth) =>
        ForEachMonthAsync(options, async (month, worker) =>
        {
            var random = new Random(month);
            var count = Share(options.Referrals, month);
            for (var i = 0; i < count; i++)
            {
                var organisation = random.Next(Organisations.Length);
                var staff = new Actor("aad-bench-staff-" + organisation, ProjectId, ProjectRole.PartnerStaff, Organisations[organisation]);
                // Contacted ones are submitted in the first half of the month and contacted within it, so every counter a
                // worker moves is in its own months and the workers do not race on counter rows.
                var contact = i % 2 == 0;
                var day = firstMonth.AddMonths(month).AddDays(random.Next(contact ? 14 : 28));
                var submitted = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
                var needs = (NeedCategories)(1 << random.Next(6)) | (NeedCategories)(1 << random.Next(6));
                var referral = Referral.Submit(
                    ReferralIds.New(),
                    staff,
                    new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
                    needs,
                    new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, day, "ar", staff.ObjectId),
                    submitted);
                var key = $"bench-{month}-{i}";
                var stored = await store.CreateAsync(referral, key, [], CancellationToken.None);
                if (contact)
                {
                    var coordinator = new Actor(Coordinator, ProjectId, ProjectRole.Coordinator, null);
                    var motherId = Mothers[random.Next(Mothers.Length)];
                    var assigned = ReferralWorkflow.Apply(stored.Referral, new AssignReferral(motherId), coordinator, submitted.AddDays(1)).Referral!;
                    var afterAssign = await store.UpdateAsync(stored, assigned, key + "-a", [], CancellationToken.None);
                    var mother = new Actor(motherId, ProjectId, ProjectRole.NeighbourhoodMother, null);
                    var contacted = ReferralWorkflow.Apply(assigned, new RecordContact(), mother, submitted.AddDays(2 + random.Next(12))).Referral!;
                    await store.UpdateAsync(afterAssign, contacted, key + "-c", [], CancellationToken.None);
                }
            }
        });

    private static Task SeedOutreachAsync(OutreachStore store, Options options, DateOnly firstMonth)
    {
        var themes = ThemeCatalogue.Default.Themes.Select(t => t.Id).ToList();
        var kinds = Enum.GetValues<OutreachKind>();
        var services = Enum.GetValues<OutreachService>();
        return ForEachMonthAsync(options, async (month, worker) =>
        {
            var random = new Random(1000 + month);
            var count = Share(options.OutreachEntries, month);
            for (var i = 0; i < count; i++)
            {
                var date = firstMonth.AddMonths(month).AddDays(random.Next(28));
                var topics = Enumerable.Range(0, random.Next(0, 3)).Select(_ => themes[random.Next(themes.Count)]).Distinct(StringComparer.Ordinal).ToList();
                var pointedTo = Enumerable.Range(0, random.Next(0, 2)).Select(_ => services[random.Next(services.Length)]).Distinct().ToList();
                var entry = new OutreachEntry(
                    $"bench{month:00}{i:00000}", ProjectId, Mothers[random.Next(Mothers.Length)], date, kinds[random.Next(kinds.Length)],
                    random.Next(1, 6), topics, pointedTo, new DateTimeOffset(date.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
                await store.LogAsync(entry, entry.Id, CancellationToken.None);
            }
        });
    }

    private static int Share(int total, int month) => (total / 24) + (month < total % 24 ? 1 : 0);

    private static Task ForEachMonthAsync(Options options, Func<int, int, Task> month) =>
        Task.WhenAll(Enumerable.Range(0, options.Parallelism).Select(worker => Task.Run(async () =>
        {
            for (var m = worker; m < 24; m += options.Parallelism)
            {
                await month(m, worker);
                Console.Error.WriteLine($"[bench] month {m + 1} of 24 seeded");
            }
        })));

    /// <summary><paramref name="warmup"/> calls not counted, then <paramref name="calls"/> sequential calls; milliseconds, sorted.</summary>
    private static async Task<double[]> TimeAsync<T>(int calls, int warmup, Func<Task<T>> call)
    {
        for (var i = 0; i < warmup; i++)
        {
            await call();
        }

        var latencies = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Row(string what, double[] ms, string roundTrips) => string.Create(Invariant,
        $"| {what} | {ms.Length} | {Percentile(ms, 50):0.0} | {Percentile(ms, 99):0.0} | {ms[^1]:0.0} | {roundTrips} |");

    private static string Build(Options options, List<string> rows, List<string> notes)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Funder report, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Report.Machine()} · .NET {Environment.Version} · load average (1 min) {ProcStats.LoadAverage() ?? "unknown"}");
        md.AppendLine();
        md.AppendLine(string.Create(Invariant,
            $"One project, {options.Referrals:N0} referrals and {options.OutreachEntries:N0} outreach entries over the 24 months up to {options.LastMonth:yyyy-MM}; ") +
            "the API's own services in this process (WebApplicationFactory over the real composition root), Azurite on 127.0.0.1. Calls are sequential, after a warm-up.");
        md.AppendLine();
        md.AppendLine("| what | calls | p50 ms | p99 ms | max ms | storage requests per call |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            md.AppendLine(row);
        }

        md.AppendLine();
        foreach (var note in notes)
        {
            md.AppendLine("- " + note);
        }

        md.AppendLine("- *storage requests per call*: HTTP requests to Azurite during one report, counted from .NET's `http.client.request.duration` metric; " +
            "xlsx/PDF render the already read report (no storage).");
        return md.ToString();
    }

    /// <summary>The API with its real composition root, in process: Development, no demo data, no outbox, its own tables.</summary>
    private sealed class ApiHost(string repoRoot, string prefix) : WebApplicationFactory<api::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(repoRoot, "src", "PartnerHub.Api"));
            builder.UseSetting("Storage:ConnectionString", BenchStorage.DevelopmentStorage);
            builder.UseSetting("Storage:TablePrefix", prefix);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Outbox:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

    }

    /// <summary>Counts HTTP requests to Azurite's Table endpoint (port 10002) as .NET's HttpClient reports them.</summary>
    private sealed class StorageRequestCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public StorageRequestCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "server.port" && tag.Value is int port && port == 10002)
                    {
                        Interlocked.Increment(ref _count);
                    }
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
