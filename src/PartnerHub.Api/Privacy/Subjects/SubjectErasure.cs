using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Privacy.Subjects;

public enum ErasureOutcome
{
    /// <summary>Erased now (or nothing was left to erase on a repeat): <see cref="ErasureResult.Erased"/> says what.</summary>
    Erased,

    /// <summary>No such woman or person in the project, or the caller is not its coordinator.</summary>
    NotFound,

    /// <summary>The subject's record changed since the version sent: nothing was erased.</summary>
    Stale,
}

/// <param name="CurrentVersion">The record's version now, for the ETag header (not on <see cref="ErasureOutcome.NotFound"/>).</param>
public sealed record ErasureResult(ErasureOutcome Outcome, IReadOnlyList<ErasedCount> Erased, string? CurrentVersion);

/// <summary>
/// Erasure on request across every feature: finds the subject's own record (one eraser keeps it), checks the version
/// the coordinator saw, runs every other eraser, then the record's own. Imports no feature: the erasers come from DI.
/// Audited once per request as <see cref="AuditAction"/>, refused or done.
/// </summary>
public sealed class SubjectErasure(IEnumerable<ISubjectEraser> erasers, AuditLog audit)
{
    [AuditAction]
    public const string AuditAction = "subject.erase";

    public async Task<ErasureResult> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (recordType, recordId) = request.Subject.AuditRecord;
        var (holder, record) = await FindRecordAsync(request.Subject, cancellationToken);
        if (record is null || request.By.Role != ProjectRole.Coordinator || request.By.ProjectId != request.Subject.ProjectId)
        {
            await audit.RecordAsync(request.Subject.ProjectId, request.By.ObjectId, AuditAction, recordType, recordId, allowed: false, cancellationToken);
            return new ErasureResult(ErasureOutcome.NotFound, [], null);
        }

        // An erased record is only its anonymous rest: a repeat (its version moved with the erasure) runs again and
        // finds nothing left, so a request that stopped half-way is completed by sending it again.
        if (!record.Erased && record.Version != request.ExpectedVersion)
        {
            return new ErasureResult(ErasureOutcome.Stale, [], record.Version);
        }

        var run = request with { ExpectedVersion = record.Version };
        var erased = new List<ErasedCount>();
        try
        {
            foreach (var eraser in erasers.Where(e => e != holder).Append(holder!))
            {
                erased.AddRange(await eraser.EraseAsync(run, cancellationToken));
            }
        }
        catch (SubjectChangedException)
        {
            var now = await holder!.RecordAsync(request.Subject, cancellationToken);
            return new ErasureResult(ErasureOutcome.Stale, [], now?.Version);
        }

        await audit.RecordAsync(request.Subject.ProjectId, request.By.ObjectId, AuditAction, recordType, recordId, allowed: true, cancellationToken);
        var after = await holder!.RecordAsync(request.Subject, cancellationToken);
        var summary = erased.GroupBy(c => c.Kind, StringComparer.Ordinal)
            .Select(g => new ErasedCount(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Count > 0)
            .OrderBy(c => c.Kind, StringComparer.Ordinal)
            .ToList();
        return new ErasureResult(ErasureOutcome.Erased, summary, after?.Version);
    }

    private async Task<(ISubjectEraser? Holder, SubjectVersion? Record)> FindRecordAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        foreach (var eraser in erasers)
        {
            if (await eraser.RecordAsync(subject, cancellationToken) is { } record)
            {
                return (eraser, record);
            }
        }

        return (null, null);
    }
}
