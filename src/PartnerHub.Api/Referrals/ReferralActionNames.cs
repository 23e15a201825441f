using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>The REST names of the workflow's actions: a transition's <c>action</c> and a view's <c>allowedActions</c>.</summary>
internal static class ReferralActionNames
{
    private static readonly (string Name, ReferralAction Action)[] Names =
    [
        ("accept", ReferralAction.Accept),
        ("decline", ReferralAction.Decline),
        ("assign", ReferralAction.Assign),
        ("recordContact", ReferralAction.RecordContact),
        ("close", ReferralAction.Close),
        ("withdraw", ReferralAction.Withdraw),
        ("editNotes", ReferralAction.EditNotes),
    ];

    /// <summary>The named actions a view allows, in the workflow's order.</summary>
    public static List<string> AllowedBy(ReferralView view) => [.. Names.Where(a => view.Allows(a.Action)).Select(a => a.Name)];

    /// <summary>The action a REST client named, in any case; null when there is none by that name.</summary>
    public static ReferralAction? Find(string name) =>
        Array.Find(Names, a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found ? found.Action : null;
}
