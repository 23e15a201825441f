using System.Globalization;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Outreach;

/// <summary>A correction's outcome, the entry as it is now when she may see it, and the topics' errors when refused as invalid.</summary>
public sealed record TopicsCorrection(ChangeOutcome Outcome, OutreachEntry? Current, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Correcting an outreach entry's topics (GDPR Art. 16): the mother who logged it or a coordinator of its project
/// (<see cref="OutreachAccess"/>), the topics checked by the form's own rule, conditional on the version she read,
/// applied once, committed with the month's counters in one transaction (<see cref="OutreachStore.CorrectAsync"/>) and
/// audited as <see cref="OutreachAction.CorrectTopics"/>, ids only.
/// </summary>
public sealed class OutreachCorrection(OutreachStore store, OutreachLog log, AuditLog audit)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>The entry, when she may correct its topics; null otherwise (absent and not hers look the same). A refusal is audited.</summary>
    public async Task<OutreachEntry?> ReadAsync(Actor actor, string entryId, CancellationToken cancellationToken) =>
        (await ReadStoredAsync(actor, entryId, cancellationToken))?.Entry;

    /// <param name="topics">The topics as the form sends them: theme ids, comma-separated (empty: none).</param>
    public async Task<TopicsCorrection> CorrectAsync(Actor actor, string entryId, int expectedVersion, string topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await ReadStoredAsync(actor, entryId, cancellationToken);
        if (stored is null)
        {
            return new TopicsCorrection(ChangeOutcome.NotFound, null, NoErrors);
        }

        var themes = await log.TopicsAsync(actor.ProjectId, cancellationToken);
        var (corrected, errors) = OutreachForm.ValidateTopics(topics, [.. themes.Themes.Select(t => t.Id)]);
        if (corrected is null)
        {
            return new TopicsCorrection(ChangeOutcome.InvalidInput, stored.Entry, errors);
        }

        // Only the same person sending the same topics from the same version is a retry.
        var key = "correct|" + ChangeFingerprint.Of(
            actor.ObjectId, entryId, expectedVersion.ToString(CultureInfo.InvariantCulture), nameof(OutreachAction.CorrectTopics), new { Topics = corrected });
        if (stored.Entry.Version != expectedVersion)
        {
            var applied = await store.WasAppliedAsync(actor.ProjectId, actor.ObjectId, key, cancellationToken);
            return new TopicsCorrection(applied ? ChangeOutcome.Duplicate : ChangeOutcome.Stale, stored.Entry, NoErrors);
        }

        if (corrected.ToHashSet(StringComparer.Ordinal).SetEquals(stored.Entry.Topics))
        {
            // Nothing to write: the counters already count these topics.
            return new TopicsCorrection(ChangeOutcome.Changed, stored.Entry, NoErrors);
        }

        var after = stored.Entry.WithTopics(corrected);
        var written = await store.CorrectAsync(stored, after, actor.ObjectId, key, cancellationToken);
        if (written != OutreachWrite.Written)
        {
            var current = await store.FindAsync(actor.ProjectId, entryId, cancellationToken);
            return new TopicsCorrection(written == OutreachWrite.Duplicate ? ChangeOutcome.Duplicate : ChangeOutcome.Conflict, current, NoErrors);
        }

        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(OutreachAction.CorrectTopics), OutreachLog.RecordType, entryId, allowed: true, cancellationToken);
        return new TopicsCorrection(ChangeOutcome.Changed, after, NoErrors);
    }

    private async Task<StoredOutreachEntry?> ReadStoredAsync(Actor actor, string entryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = OutreachAccess.Allows(actor, OutreachAction.CorrectTopics) ? await store.FindStoredAsync(actor.ProjectId, entryId, cancellationToken) : null;
        if (stored is null || !OutreachAccess.Allows(actor, OutreachAction.CorrectTopics, stored.Entry))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(OutreachAction.CorrectTopics), OutreachLog.RecordType, OutreachIds.IsValid(entryId) ? entryId : "invalid", allowed: false, cancellationToken);
            return null;
        }

        return stored;
    }
}
