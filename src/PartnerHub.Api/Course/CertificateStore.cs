using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// A certificate issued to one participant and stored in the project's SharePoint folder. <see cref="SignedBy"/> is the
/// coordinator's name as printed over the signature line, kept so the participant's download shows the same signature
/// even after the coordinator has left the project.
/// </summary>
public sealed record IssuedCertificate(
    string ProjectId,
    string CohortId,
    string ParticipantId,
    string DriveItemId,
    string WebUrl,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    string SignedBy);

/// <summary>
/// One row per certificate, <c>course-certificate|{cohort}|{participant}</c> in the project's partition: a point read
/// for one, a prefix query for a cohort's. Issuing again (a retry, or the coordinator issuing anew) replaces the row on
/// the ETag read, so there is never a second one.
/// </summary>
public sealed class CertificateStore(TableStore store, TimeProvider time)
{
    public const string Prefix = "course-certificate|";

    private TableClient Table => store.Table(TableNames.Main);

    public static string Key(string cohortId, string participantId) => $"{Prefix}{cohortId}|{participantId}";

    public async Task<IssuedCertificate?> FindAsync(string projectId, string cohortId, string participantId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !Cohort.IsValidId(cohortId) || !Cohort.IsValidId(participantId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, Key(cohortId, participantId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? Read(entity) : null;
    }

    /// <summary>The cohort's certificates, in participant id order: one prefix query.</summary>
    public async Task<IReadOnlyList<IssuedCertificate>> ListAsync(string projectId, string cohortId, CancellationToken cancellationToken)
    {
        var certificates = new List<IssuedCertificate>();
        if (Project.IsValidId(projectId) && Cohort.IsValidId(cohortId))
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, $"{Prefix}{cohortId}|"), cancellationToken: cancellationToken))
            {
                certificates.Add(Read(row));
            }
        }

        return certificates;
    }

    /// <summary>
    /// Adds or replaces the row, conditional on what was read, in one transaction with the outbox rows that tell of it
    /// (the cards that show it); a concurrent write is re-read once and replaced.
    /// </summary>
    public async Task RecordAsync(IssuedCertificate certificate, IReadOnlyList<OutboxEntry> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(messages);
        var row = new TableEntity(certificate.ProjectId, Key(certificate.CohortId, certificate.ParticipantId))
        {
            ["DriveItemId"] = certificate.DriveItemId,
            ["WebUrl"] = certificate.WebUrl,
            ["IssuedAt"] = certificate.IssuedAt,
            ["IssuedBy"] = certificate.IssuedBy,
            ["SignedBy"] = certificate.SignedBy,
            ["ChangedBy"] = certificate.IssuedBy,
            ["ChangedAt"] = time.GetUtcNow(),
        };
        for (var attempt = 1; ; attempt++)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, select: ["PartitionKey"], cancellationToken: cancellationToken);
            TableTransactionAction write = current.HasValue && current.Value is { } existing
                ? new(TableTransactionActionType.UpdateReplace, row, existing.ETag)
                : new(TableTransactionActionType.Add, row);
            try
            {
                await Table.CommitAsync([write, .. messages.Select(m => m.Action)], cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 2)
            {
                // Another delivery of the same certificate wrote in between: read again and replace it.
            }
        }
    }

    /// <summary>
    /// The certificate's file is gone from SharePoint: its row keeps when and by whom it was issued (the report counts
    /// it) but no longer points at a file, conditional on what was read, in one transaction with the outbox rows.
    /// False when there is no row, or it points at no file already.
    /// </summary>
    public async Task<bool> ForgetFileAsync(string projectId, string cohortId, string participantId, IReadOnlyList<OutboxEntry> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, Key(cohortId, participantId), cancellationToken: cancellationToken);
        if (!current.HasValue || current.Value is not { } row || string.IsNullOrEmpty(row.GetString("DriveItemId")))
        {
            return false;
        }

        row["DriveItemId"] = string.Empty;
        row["WebUrl"] = string.Empty;
        row["ChangedBy"] = CourseChanges.SystemActor;
        row["ChangedAt"] = time.GetUtcNow();
        await Table.CommitAsync([new(TableTransactionActionType.UpdateReplace, row, row.ETag), .. messages.Select(m => m.Action)], cancellationToken);
        return true;
    }

    private static IssuedCertificate Read(TableEntity row)
    {
        var parts = row.RowKey[Prefix.Length..].Split('|');
        return new IssuedCertificate(
            row.PartitionKey,
            parts[0],
            parts[1],
            row.GetString("DriveItemId") ?? string.Empty,
            row.GetString("WebUrl") ?? string.Empty,
            row.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue,
            row.GetString("IssuedBy") ?? string.Empty,
            row.GetString("SignedBy") ?? string.Empty);
    }
}
