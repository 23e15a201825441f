namespace PartnerHub.Core.Partners;

/// <summary>
/// What a person is in one project. Granted by PartnerHub's own partner directory, never read from a token's
/// roles or groups: a tenant admin's app-role assignment must not decide who sees a referral.
/// </summary>
public enum ProjectRole
{
    Coordinator,
    NeighbourhoodMother,
    PartnerStaff,
    Teacher,
}
