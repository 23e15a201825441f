using Azure;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>What became of a threshold change.</summary>
public enum ThresholdOutcome
{
    Saved,

    /// <summary>Not a whole number from <see cref="SuppressionRule.MinThreshold"/> to <see cref="SuppressionRule.MaxThreshold"/>.</summary>
    Invalid,

    /// <summary>Someone changed it since it was read: <see cref="ThresholdChange.Settings"/> holds what is stored now.</summary>
    Stale,

    /// <summary>Not the project's coordinator.</summary>
    Forbidden,
}

/// <summary>The outcome, with the settings as stored after it (null when forbidden).</summary>
public sealed record ThresholdChange(ThresholdOutcome Outcome, StoredReportSettings? Settings);

/// <summary>
/// The project's small-number threshold for the REST endpoint and the tab alike: coordinators only, the range from
/// <see cref="SuppressionRule"/>, ETag-conditional, and every attempt audited with who made it.
/// </summary>
public sealed class ReportSettingsService(ReportSettingsStore store, AuditLog audit, TimeProvider time)
{
    [AuditAction]
    public const string AuditAction = "ChangeReportThreshold";

    /// <summary>Her project's settings when she is its coordinator; otherwise null.</summary>
    public async Task<StoredReportSettings?> ReadAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == ProjectRole.Coordinator ? await store.ReadAsync(actor.ProjectId, cancellationToken) : null;
    }

    /// <param name="expected">The ETag she read; null when she saw the default (never set).</param>
    public async Task<ThresholdChange> ChangeAsync(Actor actor, int? threshold, ETag? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != ProjectRole.Coordinator)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, AuditAction, "report", "settings", allowed: false, cancellationToken);
            return new ThresholdChange(ThresholdOutcome.Forbidden, null);
        }

        if (!SuppressionRule.IsValidThreshold(threshold))
        {
            return new ThresholdChange(ThresholdOutcome.Invalid, null);
        }

        var written = await store.WriteAsync(actor.ProjectId, new SuppressionRule(threshold!.Value), expected, actor.ObjectId, time.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, AuditAction, "report", "settings", allowed: written is not null, cancellationToken);
        return written is null
            ? new ThresholdChange(ThresholdOutcome.Stale, await store.ReadAsync(actor.ProjectId, cancellationToken))
            : new ThresholdChange(ThresholdOutcome.Saved, written);
    }
}
