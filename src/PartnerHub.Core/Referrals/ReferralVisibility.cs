using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// What of a referral a view may carry beyond its id, reference, state and dates (which every view carries: they are
/// anonymous). Personal fields disappear once her data is erased (consent withdrawn, retention expired).
/// </summary>
public enum ReferralField
{
    /// <summary>Her first name or initials.</summary>
    FirstName,

    /// <summary>The states the referral went through, with dates (no names).</summary>
    Timeline,

    /// <summary>The need categories (anonymous; kept after erasure).</summary>
    Needs,
    Languages,
    Area,

    /// <summary>How and when to reach her (channel and time), without the phone number.</summary>
    Contact,

    /// <summary>The phone number: for the mother who calls her only.</summary>
    Phone,

    /// <summary>The referrer's short note.</summary>
    Note,
    Consent,
    DeclineReason,
    Outcome,

    /// <summary>Which organisation referred her.</summary>
    ReferrerOrganisation,

    /// <summary>Which person referred her (an Entra object id).</summary>
    Referrer,

    /// <summary>The assigned neighbourhood mother's first name.</summary>
    MotherFirstName,

    /// <summary>The assigned neighbourhood mother's object id.</summary>
    MotherId,

    /// <summary>The assigned mother's own notes.</summary>
    MotherNotes,
}

/// <summary>Which of the three views a person gets: the coordinator's, the assigned mother's, or the referrer's status view.</summary>
public enum ReferralViewKind
{
    None,
    Status,
    AssignedMother,
    Coordinator,
}

/// <summary>One person's view of one referral: what it shows and what she may do from it.</summary>
public sealed record ReferralView(ReferralViewKind Kind, IReadOnlySet<ReferralField> Fields, IReadOnlySet<ReferralAction> Actions)
{
    public static readonly ReferralView None = new(ReferralViewKind.None, new HashSet<ReferralField>(), new HashSet<ReferralAction>());

    public bool Shows(ReferralField field) => Fields.Contains(field);

    public bool Allows(ReferralAction action) => Actions.Contains(action);
}

/// <summary>
/// Who sees which field of a referral and may do what from her view: the one rule that the cards and REST both project
/// (ARCHITECTURE §7). Pure. The coordinator sees the case but not the phone number (she assigns, she does not call);
/// the assigned mother sees what she needs to reach her and her own notes, not the consent details or who referred
/// (except the organisation, when contact goes through it); the referring organisation sees the status, her first
/// name and, while one works on it, the mother's first name; everyone else nothing. The onward-receiving service sees
/// the referral only through its onward referral (<see cref="OnwardFields"/>).
/// </summary>
public static class ReferralVisibility
{
    /// <summary>What a service the woman was referred on to sees of her, on its onward referral, while her data exists.</summary>
    public static readonly IReadOnlySet<ReferralField> OnwardFields = new HashSet<ReferralField>
    {
        ReferralField.FirstName, ReferralField.Languages, ReferralField.Contact, ReferralField.Phone, ReferralField.Needs,
    };

    /// <summary>The fields that are hers: gone from every view once her data is erased.</summary>
    public static readonly IReadOnlySet<ReferralField> Personal = new HashSet<ReferralField>
    {
        ReferralField.FirstName, ReferralField.Languages, ReferralField.Area, ReferralField.Contact, ReferralField.Phone,
        ReferralField.Note, ReferralField.Consent, ReferralField.MotherNotes,
    };

    /// <summary>The actions a view can offer, in the order the views list them.</summary>
    public static readonly IReadOnlyList<ReferralAction> Offered =
    [
        ReferralAction.Accept, ReferralAction.Decline, ReferralAction.Assign, ReferralAction.RecordContact, ReferralAction.Close,
        ReferralAction.Withdraw, ReferralAction.EditNotes, ReferralAction.ReferOnward,
    ];

    private static readonly ReferralField[] CoordinatorFields =
    [
        ReferralField.FirstName, ReferralField.Timeline, ReferralField.Needs, ReferralField.Languages, ReferralField.Area, ReferralField.Contact,
        ReferralField.Note, ReferralField.Consent, ReferralField.DeclineReason, ReferralField.Outcome, ReferralField.ReferrerOrganisation,
        ReferralField.Referrer, ReferralField.MotherFirstName, ReferralField.MotherId, ReferralField.MotherNotes,
    ];

    private static readonly ReferralField[] MotherFields =
    [
        ReferralField.FirstName, ReferralField.Timeline, ReferralField.Needs, ReferralField.Languages, ReferralField.Area, ReferralField.Contact,
        ReferralField.Phone, ReferralField.Note, ReferralField.Outcome, ReferralField.MotherNotes,
    ];

    private static readonly ReferralField[] StatusFields = [ReferralField.FirstName, ReferralField.Timeline];

    public static ReferralView For(Actor viewer, Referral referral)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(referral);
        var kind = KindFor(viewer, referral);
        if (kind == ReferralViewKind.None)
        {
            return ReferralView.None;
        }

        var fields = new HashSet<ReferralField>(kind switch
        {
            ReferralViewKind.Coordinator => CoordinatorFields,
            ReferralViewKind.AssignedMother => MotherFields,
            _ => StatusFields,
        });

        // "Through the referrer" only helps the mother if she knows which institution to go through.
        if (kind == ReferralViewKind.AssignedMother && referral.Person?.Contact.Channel == ContactChannel.ThroughReferrer)
        {
            fields.Add(ReferralField.ReferrerOrganisation);
        }

        // The referrer learns who works with the woman only while someone does (or did, until it closed).
        if (kind == ReferralViewKind.Status && referral.State is ReferralState.Assigned or ReferralState.Contacted or ReferralState.Closed)
        {
            fields.Add(ReferralField.MotherFirstName);
        }

        if (IsErased(referral))
        {
            fields.ExceptWith(Personal);
        }

        return new ReferralView(kind, fields, ActionsFor(viewer, referral));
    }

    /// <summary>
    /// Whether her personal data is gone from every view: erased, or consent withdrawn (which covers every view at once,
    /// onward referrals included, even before the erasure has reached every row).
    /// </summary>
    public static bool IsErased(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return referral.ErasedAt is not null || referral.State == ReferralState.Withdrawn;
    }

    private static ReferralViewKind KindFor(Actor viewer, Referral referral) => viewer.Role switch
    {
        ProjectRole.Coordinator when ReferralAccess.Allows(viewer, ReferralAction.ViewDetails, referral) => ReferralViewKind.Coordinator,
        ProjectRole.NeighbourhoodMother when ReferralAccess.Allows(viewer, ReferralAction.ViewDetails, referral) => ReferralViewKind.AssignedMother,
        _ when ReferralAccess.Allows(viewer, ReferralAction.ViewStatus, referral) => ReferralViewKind.Status,
        _ => ReferralViewKind.None,
    };

    private static HashSet<ReferralAction> ActionsFor(Actor viewer, Referral referral)
    {
        // An erased referral is only its anonymous remainder: nothing may happen to it any more (ReferralWorkflow).
        if (referral.ErasedAt is not null)
        {
            return [];
        }

        return [.. Offered.Where(action => ReferralAccess.Allows(viewer, action, referral) && action switch
        {
            // Referring on sends her details to a service: only while they exist and the programme has not let her go.
            ReferralAction.ReferOnward => referral.Person is not null && referral.State is not ReferralState.Declined and not ReferralState.Withdrawn,
            _ => ReferralWorkflow.AllowedFrom(action).Contains(referral.State),
        })];
    }
}
