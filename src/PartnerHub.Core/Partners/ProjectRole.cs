namespace PartnerHub.Core.Partners;

/// <summary>What a person is in one project. Comes from PartnerHub's partner directory, never from a token's claims.</summary>
public enum ProjectRole
{
    Coordinator,
    NeighbourhoodMother,
    PartnerStaff,
    Teacher,
}
