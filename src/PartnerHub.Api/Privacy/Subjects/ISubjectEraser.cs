using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// A feature's part of erasure on request (GDPR Art. 17): it erases what it holds about one data subject and keeps the
/// anonymous rest, so every count and report figure stays. Each feature registers one with
/// <see cref="SubjectErasureRegistration.AddSubjectEraser{T}"/>; <see cref="SubjectErasure"/> runs them all.
/// Every write is ETag-conditional on the eraser's own read and safe to run again: a second run finds nothing left.
/// </summary>
public interface ISubjectEraser
{
    /// <summary>
    /// The subject's own record when this feature keeps it (her referral; the person's directory row), else null. The
    /// request's If-Match names its version, and its eraser runs after every other, so a request that failed half-way
    /// still finds the version it was sent with and can be sent again.
    /// </summary>
    Task<SubjectVersion?> RecordAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>Erases what this feature holds about the subject; the kinds and numbers of what it erased, nothing personal.</summary>
    /// <exception cref="SubjectChangedException">The subject's own record changed since <see cref="ErasureRequest.ExpectedVersion"/>.</exception>
    Task<IReadOnlyList<ErasedCount>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken);
}

/// <summary>The subject's own record as read: its version (the ETag a client sends back) and whether it is erased already.</summary>
public sealed record SubjectVersion(string Version, bool Erased);

/// <summary>One erasure request: about whom, by which coordinator (and her tenant), from which version of the subject's record.</summary>
public sealed record ErasureRequest(DataSubject Subject, Actor By, string TenantId, string ExpectedVersion);

/// <summary>How many things of one kind an eraser erased (e.g. <c>referral</c> 1, <c>session-invitation</c> 3).</summary>
public sealed record ErasedCount(string Kind, int Count);

/// <summary>The subject's own record changed between the check and the write: nothing of it was erased, the client reads again.</summary>
public sealed class SubjectChangedException() : Exception("The data subject's record was changed meanwhile.");
