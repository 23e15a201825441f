namespace PartnerHub.Api.Cards;

/// <summary>What a card shows, as the second segment of its location's key (<c>card|{kind}|{id}|{objectId}</c>).</summary>
public enum CardKind
{
    /// <summary>A referral's own cards: the referrer's status card, the coordinators' triage cards, the mother's card.</summary>
    Referral,

    /// <summary>The onward card the receiving service's staff answer on.</summary>
    Onward,

    /// <summary>The small answer card the coordinator who referred her on gets.</summary>
    OnwardStatus,

    /// <summary>A supervision session's card: the organiser's and each invitee's.</summary>
    Session,

    /// <summary>The coordinators' report of who in the project cannot be reached (id: the project id).</summary>
    ReachReport,

    /// <summary>A cohort's course plan, the coordinator's (id: the cohort id).</summary>
    CoursePlan,

    /// <summary>
    /// One teacher booking: the teacher's card, and the coordinator's counter-proposal or unanswered card
    /// (id: <c>{cohortId}.{bookingId}</c>, as booking ids are unique within their cohort).
    /// </summary>
    CourseBooking,

    /// <summary>A cohort's certificates card, the coordinator's (id: the cohort id).</summary>
    CourseCertificates,
}

public static class CardKinds
{
    /// <summary>The key segment: fixed words, so a renamed enum member never moves stored rows.</summary>
    public static string Key(this CardKind kind) => kind switch
    {
        CardKind.Referral => "referral",
        CardKind.Onward => "onward",
        CardKind.OnwardStatus => "onward-status",
        CardKind.Session => "session",
        CardKind.ReachReport => "reach-report",
        CardKind.CoursePlan => "course-plan",
        CardKind.CourseBooking => "course-booking",
        CardKind.CourseCertificates => "course-certificates",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
