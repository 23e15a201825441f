using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

/// <summary>Something a person does to a referral on a card or through REST.</summary>
public abstract record ReferralCommand(ReferralAction Action);

public sealed record AcceptReferral() : ReferralCommand(ReferralAction.Accept);

public sealed record DeclineReferral(DeclineReason Reason) : ReferralCommand(ReferralAction.Decline);

/// <summary>Assign (or reassign) to a neighbourhood mother. From Submitted it accepts and assigns in one step.</summary>
public sealed record AssignReferral(string MotherObjectId) : ReferralCommand(ReferralAction.Assign);

public sealed record RecordContact() : ReferralCommand(ReferralAction.RecordContact);

public sealed record CloseReferral(ReferralOutcome Outcome) : ReferralCommand(ReferralAction.Close);

/// <summary>Consent withdrawn: the referral ends and every personal field is erased in the same change.</summary>
public sealed record WithdrawReferral() : ReferralCommand(ReferralAction.Withdraw);

public sealed record EditMotherNotes(string? Notes) : ReferralCommand(ReferralAction.EditNotes);

public enum TransitionError
{
    /// <summary>The actor may not do this to this referral (ARCHITECTURE §7).</summary>
    Forbidden,

    /// <summary>The referral's state does not allow this step (e.g. closing a referral nobody has contacted).</summary>
    InvalidTransition,

    /// <summary>The command's data is not acceptable (e.g. notes too long).</summary>
    InvalidInput,
}

/// <summary>The referral after a command, or why it was refused.</summary>
public sealed record TransitionResult(Referral? Referral, TransitionError? Error)
{
    public bool Succeeded => Error is null;

    public static TransitionResult Ok(Referral referral) => new(referral, null);

    public static TransitionResult Refused(TransitionError error) => new(null, error);
}

/// <summary>
/// The referral state machine: <c>Submitted → Accepted | Declined → Assigned → Contacted → Closed</c>, and
/// <c>Withdrawn</c> from any open state. Pure: access is checked here too, so no caller can forget it.
/// </summary>
public static class ReferralWorkflow
{
    public const int MaxNotesLength = 1000;

    /// <summary>The states from which each action may start.</summary>
    public static IReadOnlySet<ReferralState> AllowedFrom(ReferralAction action) => action switch
    {
        ReferralAction.Accept => Set(ReferralState.Submitted),
        ReferralAction.Decline => Set(ReferralState.Submitted, ReferralState.Accepted),
        // From Contacted too: when her neighbourhood mother stops, the woman still needs one; the new one starts over.
        ReferralAction.Assign => Set(ReferralState.Submitted, ReferralState.Accepted, ReferralState.Assigned, ReferralState.Contacted),
        ReferralAction.RecordContact => Set(ReferralState.Assigned),
        // Not reached: a mother may close without having made contact, but only with that outcome (checked below).
        ReferralAction.Close => Set(ReferralState.Assigned, ReferralState.Contacted),
        ReferralAction.Withdraw => Set(ReferralState.Submitted, ReferralState.Accepted, ReferralState.Assigned, ReferralState.Contacted),
        ReferralAction.EditNotes => Set(ReferralState.Assigned, ReferralState.Contacted, ReferralState.Closed),
        // Her details are correct for as long as they are kept; a withdrawn referral has none left.
        ReferralAction.Rectify => Set(ReferralState.Submitted, ReferralState.Accepted, ReferralState.Declined, ReferralState.Assigned, ReferralState.Contacted, ReferralState.Closed),
        _ => Set(),
    };

    public static TransitionResult Apply(Referral referral, ReferralCommand command, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);

        if (!ReferralAccess.Allows(actor, command.Action, referral))
        {
            return TransitionResult.Refused(TransitionError.Forbidden);
        }

        // An erased referral is only its anonymous remainder: nothing may happen to it any more. Without this, notes
        // written into a closed referral after retention erasure would never be erased (ErasedAt is already set).
        if (referral.ErasedAt is not null || !AllowedFrom(command.Action).Contains(referral.State))
        {
            return TransitionResult.Refused(TransitionError.InvalidTransition);
        }

        return command switch
        {
            AcceptReferral => Moved(referral, ReferralState.Accepted, actor, now),
            DeclineReferral decline => Moved(referral with { DeclineReason = decline.Reason }, ReferralState.Declined, actor, now),
            AssignReferral assign when string.IsNullOrWhiteSpace(assign.MotherObjectId) => TransitionResult.Refused(TransitionError.InvalidInput),
            // Reassigning to the same mother changes nothing: no event, no notification.
            AssignReferral assign when Referral.WithMother(referral.State) && referral.AssignedMotherId == assign.MotherObjectId =>
                TransitionResult.Refused(TransitionError.InvalidTransition),
            // A mother's notes are hers: a reassigned referral reaches the next mother without them.
            AssignReferral assign => Moved(referral with { AssignedMotherId = assign.MotherObjectId, MotherNotes = Referral.WithMother(referral.State) ? null : referral.MotherNotes }, ReferralState.Assigned, actor, now),
            RecordContact => Moved(referral, ReferralState.Contacted, actor, now),
            CloseReferral close when referral.State == ReferralState.Assigned && close.Outcome != ReferralOutcome.NotReached =>
                TransitionResult.Refused(TransitionError.InvalidTransition),
            CloseReferral close => Moved(referral with { Outcome = close.Outcome }, ReferralState.Closed, actor, now),
            WithdrawReferral => Moved(referral.Erased(now), ReferralState.Withdrawn, actor, now),
            // The limit applies to what is stored, i.e. after trimming.
            EditMotherNotes notes when notes.Notes?.Trim() is { Length: > MaxNotesLength } => TransitionResult.Refused(TransitionError.InvalidInput),
            // A correction changes her details only, and only the fields this person may correct (ReferralCorrection).
            CorrectedPerson corrected when ReferralCorrection.Refused(actor, referral, corrected).Count > 0 => TransitionResult.Refused(TransitionError.Forbidden),
            CorrectedPerson corrected => TransitionResult.Ok(referral with { Person = corrected.Person, Consent = corrected.Consent }),
            RectifyReferral => TransitionResult.Refused(TransitionError.InvalidInput),
            EditMotherNotes notes => TransitionResult.Ok(referral with { MotherNotes = string.IsNullOrWhiteSpace(notes.Notes) ? null : notes.Notes.Trim() }),
            _ => TransitionResult.Refused(TransitionError.InvalidTransition),
        };
    }

    private static TransitionResult Moved(Referral referral, ReferralState state, Actor actor, DateTimeOffset now) =>
        TransitionResult.Ok(referral with
        {
            State = state,
            History = [.. referral.History, new ReferralEvent(state, now, actor.Role)],
        });

    private static HashSet<ReferralState> Set(params ReferralState[] states) => [.. states];
}
