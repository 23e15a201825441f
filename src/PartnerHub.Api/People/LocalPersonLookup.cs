using PartnerHub.Api.Demo;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.People;

/// <summary>
/// The stand-in without Graph (the Playground, the demo, tests without Graph): every well-formed object id is an
/// enabled member of the tenant, so nothing that works locally today is refused; the demo cast's first names are
/// known, as the Playground's mock users would be. Announced at start-up with Graph's own "not configured" line.
/// </summary>
public sealed class LocalPersonLookup : IPersonLookup
{
    private static readonly Dictionary<string, string> DemoFirstNames =
        DemoData.Members.ToDictionary(m => m.ObjectId, m => m.FirstName, StringComparer.Ordinal);

    public Task<PersonLookupResult> FindAsync(string objectId, CancellationToken cancellationToken)
    {
        if (DirectoryForms.NormaliseObjectId(objectId) is not { } id)
        {
            return Task.FromResult<PersonLookupResult>(PersonLookupResult.NotFound.Instance);
        }

        return Task.FromResult<PersonLookupResult>(new PersonLookupResult.Found(id, DemoFirstNames.GetValueOrDefault(id), IsGuest: false, AccountEnabled: true));
    }
}
