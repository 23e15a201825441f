using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Privacy;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Erases the personal part of referrals whose retention has run out (RetentionPolicy), project by project,
/// reading only the ended-state indexes. Each erasure is an ETag-conditional change with an outbox row that
/// updates the cards still showing her name, exactly like a withdrawal; a lost race is simply tried next time.
/// With several instances the pass runs on the one holding the lease <c>retention-sweep</c> (a quarter longer than one interval,
/// extended by its holder at each tick); an erasure two passes race for still commits once (ETag and idempotency
/// row), and only the pass whose commit succeeded audits it.
/// </summary>
public sealed partial class RetentionSweep(
    ReferralStore referrals,
    ReferralService service,
    ProjectRegistry registry,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    AuditLog audit,
    TableLeases leases,
    TimeProvider time,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    [AuditAction]
    public const string EraseAction = "Erase";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public const string LeaseName = "retention-sweep";

    private static readonly ReferralState[] Ended = [ReferralState.Closed, ReferralState.Declined, ReferralState.Withdrawn];

    /// <summary>One pass over every project. Returns how many referrals were erased.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        var now = time.GetUtcNow();
        await foreach (var projectId in registry.ListAsync(cancellationToken))
        {
            foreach (var state in Ended)
            {
                string? token = null;
                do
                {
                    var (ids, next) = await referrals.PageAsync(projectId, ReferralStore.StateIndex(state), 100, token, cancellationToken);
                    foreach (var id in ids)
                    {
                        if (await EraseIfDueAsync(projectId, id, now, cancellationToken))
                        {
                            erased++;
                        }
                    }

                    token = next;
                }
                while (token is not null);
            }
        }

        if (erased > 0)
        {
            LogErased(logger, erased);
        }

        return erased;
    }

    /// <summary>One pass if this instance holds (or takes) the sweep's lease; null when another instance sweeps.</summary>
    public async Task<int?> TrySweepOnceAsync(CancellationToken cancellationToken) =>
        await leases.TryAcquireAsync(LeaseName, TableLeases.ForLoop(Interval), cancellationToken) ? await SweepOnceAsync(cancellationToken) : null;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Another instance takes over at its next tick instead of after the lease.
        await leases.ReleaseOnStopAsync(LeaseName, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await TrySweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The next pass tries again; a storage hiccup must not stop erasure for good.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> EraseIfDueAsync(string projectId, string referralId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await referrals.FindAsync(projectId, referralId, cancellationToken);
        if (stored is null || !RetentionPolicy.IsErasureDue(stored.Referral, now))
        {
            return false;
        }

        var messages = new List<OutboxEntry> { outbox.Create(projectId, ReferralNotifications.UpdateCards(referralId)) };
        messages.AddRange((await service.OnwardCardUpdatesAsync(projectId, referralId, cancellationToken)).Select(m => outbox.Create(projectId, m)));
        try
        {
            await referrals.UpdateAsync(stored, stored.Referral.Erased(now), "erase|" + referralId + "|" + stored.Version, messages.Select(m => m.Action), cancellationToken);
        }
        catch (Exception e) when (e is ReferralConflictException or DuplicateRequestException)
        {
            return false;
        }

        await nudge.NudgeAsync(messages, cancellationToken);
        await audit.RecordAsync(projectId, "retention", EraseAction, ReferralService.RecordType, referralId, allowed: true, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: erased the personal data of {Count} ended referrals")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed ({ErrorType}); retrying next interval")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
