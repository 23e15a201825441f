using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Partners;

/// <summary>
/// Erasure on request of a person in the directory: her name goes from her row (an empty first name is an erased one);
/// her object id, role and organisation stay, so what she took part in is still counted and her access is whatever the
/// coordinator decides separately. Her row is the subject's own record: erased last, conditional on the If-Match.
/// </summary>
public sealed class DirectorySubjectEraser(DirectoryStore directory) : ISubjectEraser
{
    public const string MemberKind = "directory-name";

    public async Task<SubjectVersion?> RecordAsync(DataSubject subject, CancellationToken cancellationToken) =>
        subject is DirectoryPerson person && await directory.FindStoredMemberAsync(person.ProjectId, person.ObjectId, cancellationToken) is { } stored
            ? new SubjectVersion(stored.ETag.ToString(), IsErased(stored))
            : null;

    public async Task<IReadOnlyList<ErasedCount>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Subject is not DirectoryPerson person || await directory.FindStoredMemberAsync(person.ProjectId, person.ObjectId, cancellationToken) is not { } stored)
        {
            return [];
        }

        if (stored.ETag.ToString() != request.ExpectedVersion)
        {
            throw new SubjectChangedException();
        }

        if (IsErased(stored))
        {
            return [];
        }

        var fingerprint = ChangeFingerprint.Of(request.By.ObjectId, DirectoryService.MemberRecord(person.ObjectId), request.ExpectedVersion, "EraseMember", new { person.ObjectId });
        var outcome = await directory.ChangeMemberAsync(request.TenantId, stored, stored.Member with { FirstName = string.Empty }, fingerprint, cancellationToken);
        return outcome == DirectoryWriteOutcome.Saved ? [new ErasedCount(MemberKind, 1)] : throw new SubjectChangedException();
    }

    private static bool IsErased(StoredMember stored) => stored.Member.FirstName.Length == 0;
}
