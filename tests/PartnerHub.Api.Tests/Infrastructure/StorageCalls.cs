using System.Diagnostics.Metrics;
using PartnerHub.Api.Observability;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>
/// The storage calls one action makes, from the API's own counter (<c>partnerhub.storage.requests</c>, counted by
/// <see cref="PartnerHub.Api.Storage.StorageRequestCounter"/>), each named "table-or-queue operation" without the host's
/// prefix. The meter is process-wide and other classes run beside the caller: only calls made in the flow of
/// <see cref="CountAsync"/> count, so the host must keep the caller's execution context
/// (<c>Server.PreserveExecutionContext = true</c>).
/// </summary>
public sealed class StorageCalls : IDisposable
{
    private readonly AsyncLocal<bool> _mine = new();
    private readonly MeterListener _listener = new();
    private readonly List<string> _calls = [];
    private readonly string _prefix;

    private readonly bool _anyFlow;

    /// <param name="tablePrefix">The host's table prefix, left out of the names.</param>
    /// <param name="anyFlow">
    /// Every call to this prefix's tables and queues, in whatever flow (a background loop's too): for a prefix no other
    /// test uses, read through <see cref="Calls"/>.
    /// </param>
    public StorageCalls(string tablePrefix, bool anyFlow = false)
    {
        _prefix = tablePrefix;
        _anyFlow = anyFlow;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "partnerhub.storage.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _listener.Start();
    }

    /// <summary>Runs the action and answers its storage calls in the order they were made.</summary>
    public async Task<string[]> CountAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // Set in this async method, so it flows into the action's calls and ends with it.
        _mine.Value = true;
        lock (_calls)
        {
            _calls.Clear();
        }

        await action();
        lock (_calls)
        {
            return [.. _calls];
        }
    }

    /// <summary>The calls so far, in the order they were made.</summary>
    public string[] Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? target = null, operation = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "target")
            {
                target = tag.Value as string;
            }
            else if (tag.Key == "operation")
            {
                operation = tag.Value as string;
            }
        }

        if (target is null || !(_anyFlow ? target.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase) : _mine.Value))
        {
            return;
        }

        // Tables keep the prefix's case, queues are lowercase.
        var name = target.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase) ? target[_prefix.Length..] : target;
        lock (_calls)
        {
            _calls.Add(name + " " + operation);
        }
    }
}
