using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>The project's report settings as read, with the ETag a change must match (<c>null</c> ETag: never set).</summary>
public sealed record StoredReportSettings(SuppressionRule Rule, ETag? ETag);

/// <summary>
/// The project's report settings: the small-number threshold (default 5, at least 2), at <c>report-settings</c> in the
/// project's partition. Kept apart from the project row so a coordinator's change here never races the project's own edits.
/// </summary>
public sealed class ReportSettingsStore(TableStore store)
{
    public const string RowKey = "report-settings";

    private TableClient Table => store.Table(TableNames.Main);

    public async Task<StoredReportSettings> ReadAsync(string projectId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return new StoredReportSettings(SuppressionRule.Default, null);
        }

        var threshold = entity.GetInt32("Threshold") ?? SuppressionRule.DefaultThreshold;
        return new StoredReportSettings(new SuppressionRule(Math.Max(2, threshold)), entity.ETag);
    }

    /// <summary>
    /// Writes the threshold if the row is still as read: <paramref name="expected"/> null means "never set" (the row
    /// must not exist). False when someone changed it first.
    /// </summary>
    public async Task<StoredReportSettings?> WriteAsync(string projectId, SuppressionRule rule, ETag? expected, string changedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(projectId, RowKey) { ["Threshold"] = rule.Threshold, ["ChangedBy"] = changedBy, ["ChangedAt"] = at };
        try
        {
            var response = expected is { } etag
                ? await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : await Table.AddEntityAsync(entity, cancellationToken);
            return new StoredReportSettings(rule, response.Headers.ETag);
        }
        catch (RequestFailedException e) when (ClientETags.IsStale(e, expected is not null))
        {
            return null;
        }
    }
}
