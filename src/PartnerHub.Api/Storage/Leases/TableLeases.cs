using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage.Leases;

/// <summary>
/// One holder at a time, across every instance on the storage account, for work that must run on one instance only
/// (a singleton loop's pass). A lease is the row <c>_leases/{name}</c> in the main table: its holder and until when.
/// Taking it is an Add (none yet) or a Replace conditional on the ETag read, when it has run out or is already ours,
/// so of two instances asking at once exactly one gets it. A holder that dies loses it when it runs out.
/// </summary>
public sealed partial class TableLeases(TableStore store, TimeProvider time, ILogger<TableLeases> logger)
{
    public const string Partition = "_leases";

    private const string HolderColumn = "Holder";
    private const string UntilColumn = "Until";

    /// <summary>
    /// A periodic loop's lease: its interval and a quarter more, so the holder's next tick extends it before another
    /// instance's tick can find it run out (timers drift); if the holder dies, another takes over within about two intervals.
    /// </summary>
    public static TimeSpan ForLoop(TimeSpan interval) => interval + (interval / 4);

    /// <summary>This instance, as lease rows name it: random per process start (per host in tests), never a machine name.</summary>
    public string Holder { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>
    /// Takes or extends the lease <paramref name="name"/> until now + <paramref name="duration"/>. True when this
    /// instance holds it now; false when another holds it unexpired or took it first.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = time.GetUtcNow();
        var row = new TableEntity(Partition, name) { [HolderColumn] = Holder, [UntilColumn] = now + duration };
        var read = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, name, select: [HolderColumn, UntilColumn], cancellationToken: cancellationToken);
        try
        {
            if (!read.HasValue || read.Value is not { } current)
            {
                await Table.AddEntityAsync(row, cancellationToken);
            }
            else if (IsHeldByAnother(current, now))
            {
                return false;
            }
            else
            {
                await Table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            LogLost(logger, name);
            return false;
        }

        return true;
    }

    /// <summary>Gives the lease up if this instance holds it (on shutdown), so another takes over at its next pass, not after the lease.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, name, select: [HolderColumn, UntilColumn], cancellationToken: cancellationToken);
        if (!read.HasValue || read.Value is not { } current || !string.Equals(current.GetString(HolderColumn), Holder, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await Table.DeleteEntityAsync(Partition, name, current.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over meanwhile: it is someone else's now.
        }
    }

    /// <summary>
    /// <see cref="ReleaseAsync"/> at a loop's stop, best effort: a lease left behind only runs out, so a failure is logged
    /// and never stops the shutdown.
    /// </summary>
    public async Task ReleaseOnStopAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await ReleaseAsync(name, cancellationToken);
        }
#pragma warning disable CA1031 // Best effort: an unreleased lease only runs out.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, name, e.GetType().Name);
        }
    }

    private bool IsHeldByAnother(TableEntity current, DateTimeOffset now) =>
        !string.Equals(current.GetString(HolderColumn), Holder, StringComparison.Ordinal)
        && (current.GetDateTimeOffset(UntilColumn) ?? DateTimeOffset.MinValue) > now;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Lease} could not be released at stop ({ErrorType}); it runs out instead")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, string errorType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Lease} was taken by another instance first")]
    private static partial void LogLost(ILogger logger, string lease);
}
