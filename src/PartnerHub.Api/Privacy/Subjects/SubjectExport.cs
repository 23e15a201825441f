using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>Everything an export holds: the features' sections, the audit rows about her records, and people's names.</summary>
public sealed record SubjectExportContent(
    DataSubject Subject,
    string ExportedBy,
    DateTimeOffset ExportedAt,
    IReadOnlyList<SubjectSection> Sections,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyDictionary<string, string> Names);

/// <summary>
/// A data-subject access request (GDPR Art. 15): asks every registered <see cref="ISubjectDataSource"/> what its feature
/// holds about one subject, reads who read or changed her records from the audit, and audits the export itself.
/// </summary>
public sealed class SubjectExport(IEnumerable<ISubjectDataSource> sources, IEnumerable<ISubjectNames> names, AuditLog audit, TimeProvider time)
{
    [AuditAction]
    public const string Action = "subject.export";

    /// <summary>The export of <paramref name="subject"/> made by <paramref name="actorObjectId"/>; null when PartnerHub holds nothing about her.</summary>
    public async Task<SubjectExportContent?> ExportAsync(DataSubject subject, string actorObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var read = await Task.WhenAll(sources.Select(source => source.ReadAsync(subject, cancellationToken)));
        var sections = read.SelectMany(s => s).Where(s => s.Records.Count > 0).ToList();
        var (recordType, recordId) = subject.AuditRecord;

        // Recorded before the audit is read, so the document lists this export too.
        await audit.RecordAsync(subject.ProjectId, actorObjectId, Action, recordType, recordId, allowed: true, cancellationToken);
        if (sections.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var entries = await AuditAsync(subject, sections, now, cancellationToken);
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in names)
        {
            foreach (var (objectId, name) in await directory.FirstNamesAsync(subject.ProjectId, cancellationToken))
            {
                known.TryAdd(objectId, name);
            }
        }

        return new SubjectExportContent(subject, actorObjectId, now, sections, entries, known);
    }

    /// <summary>Today's Copenhagen date as "yyyy-MM-dd", for a file name that names no one.</summary>
    public string Today() => Core.Localization.CopenhagenTime.DateOf(time.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The audit rows of her records since the oldest was made (at most <see cref="AuditQuery.MaxMonths"/> months back), newest first.</summary>
    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(DataSubject subject, List<SubjectSection> sections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now.AddMinutes(1);
        var floor = new DateTimeOffset(until.UtcDateTime.Year, until.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1 - AuditQuery.MaxMonths);
        var since = sections.Select(s => s.Since).OfType<DateTimeOffset>().DefaultIfEmpty(floor).Min();
        var from = since < floor ? floor : since.AddMinutes(-1);
        var records = sections.SelectMany(s => s.AuditedAs).Prepend(subject.AuditRecord).Distinct().ToList();

        var entries = new List<AuditEntry>();
        foreach (var (recordType, recordId) in records)
        {
            await foreach (var entry in audit.ReadAsync(subject.ProjectId, new AuditQuery(from, until, RecordType: recordType, RecordId: recordId), cancellationToken))
            {
                entries.Add(entry);
            }
        }

        return [.. entries.OrderByDescending(e => e.At)];
    }
}
