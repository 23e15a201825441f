extern alias api;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace PartnerHub.Bench;

/// <summary>The storage calls of one action: how many per request, and which (table or queue, kind of call) with their share.</summary>
public sealed record RoundTripResult(
    Scenario Scenario, int Requests, int Errors, IReadOnlyList<(string Call, double PerAction)> Calls, IReadOnlyList<(string Call, double PerAction)> Background)
{
    public double PerAction => Calls.Sum(c => c.PerAction);

    public double BackgroundPerAction => Background.Sum(c => c.PerAction);
}

/// <summary>
/// Storage round trips per action, from the API's own counter (<c>partnerhub.storage.requests</c> on the Meter
/// "PartnerHub", a pipeline policy on every table and queue client). The API is hosted IN this process with its real
/// composition root on Kestrel (loopback), so a <see cref="MeterListener"/> sees each call with its tags, and each call is
/// attributed to the HTTP request whose execution context made it (the ASP.NET Core request activity at its root):
/// background work (demo seeding, sweeps) is counted apart, not charged to the action. Why in process rather than reading
/// the meter out of process over EventPipe: per-call attribution to a request needs the caller's context, and the
/// counts do not depend on timing, so they are the same in either process. The timing rows stay out of process.
/// </summary>
public static class RoundTrips
{
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    /// <param name="tablePrefix">The data to act on: the bench's own, or a data size's (then only the scenarios in <paramref name="only"/>).</param>
    public static async Task<IReadOnlyList<RoundTripResult>> CountAsync(BenchOptions options, Uri connectorUrl, int requests, string tablePrefix = ApiInstances.TablePrefix, IReadOnlyCollection<string>? only = null)
    {
        var port = ServerProcess.FreePort();
        await using var host = new InProcessApi(options.RepoRoot, port, tablePrefix);
        host.StartServer();
        var server = ServerProcess.External("PartnerHub (in process)", new Uri($"http://127.0.0.1:{port}/"), Path.Combine(options.OutputDirectory, "logs", "partnerhub-api.log"));
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        var writes = new WriteScenarios(connectorUrl);
        if (only is null || only.Contains("u"))
        {
            await writes.CreateSessionsAsync(server, 4, CancellationToken.None);
        }

        Scenario[] scenarios =
        [
            Scenario.HelpMessage(connectorUrl), Scenario.HelpInvoke(connectorUrl), Scenario.HelpLanguageInvoke(connectorUrl), Scenario.ReferralRefreshInvoke(connectorUrl),
            writes.Submit(), writes.Accept(), writes.Respond(), writes.BookingAnswer(),
        ];

        using var counter = new Counter();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var results = new List<RoundTripResult>();
        foreach (var scenario in scenarios.Where(s => only is null || only.Contains(s.Key)))
        {
            if (scenario.Key == "t")
            {
                await writes.EnsureSubmittedAsync([server], requests + 3, CancellationToken.None);
            }

            if (scenario.Key == "v")
            {
                await writes.EnsureBookingsAsync(server, requests + 3, CancellationToken.None);
            }

            // The first calls fill caches (tables known, directory read once); the figure is the steady state.
            for (var i = 0; i < 3; i++)
            {
                await LoadRunner.SendAsync(http, server.MessagesUrl, scenario, 3_000_000 + i, null);
            }

            counter.Reset();
            var errors = 0;
            for (var i = 0; i < requests; i++)
            {
                errors += await LoadRunner.SendAsync(http, server.MessagesUrl, scenario, 3_100_000 + i, null) is null ? 0 : 1;
            }

            // The dispatcher delivers what the requests wrote after they answered: wait for it, so its calls are this
            // scenario's background and not the next one's.
            await counter.BackgroundSettledAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
            var (request, background) = counter.Take();
            results.Add(new RoundTripResult(scenario, requests, errors, PerAction(request, requests), PerAction(background, requests)));
        }

        return results;
    }

    private static List<(string Call, double PerAction)> PerAction(IReadOnlyDictionary<string, int> counts, int requests) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, (double)c.Value / requests))];

    /// <summary>Counts storage calls by "target operation", split into those made for an HTTP request and the rest.</summary>
    private sealed class Counter : IDisposable
    {
        private readonly MeterListener _listener = new();

        // ASP.NET Core makes its request activity only when something listens to it (the API's OpenTelemetry does only
        // when it exports): the bench listens, so each call can be charged to the request it was made for.
        private readonly ActivityListener _requests = new()
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        private ConcurrentDictionary<string, int> _request = new(StringComparer.Ordinal);
        private ConcurrentDictionary<string, int> _background = new(StringComparer.Ordinal);

        public Counter()
        {
            ActivitySource.AddActivityListener(_requests);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "PartnerHub" && instrument.Name == "partnerhub.storage.requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? target = null, operation = null, service = null;
                foreach (var tag in tags)
                {
                    switch (tag.Key)
                    {
                        case "target": target = tag.Value as string; break;
                        case "operation": operation = tag.Value as string; break;
                        case "service": service = tag.Value as string; break;
                    }
                }

                var key = $"{service} {target} {operation}";
                var root = Activity.Current;
                while (root?.Parent is not null)
                {
                    root = root.Parent;
                }

                var bucket = root?.OperationName == RequestActivity ? _request : _background;
                bucket.AddOrUpdate(key, (int)value, (_, n) => n + (int)value);
            });
            _listener.Start();
        }

        public void Reset()
        {
            _request = new(StringComparer.Ordinal);
            _background = new(StringComparer.Ordinal);
        }

        public (IReadOnlyDictionary<string, int> Request, IReadOnlyDictionary<string, int> Background) Take() => (_request, _background);

        /// <summary>Returns once no background call was counted for <paramref name="quiet"/>, or after <paramref name="bound"/>.</summary>
        public async Task BackgroundSettledAsync(TimeSpan quiet, TimeSpan bound)
        {
            var until = Stopwatch.GetTimestamp() + (long)(bound.TotalSeconds * Stopwatch.Frequency);
            var seen = -1;
            while (Stopwatch.GetTimestamp() < until && _background.Values.Sum() is var now && now != seen)
            {
                seen = now;
                await Task.Delay(quiet);
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _requests.Dispose();
        }
    }

    /// <summary>The API's real composition root on Kestrel at 127.0.0.1:port, configured as the out-of-process runs are.</summary>
    private sealed class InProcessApi : WebApplicationFactory<api::Program>
    {
        private readonly string _repoRoot;
        private readonly string _tablePrefix;

        public InProcessApi(string repoRoot, int port, string tablePrefix)
        {
            _repoRoot = repoRoot;
            _tablePrefix = tablePrefix;
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(_repoRoot, "src", "PartnerHub.Api"));
            builder.UseSetting("Storage:ConnectionString", BenchStorage.DevelopmentStorage);
            builder.UseSetting("Storage:TablePrefix", _tablePrefix);
            builder.UseSetting("Demo:Seed", "true");
            // As production runs: the change's nudge goes to this instance's dispatcher in memory, and what the
            // dispatcher then does is counted as background, apart from the action.
            builder.UseSetting("Outbox:Enabled", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // The report goes to stdout: the host's console logging must not.
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
