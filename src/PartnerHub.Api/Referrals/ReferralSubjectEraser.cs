using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Erasure on her request: her referral's personal fields, in one ETag-conditional transaction with the outbox rows
/// that update every card showing her (the referral's and its onward referrals'), as a withdrawal does, but the state
/// and everything counted stay (<see cref="ReferralErasure"/>). Onward referrals hold nothing of hers: they show her
/// through the referral. A directory person has nothing here.
/// </summary>
public sealed class ReferralSubjectEraser(
    ReferralStore referrals,
    ReferralService service,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    ReferralChangeSignal signal,
    TimeProvider time) : ISubjectEraser
{
    public const string ReferralKind = "referral";
    public const string OnwardCardsKind = "onward-referral";

    public async Task<SubjectVersion?> RecordAsync(DataSubject subject, CancellationToken cancellationToken) =>
        subject is ReferredWoman woman && await referrals.FindAsync(woman.ProjectId, woman.ReferralId, cancellationToken) is { } stored
            ? new SubjectVersion(stored.Version, stored.Referral.ErasedAt is not null)
            : null;

    public async Task<IReadOnlyList<ErasedCount>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Subject is not ReferredWoman woman || await referrals.FindAsync(woman.ProjectId, woman.ReferralId, cancellationToken) is not { } stored)
        {
            return [];
        }

        if (stored.Version != request.ExpectedVersion)
        {
            throw new SubjectChangedException();
        }

        var result = ReferralErasure.OnRequest(stored.Referral, request.By, time.GetUtcNow());
        if (result.Referral is not { } erased)
        {
            throw new UnauthorizedAccessException("Only the project's coordinator erases on request.");
        }

        if (ReferenceEquals(erased, stored.Referral))
        {
            return [];
        }

        var onwardUpdates = await service.OnwardCardUpdatesAsync(woman.ProjectId, woman.ReferralId, cancellationToken);
        var messages = new List<OutboxEntry> { outbox.Create(woman.ProjectId, ReferralNotifications.UpdateCards(woman.ReferralId)) };
        messages.AddRange(onwardUpdates.Select(m => outbox.Create(woman.ProjectId, m)));
        try
        {
            await referrals.UpdateAsync(stored, erased, "erase-request|" + woman.ReferralId + "|" + stored.Version, messages.Select(m => m.Action), cancellationToken);
        }
        catch (ReferralConflictException)
        {
            throw new SubjectChangedException();
        }
        catch (DuplicateRequestException)
        {
            // Committed by a request racing this one: its cards are on their way.
            return [];
        }

        signal.Raise(woman.ProjectId, woman.ReferralId);
        await nudge.NudgeAsync(messages, cancellationToken);
        return [new ErasedCount(ReferralKind, 1), new ErasedCount(OnwardCardsKind, onwardUpdates.Count)];
    }
}
