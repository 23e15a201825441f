using PartnerHub.Core.Partners;

namespace PartnerHub.Api.People;

/// <summary>
/// The server's check of a person chosen for a project (people picker on a card, object id over REST, an
/// administrator's appointment): she is looked up in the organisation's directory and <see cref="PersonEligibility"/>
/// decides. The directory (Partners/DirectoryService) and the administration (Administration/ProjectAdministration)
/// both call this, so one rule holds on every path.
/// </summary>
public sealed class ChosenPerson(IPersonLookup lookup)
{
    /// <summary>What the directory says about her, and the strings path of the refusal (null when she may have <paramref name="role"/>).</summary>
    /// <param name="objectId">A normalised GUID.</param>
    /// <param name="role">The role asked for; null when the request's role is itself invalid.</param>
    public async Task<(PersonLookupResult Person, string? Refusal)> CheckAsync(string objectId, ProjectRole? role, CancellationToken cancellationToken)
    {
        var person = await lookup.FindAsync(objectId, cancellationToken);
        return (person, PersonEligibility.Refusal(person.InTenant, role));
    }
}
