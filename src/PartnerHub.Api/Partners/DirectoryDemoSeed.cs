using PartnerHub.Api.Demo;

namespace PartnerHub.Api.Partners;

/// <summary>The demo's project, organisations and people (<see cref="DemoData"/>), checked by the directory's own forms first.</summary>
public sealed class DirectoryDemoSeed(ProjectStore projects, DirectoryStore directory) : IDemoSeed
{
    public int Order => 0;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A seed that real data could not be is a bug in the seed: refuse to start rather than show it.
        DemoValidation.ThrowIfInvalid();
        await projects.UpsertAsync(DemoData.Vollsmose, cancellationToken);
        foreach (var organisation in DemoData.Organisations)
        {
            await directory.UpsertOrganisationAsync(organisation, cancellationToken);
        }

        foreach (var member in DemoData.Members)
        {
            await directory.UpsertMemberAsync(DemoData.PlaygroundTenant, member, cancellationToken);
        }

        // Upserts: the directory is rewritten each start, so nothing counts as new.
        return 0;
    }
}
