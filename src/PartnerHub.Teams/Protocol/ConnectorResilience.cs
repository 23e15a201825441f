using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace PartnerHub.Teams.Protocol;

/// <summary>Told about every retry the Connector pipeline schedules (metrics, tests). Optional.</summary>
public interface IConnectorRetryObserver
{
    void OnRetry(ConnectorRetryInfo retry);
}

/// <param name="AttemptNumber">0 for the first retry.</param>
/// <param name="Delay">The wait the pipeline was asked to use before the next attempt.</param>
/// <param name="StatusCode">The status that caused the retry, or null for a network error / timeout.</param>
public readonly record struct ConnectorRetryInfo(int AttemptNumber, TimeSpan Delay, int? StatusCode);

/// <summary>The resilience pipeline for Connector calls: total timeout → retry (Retry-After aware) → per-attempt timeout.</summary>
internal static partial class ConnectorResilience
{
    public const string PipelineName = "connector";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.Connector;
        var time = services.GetRequiredService<TimeProvider>();
        var observers = services.GetServices<IConnectorRetryObserver>().ToArray();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectorClient>();
        builder.TimeProvider = time;

        builder.AddTimeout(options.TotalTimeout);
        // Polly refuses a retry strategy of zero retries; "no retries" (allowed by the options) is simply none.
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                // Default predicate: HttpRequestException, attempt timeout, 408, 429 and 5xx.
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                // Retry-After is read by our generator so an HTTP-date is measured against the injected clock.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args =>
                    new ValueTask<TimeSpan?>(args.Outcome.Result is { } response && TryGetRetryAfter(response.Headers.RetryAfter, time, out var delay)
                        ? (delay > options.MaxDelay ? options.MaxDelay : delay)
                        : null),
                OnRetry = args =>
                {
                    var status = (int?)args.Outcome.Result?.StatusCode;
                    LogRetry(logger, args.AttemptNumber + 1, status, args.RetryDelay.TotalMilliseconds);
                    var info = new ConnectorRetryInfo(args.AttemptNumber, args.RetryDelay, status);
                    foreach (var observer in observers)
                    {
                        observer.OnRetry(info);
                    }

                    // The response being retried is not handed back to anyone; release its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>Retry-After as delta-seconds or HTTP-date (RFC 9110 §10.2.3); a date in the past means "now".</summary>
    internal static bool TryGetRetryAfter(RetryConditionHeaderValue? header, TimeProvider time, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (header?.Delta is { } delta)
        {
            delay = delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            return true;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            delay = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector call retry {Attempt} after status {Status}, waiting {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int attempt, int? status, double delayMs);
}
