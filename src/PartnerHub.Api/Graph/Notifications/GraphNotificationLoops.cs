using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage.Leases;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>
/// A pass at start-up and then one per interval, on the injected <see cref="TimeProvider"/> (tests advance a
/// FakeTimeProvider; nothing sleeps). A failed pass is logged by error type and retried at the next tick.
/// With several instances only the one holding the loop's lease (<see cref="TableLeases.ForLoop"/>: a quarter more than an interval,
/// extended by its holder at each tick) runs the pass; the others skip their ticks until it runs out.
/// </summary>
public abstract partial class GraphLoop(TableLeases leases, TimeProvider time, ILogger logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    protected abstract TimeSpan Interval { get; }

    protected abstract string Name { get; }

    /// <summary>The lease row's key: one loop of a kind at a time across instances.</summary>
    protected abstract string LeaseName { get; }

    /// <summary>Raised after every pass, whether it succeeded or not (tests wait on it instead of on a clock).</summary>
    internal event Action? PassCompleted;

    /// <summary>One pass, callable directly (tests, tools).</summary>
    public abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>One pass if this instance holds (or takes) the loop's lease; false when another instance runs it.</summary>
    public async Task<bool> TryRunOnceAsync(CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(LeaseName, TableLeases.ForLoop(Interval), cancellationToken))
        {
            return false;
        }

        await RunOnceAsync(cancellationToken);
        return true;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Created before ExecuteAsync is scheduled, so a tick that comes while the first pass runs is not lost.
        _timer = new PeriodicTimer(Interval, time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("StartAsync was not called.");
        try
        {
            do
            {
                try
                {
                    await TryRunOnceAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The next tick tries again; a Graph or storage hiccup must not stop the loop for good.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogPassFailed(logger, Name, e.GetType().Name);
                }

                PassCompleted?.Invoke();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Another instance takes over at its next tick instead of after the lease.
        await leases.ReleaseOnStopAsync(LeaseName, cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Loop} pass failed ({ErrorType}); retrying next interval")]
    private static partial void LogPassFailed(ILogger logger, string loop, string errorType);
}

/// <summary>Renews every subscription before it expires (less than RenewBefore left), recreating what Graph dropped.</summary>
public sealed class SubscriptionRenewalLoop(SubscriptionManager manager, TableLeases leases, IOptions<GraphNotificationOptions> options, TimeProvider time, ILogger<SubscriptionRenewalLoop> logger)
    : GraphLoop(leases, time, logger)
{
    protected override TimeSpan Interval => options.Value.RenewalInterval;

    protected override string Name => "Graph subscription renewal";

    protected override string LeaseName => "graph-subscription-renewal";

    public override Task RunOnceAsync(CancellationToken cancellationToken) => manager.RenewDueAsync(cancellationToken);
}

/// <summary>Sweeps every known organiser's calendar every DeltaSweepInterval: nothing is missed while notifications are down.</summary>
public sealed class CalendarDeltaSweepLoop(CalendarDeltaSync sync, TableLeases leases, IOptions<GraphNotificationOptions> options, TimeProvider time, ILogger<CalendarDeltaSweepLoop> logger)
    : GraphLoop(leases, time, logger)
{
    protected override TimeSpan Interval => options.Value.DeltaSweepInterval;

    protected override string Name => "Calendar delta sweep";

    protected override string LeaseName => "graph-delta-sweep";

    public override Task RunOnceAsync(CancellationToken cancellationToken) => sync.SweepAllAsync(cancellationToken);
}

/// <summary>Takes a loop's place when the Graph ports or the sink are not registered: says so once and does nothing.</summary>
internal sealed partial class UnconfiguredLoop(string loop, ILogger<UnconfiguredLoop> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogUnconfigured(logger, loop);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Loop} is off: the Graph gateways or the calendar change sink are not registered")]
    private static partial void LogUnconfigured(ILogger logger, string loop);
}
