using PartnerHub.Api.Demo;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.People;

/// <summary>
/// The people search without Graph (local runs, the Playground, tests): the demo cast (<see cref="DemoData"/>), found by a
/// name that starts with the text, as Graph's tokenised search does. <see cref="IsLocal"/> makes pickers say that no
/// organisation is searched.
/// </summary>
public sealed class LocalPeopleSearch : IPeopleSearch
{
    public bool IsLocal => true;

    public Task<IReadOnlyList<PersonMatch>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        if (PeopleSearchText.Normalize(text) is not { } normalized)
        {
            return Task.FromResult<IReadOnlyList<PersonMatch>>([]);
        }

        IReadOnlyList<PersonMatch> found = [.. DemoData.Members
            .Where(member => member.FirstName.Split(' ').Any(word => word.StartsWith(normalized, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(member => member.FirstName, StringComparer.Ordinal)
            .Take(PeopleSearchText.MaxResults)
            .Select(member => new PersonMatch(member.ObjectId, member.FirstName, member.FirstName, DetailOf(member)))];
        return Task.FromResult(found);
    }

    /// <summary>Her organisation, else the project: the line a tenant's directory fills with job title and department.</summary>
    private static string DetailOf(ProjectMember member) =>
        DemoData.Organisations.FirstOrDefault(o => o.Id == member.OrganisationId)?.Name ?? DemoData.Vollsmose.Name;
}
