using PartnerHub.Api.Documents;

namespace PartnerHub.Api.AuditTrail;

/// <summary>
/// The audit trail as CSV for Danish Excel (the one rule, <see cref="ExcelCsv"/>): a header line, then one line per
/// row, newest first. Times in Copenhagen in the house style; the person by name and by object id, so a data
/// protection officer can follow someone no longer in the directory.
/// </summary>
public static class AuditTrailCsv
{
    public static byte[] Create(AuditTrailPage page, AuditTrailText text)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(text);
        var csv = new ExcelCsv();
        csv.Line(text["columns.at"], text["columns.person"], text["columns.objectId"], text["columns.action"], text["columns.record"], text["columns.recordId"], text["columns.outcome"]);
        foreach (var entry in page.Entries)
        {
            csv.Line(text.At(entry.At), page.Person(entry, text), entry.Actor, text.Action(entry.Action), text.RecordType(entry.RecordType), entry.RecordId, text.Outcome(entry.Allowed));
        }

        return csv.ToBytes();
    }

    /// <summary>"revisionsspor-vollsmose-2026-11-05_2026-12-04.csv": the project id and the dates only, never a name.</summary>
    public static string FileName(string projectId, AuditTrailFilter filter, AuditTrailText text)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(text);
        return $"{text["fileName"]}-{projectId}-{AuditTrailFilter.IsoDate(filter.From)}_{AuditTrailFilter.IsoDate(filter.To)}.csv";
    }
}
