using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Outreach;

/// <summary>The answer to a log request: the entry (new or the repeat's), or the form's errors, or forbidden.</summary>
public sealed record LogResult(OutreachEntry? Entry, IReadOnlyDictionary<string, string> Errors, bool Duplicate, bool Forbidden);

/// <summary>
/// The outreach log's one path, for cards and REST alike: access (<see cref="OutreachAccess"/>), the form
/// (<see cref="OutreachForm"/>), then one transaction (<see cref="OutreachStore"/>).
/// </summary>
public sealed class OutreachLog(OutreachStore store, AuditLog audit, TimeProvider time, IProjectThemes? themes = null)
{
    public const string RecordType = "outreach";
    public const int MaxListSize = 50;

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public DateOnly Today() => CopenhagenTime.DateOf(time.GetUtcNow());

    /// <summary>The topics she may choose: the themes of the project's course catalogue.</summary>
    public async Task<ThemeCatalogue> TopicsAsync(string projectId, CancellationToken cancellationToken) =>
        themes is null ? ThemeCatalogue.Default : await themes.ForProjectAsync(projectId, cancellationToken);

    /// <param name="requestKey">Her retry key (the card's request id, REST's Idempotency-Key): the same key is applied once.</param>
    public async Task<LogResult> LogAsync(Actor actor, OutreachFormInput input, string requestKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!OutreachAccess.Allows(actor, OutreachAction.Log))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(OutreachAction.Log), RecordType, "-", allowed: false, cancellationToken);
            return new LogResult(null, NoErrors, Duplicate: false, Forbidden: true);
        }

        var themes = await TopicsAsync(actor.ProjectId, cancellationToken);
        var (form, errors) = OutreachForm.Validate(input, [.. themes.Themes.Select(t => t.Id)], Today());
        if (form is null)
        {
            return new LogResult(null, errors, Duplicate: false, Forbidden: false);
        }

        var entry = OutreachEntry.Log(OutreachIds.New(), actor.ProjectId, actor.ObjectId, form, time.GetUtcNow());
        var logged = await store.LogAsync(entry, requestKey, cancellationToken);
        if (!logged.Duplicate)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(OutreachAction.Log), RecordType, entry.Id, allowed: true, cancellationToken);
        }

        return new LogResult(logged.Entry, NoErrors, logged.Duplicate, Forbidden: false);
    }

    /// <summary>Her own newest entries; null when she may not keep a log.</summary>
    public async Task<IReadOnlyList<OutreachEntry>?> ListOwnAsync(Actor actor, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return OutreachAccess.Allows(actor, OutreachAction.ReadOwn)
            ? await store.ListOwnAsync(actor.ProjectId, actor.ObjectId, Math.Clamp(take, 1, MaxListSize), cancellationToken)
            : null;
    }

    /// <summary>One entry of her own; null when absent or not hers (the two look the same).</summary>
    public async Task<OutreachEntry?> FindOwnAsync(Actor actor, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!OutreachAccess.Allows(actor, OutreachAction.ReadOwn))
        {
            return null;
        }

        var entry = await store.FindAsync(actor.ProjectId, id, cancellationToken);
        return entry is not null && OutreachAccess.Allows(actor, OutreachAction.ReadOwn, entry) ? entry : null;
    }

    /// <summary>A month's counts for the coordinator; null when she may not read them.</summary>
    public async Task<OutreachMonth?> MonthAsync(Actor actor, DateOnly month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return OutreachAccess.Allows(actor, OutreachAction.ReadCounts)
            ? (await store.ReadMonthAsync(actor.ProjectId, month, cancellationToken)).Month
            : null;
    }
}
